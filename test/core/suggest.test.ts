// "Did you mean": the closest known name to a mistyped one, and none when nothing is close.
import {closestName} from '../../src/core/suggest.js'

describe('closestName', () => {
  it.each([
    ['a letter missing', 'lamda', ['lambda', 'thumbnails'], 'lambda'],
    ['a route key', 'PUT /lamda', ['GET /lambda', 'PUT /lambda', 'PUT /s3'], 'PUT /lambda'],
    ['two letters swapped', 'aduit', ['apply', 'audit', 'export'], 'audit'],
    ['another case', 'Images', ['images', 'twin'], 'images'],
    ['a flag', 'stag', ['spec', 'stage', 'stack'], 'stage'],
    ['two letters swapped in a short name', 'sepc', ['spec', 'stage', 'stack'], 'spec'],
    ['a short stage name', 'v2', ['v1', 'prod'], 'v1'],
    ['an API name', 'image-ap', ['ApiName', 'image-api', 'filler'], 'image-api'],
  ])('%s: %s → %s', (_case, input, candidates, expected) => {
    expect(closestName(input, candidates)).toBe(expected)
  })

  it.each([
    ['an unrelated command', 'nosuchcmd', ['apply', 'audit', 'export', 'iac', 'init', 'plan', 'rollback', 'sandbox', 'verify']],
    ['an unrelated stage', 'prod', ['dev', 'v1']],
    ['an unrelated short name', 'ab', ['xy', 'v1']],
    ['nothing to choose from', 'lambda', []],
  ])('%s: no suggestion', (_case, input, candidates) => {
    expect(closestName(input, candidates)).toBeUndefined()
  })

  it('never suggests the name itself; of equally close names, the first in sort order', () => {
    expect(closestName('v1', ['v1'])).toBeUndefined()
    expect(closestName('v3', ['v2', 'v1'])).toBe('v1')
  })
})
