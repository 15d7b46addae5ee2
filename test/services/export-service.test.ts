// exportStage's checks of its input, which all come before the first AWS call.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {UsageError} from '../../src/core/errors.js'
import {type ExportRequest, exportStage} from '../../src/services/export-service.js'

const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-export-service-'))

beforeAll(() => {
  writeFileSync(join(scratch, 'a-file'), 'x')
  mkdirSync(join(scratch, 'spec-without-stage'))
  writeFileSync(join(scratch, 'spec-without-stage', 'binfix.yaml'), 'version: 1\napi: images\n')
})

afterAll(() => rmSync(scratch, {recursive: true, force: true}))

/** Nothing listens on port 9: a request that got as far as AWS would fail with a network error, not a usage error. */
function request(overrides: Partial<ExportRequest>): ExportRequest {
  return {api: 'images', stage: 'v1', type: 'oas30', format: 'json', connection: {endpointUrl: 'http://127.0.0.1:9', region: 'us-east-1'}, cwd: scratch, ...overrides}
}

it.each([
  [{out: 'missing-dir/api.json'}, '--out missing-dir/api.json: directory missing-dir does not exist'],
  [{out: 'a-file/api.json'}, '--out a-file/api.json: a-file is not a directory'],
  [{out: '.'}, '--out .: is a directory; name a file'],
  [{out: ''}, '--out: the file name is empty'],
  [{stage: undefined}, '--stage is required (or stage: in binfix.yaml)'],
  [{stage: undefined, cwd: 'spec-without-stage'}, '--stage is required (or stage: in binfix.yaml)'],
  [{api: undefined}, 'No REST API given: pass <api> (an id or a name) or set api: in binfix.yaml'],
])('%j: UsageError before any AWS call', async (overrides, message) => {
  const {cwd, ...rest} = overrides as Partial<ExportRequest>
  const failure = await exportStage(request({...rest, cwd: cwd === undefined ? scratch : join(scratch, cwd)})).catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(UsageError)
  expect((failure as UsageError).message).toBe(message)
})
