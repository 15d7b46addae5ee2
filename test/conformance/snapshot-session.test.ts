import {asRecorded} from './snapshot-session.js'

describe('asRecorded: what LocalStack did to an answer before recording it', () => {
  it('parses object values that are JSON text starting with {, and leaves other text alone', () => {
    const answer = {
      requestTemplates: {'application/json': '{"statusCode": 200}', 'text/plain': '{not json'},
      body: '{\n  "swagger": "2.0"\n}',
      list: ['{"a": 1}', {inner: '{"b": 2}'}],
      spaced: ' {"c": 3}',
    }
    expect(asRecorded('key', answer)).toEqual({
      requestTemplates: {'application/json': {statusCode: 200}, 'text/plain': '{not json'},
      body: {swagger: '2.0'},
      list: ['{"a": 1}', {inner: {b: 2}}],
      spaced: ' {"c": 3}',
    })
  })

  it('parses the answer itself when it is such text', () => {
    expect(asRecorded('key', '{"message": "Internal server error"}')).toEqual({message: 'Internal server error'})
  })

  it('writes ISO 8601 timestamps as "date", inside text and keys too, and leaves other dates alone', () => {
    const answer = {version: '2025-07-02T16:22:33Z', file: 'swagger_2025-07-02T16:22:33.123+02:00.json', '2024-02-29T00:00:00Z': 1, plain: '2025-07-02', impossible: '2025-02-30T10:00:00Z'}
    expect(asRecorded('key', answer)).toEqual({version: 'date', file: 'swagger_date.json', date: 1, plain: '2025-07-02', impossible: '2025-02-30T10:00:00Z'})
  })
})
