// lint against what a hostile pull request can hold: each is refused in one line naming the file (exit 2)
// when named, listed as skipped or left when found in a folder; never a hang, a stack trace or a RangeError.
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {UsageError} from '../../src/core/errors.js'
import {lintPaths, lintSource} from '../../src/services/lint-service.js'

const TEMPLATE = readFileSync(fileURLToPath(new URL('../../fixtures/lint/sam/cors-catch-all.yaml', import.meta.url)), 'utf8')
const API = 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lint-hostile-'))
})
afterEach(() => {
  rmSync(dir, {recursive: true, force: true})
})

const lint = (...paths: string[]) => lintPaths({paths, cwd: dir})

/** The refusal of a named file: its one line, checked to be a UsageError naming the file. */
async function refusalOf(file: string): Promise<string> {
  const error: unknown = await lint(file).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(UsageError)
  const {message} = error as UsageError
  expect(message.startsWith(`${file}:`)).toBe(true)
  expect(message).not.toMatch(/[\r\n]/)
  expect(message.length).toBeLessThan(file.length + 400)
  return message
}

describe('lint refuses hostile files in one line', () => {
  it('an alias bomb (a billion laughs): refused at its line when named, listed as skipped in a folder', async () => {
    const levels = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((level) => `        b${level}: &b${level} [${level === 0 ? 'x, x, x, x, x, x, x, x, x, x' : Array(10).fill(`*b${level - 1}`).join(', ')}]`)
    writeFileSync(join(dir, 'bomb.yaml'), `${API}      Body:\n${levels.join('\n')}\n`)
    expect(await refusalOf('bomb.yaml')).toMatch(/^bomb\.yaml: not a readable CloudFormation template: line \d+, column \d+: aliases expand to more than 100000 values$/)
    expect((await lint('.')).skipped).toEqual([{file: 'bomb.yaml', reason: expect.stringContaining('aliases expand to more than')}])
  })

  it.each([
    ['deep-flow.yaml', `${API}      Body: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`],
    ['deep-block.yaml', `${API}      Body:\n        ${'- '.repeat(5_000)}1\n`],
    ['deep.json', `{"Resources": {"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Body": ${'{"a": '.repeat(5_000)}1${'}'.repeat(5_000)}}}}}`],
    ['deep-tags.yaml', `${API}      Name: ${'!Sub ['.repeat(5_000)}x${']'.repeat(5_000)}\n`],
    ['deep-openapi.json', `{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/": {"get": ${'{"a": '.repeat(5_000)}1${'}'.repeat(5_000)}}}}`],
  ])('nesting 5,000 deep (%s): refused at its line and column, before any recursion', async (file, text) => {
    writeFileSync(join(dir, file), text)
    expect(await refusalOf(file)).toMatch(/: line \d+, column \d+: nested more than 100 levels deep$/)
  })

  it('a 50 MB file: refused by its size before it is read (API Gateway imports definitions of 6 MB at most)', async () => {
    const handle = openSync(join(dir, 'huge.json'), 'w')
    ftruncateSync(handle, 50 * 1024 * 1024)
    closeSync(handle)
    const before = process.memoryUsage().arrayBuffers
    expect(await refusalOf('huge.json')).toBe('huge.json: 52428800 bytes, larger than the 6291456 bytes (6 MB) of the largest definition API Gateway imports')
    // Nothing of the file's size was allocated to read it.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10 * 1024 * 1024)
    expect((await lint('.')).skipped).toEqual([{file: 'huge.json', reason: expect.stringContaining('larger than the 6291456 bytes')}])
  })

  it('a template over CloudFormation 1 MB quota (a template body in S3): refused before it is parsed', async () => {
    writeFileSync(join(dir, 'big.yaml'), `Description: ${'x'.repeat(1024 * 1024)}\n${TEMPLATE}`)
    expect(await refusalOf('big.yaml')).toMatch(/^big\.yaml: a template of \d+ bytes, larger than the 1048576 bytes \(1 MB\) CloudFormation accepts$/)
  })

  it('bytes that are not UTF-8: refused at their line and column, not read as U+FFFD', async () => {
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from(`${API}      Name: caf`), Buffer.from([0xe9]), Buffer.from('\n')]))
    expect(await refusalOf('latin1.yaml')).toBe('latin1.yaml: line 5, column 16: not UTF-8 (CloudFormation, API Gateway and Terraform read UTF-8 only)')
  })

  it('a FIFO or a device named: refused without waiting on it; a FIFO in a folder is left', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')])
    expect(await refusalOf('pipe.yaml')).toBe('pipe.yaml: not a regular file (a FIFO), not a definition lint reads')
    expect(await lintPaths({paths: ['/dev/zero'], cwd: dir}).catch((error: Error) => error.message)).toBe('/dev/zero: not a regular file (a device), not a definition lint reads')
    writeFileSync(join(dir, 'template.yaml'), TEMPLATE)
    const report = await lint('.')
    expect(report.files.map((entry) => entry.file)).toEqual(['template.yaml'])
    expect(report.skipped).toEqual([])
  })

  it('symbolic links in a folder are not followed: a loop ends, a file outside the folder is not read', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'lint-outside-'))
    try {
      writeFileSync(join(outside, 'secret.yaml'), TEMPLATE)
      mkdirSync(join(dir, 'repo'))
      writeFileSync(join(dir, 'repo', 'template.yaml'), TEMPLATE)
      symlinkSync(join(dir, 'repo'), join(dir, 'repo', 'loop'))
      symlinkSync('a.yaml', join(dir, 'repo', 'b.yaml'))
      symlinkSync('b.yaml', join(dir, 'repo', 'a.yaml'))
      symlinkSync(join(outside, 'secret.yaml'), join(dir, 'repo', 'linked.yaml'))
      symlinkSync(outside, join(dir, 'repo', 'linked-folder'))
      const report = await lint('repo')
      expect(report.files.map((entry) => entry.file)).toEqual(['repo/template.yaml'])
      expect(report.skipped).toEqual([])
      // Named, a link is the user's choice and followed; a loop is refused in one line.
      expect(await lintPaths({paths: ['repo/a.yaml'], cwd: dir}).catch((error: Error) => error.message)).toBe('repo/a.yaml: cannot be read (ELOOP)')
    } finally {
      rmSync(outside, {recursive: true, force: true})
    }
  })

  it('regular-expression shapes that backtrack: a file of blank lines, long runs of hex digits and of slashes', () => {
    const cases: Array<[string, string]> = [
      ['blank.yaml', `${'\n'.repeat(300_000)}Resources`],
      ['hex-id.json', JSON.stringify({Resources: {[`${'a'.repeat(100_000)}z`]: {Type: 'AWS::ApiGateway::Deployment', Properties: {RestApiId: {Ref: 'Api'}}}, Api: {Type: 'AWS::ApiGateway::RestApi', Properties: {Name: 'x'}}}})],
      ['digits.json', JSON.stringify({Resources: {[`D${'1'.repeat(100_000)}z`]: {Type: 'AWS::ApiGateway::Deployment', Properties: {RestApiId: {Ref: 'Api'}}}, Api: {Type: 'AWS::ApiGateway::RestApi', Properties: {Name: 'x'}}}})],
      ['slashes.json', JSON.stringify({openapi: '3.0.1', info: {title: 't', version: '1'}, paths: {[`/${'/'.repeat(100_000)}x`]: {get: {}}}})],
      ['serverless.yml', `service: s\nprovider: {name: aws}\nfunctions:\n  f:\n    handler: h\n    events:\n      - http: {method: get, path: "${'/'.repeat(100_000)}x${'/'.repeat(100_000)}"}\n`],
      ['tilde.json', JSON.stringify({openapi: '3.0.1', info: {title: 't', version: '1'}, 'x-amazon-apigateway-binary-media-types': ['~1'.repeat(50_000), '*/*'.repeat(30_000)], paths: {}})],
    ]
    for (const [file, text] of cases) {
      const started = performance.now()
      try {
        lintSource(file, text, true, undefined)
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError)
      }
      // Linear work takes well under a second here; the backtracking shapes took minutes.
      expect({file, slow: performance.now() - started > 10_000}).toEqual({file, slow: false})
    }
  })
})
