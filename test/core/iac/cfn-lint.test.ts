// The CloudFormation and SAM snippets, placed in a minimal template, pass cfn-lint: property names, enums
// and shapes are CloudFormation's own (cfn-lint checks them against the resource schemas, and runs the SAM
// transform first), with placeholder logical ids and with the names of the stacks that deploy the sample
// APIs. Skipped, with the reason in the test name, where cfn-lint is not installed.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {stringify} from 'yaml'

import type {DurableChange} from '../../../src/core/iac/durable-change.js'
import {renderIac} from '../../../src/core/iac/index.js'
import {
  IMAGE_STACK_OWNER,
  THUMBNAIL_STACK_OWNER,
  changeFor,
  driftedImageApi,
  fixtureApi,
  fixtureSpec,
  fixtureStackNames,
  imageApiChange,
  streamedThumbnailChange,
  thumbnailChange,
  toStreamThumbnailChange,
} from './iac-fixtures.js'
import {cloudFormationTemplate, samTemplate} from './templates.js'

function findCfnLint(): string | undefined {
  const candidates = [process.env['CFN_LINT'], '/root/.pyenv/shims/cfn-lint', ...(process.env['PATH'] ?? '').split(':').map((dir) => join(dir, 'cfn-lint'))]
  return candidates.find((candidate): candidate is string => candidate !== undefined && candidate !== '' && existsSync(candidate))
}

const cfnLint = findCfnLint()
const suite = cfnLint ? describe : describe.skip
let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-cfn-lint-'))
})
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

/** An exact-mode spec on the image API that also unsets a response: removals and PASSTHROUGH in the output. */
function exactImageChange(): DurableChange {
  const live = {...driftedImageApi(), binaryMediaTypes: ['image/png', 'application/octet-stream']}
  const spec = {...fixtureSpec('image-api.binfix.yaml'), binaryMediaTypesMode: 'exact' as const, routes: [{key: 'GET /lambda', httpMethod: 'GET', resourcePath: '/lambda', responses: {'200': 'CONVERT_TO_BINARY' as const, '500': 'PASSTHROUGH' as const}}]}
  return changeFor(live, spec)
}

const cases: Array<[string, () => DurableChange]> = [
  ['the drifted image API', imageApiChange],
  ['the thumbnail service', thumbnailChange],
  ['an exact-mode spec with removals and a response set to PASSTHROUGH', exactImageChange],
  ['the streamed thumbnail service', streamedThumbnailChange],
  ['the thumbnail service to be streamed (ResponseTransferMode and Uri)', toStreamThumbnailChange],
  ['a spec without a stage', () => changeFor(fixtureApi('thumbnail-service.oas30.json'), fixtureSpec('thumbnail-service.binfix.yaml'), null)],
]

/** The templates every case places its snippets in, linted in one cfn-lint run (each run costs ~2 s). */
function templates(): Record<string, Record<string, unknown>> {
  const all: Record<string, Record<string, unknown>> = {}
  for (const [name, change] of cases) {
    const value = change()
    all[`CloudFormation: ${name}`] = cloudFormationTemplate(value, renderIac('cloudformation', value))
    all[`SAM: ${name}`] = samTemplate(value, renderIac('sam', value))
  }
  const thumbnail = thumbnailChange()
  all['SAM: the Globals alternative of the footer'] = samTemplate(thumbnail, renderIac('sam', thumbnail), {globals: true})
  const thumbnailNames = fixtureStackNames('cloudformation', 'thumbnail-service.serverless.json', THUMBNAIL_STACK_OWNER, fixtureApi('thumbnail-service.oas30.json'))
  all['CloudFormation: the thumbnail service, named as in its Serverless stack'] = cloudFormationTemplate(thumbnail, renderIac('cloudformation', thumbnail, thumbnailNames), thumbnailNames)
  const image = imageApiChange()
  const imageNames = fixtureStackNames('sam', 'image-api.sam.yaml', IMAGE_STACK_OWNER, driftedImageApi())
  all['SAM: the image API, named as in its SAM stack'] = samTemplate(image, renderIac('sam', image, imageNames), {names: imageNames})
  return all
}

/** cfn-lint's findings per template: its report names the file under each finding. */
function lintAll(all: Record<string, Record<string, unknown>>): {code: number | null; findings: Record<string, string[]>} {
  const files = Object.keys(all).map((name, index) => {
    const file = join(scratch, `template-${index}.yaml`)
    writeFileSync(file, stringify(all[name]))
    return [name, file] as const
  })
  const run = spawnSync(cfnLint!, files.map(([, file]) => file), {encoding: 'utf8', timeout: 120_000})
  const blocks = `${run.stdout}${run.stderr}`.split(/\n\s*\n/).filter((block) => block.trim() !== '')
  const findings = Object.fromEntries(files.map(([name, file]) => [name, blocks.filter((block) => block.includes(`${file}:`))]))
  const unattributed = blocks.filter((block) => !files.some(([, file]) => block.includes(`${file}:`)))
  return {code: run.status, findings: {...findings, unattributed}}
}

suite(`cfn-lint ${cfnLint ? '' : '(skipped: cfn-lint not found; set CFN_LINT) '}accepts the snippets in a minimal template`, () => {
  const all = templates()
  let result: ReturnType<typeof lintAll>

  beforeAll(() => {
    result = lintAll(all)
  }, 120_000)

  it.each(Object.keys(all))('%s', (name) => {
    expect(result.findings[name]).toEqual([])
  })

  it('reports nothing else, and exits 0', () => {
    expect(result.findings['unattributed']).toEqual([])
    expect(result.code).toBe(0)
  })

  it('the named templates use the stacks\' logical ids', () => {
    expect(Object.keys(all['CloudFormation: the thumbnail service, named as in its Serverless stack']!['Resources'] as object)).toEqual(
      expect.arrayContaining(['ApiGatewayRestApi', 'ApiGatewayMethodUploadOptions', 'ApiGatewayMethodThumbnailsKeyVarOptions']),
    )
    expect(Object.keys(all['SAM: the image API, named as in its SAM stack']!['Resources'] as object)).toEqual(['ApiName', 'Fn'])
  })

  it('the Globals alternative moves the list, in SAM\'s form', () => {
    expect(all['SAM: the Globals alternative of the footer']!['Globals']).toEqual({Api: {BinaryMediaTypes: ['*~1*']}})
  })

  it('can fail: a wrong enum value is reported against its template', () => {
    const value = imageApiChange()
    const text = renderIac('cloudformation', value).replace('ContentHandling: CONVERT_TO_TEXT', 'ContentHandling: CONVERT_TO_TXT')
    const broken = lintAll({broken: cloudFormationTemplate(value, text)})
    expect(broken.code).not.toBe(0)
    expect(broken.findings['broken']!.join('\n')).toContain('CONVERT_TO_TXT')
  })
})
