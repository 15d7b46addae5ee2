// lint under damaged templates, serverless.yml, OpenAPI documents and Terraform plans: whatever a pull
// request brings, each file named to lint is linted (every finding placed at a line and column inside it)
// or skipped or refused in one short line naming it (a UsageError, exit 2); never another error, never a
// hang. The seeds are the real fixtures, each under its own name (the name decides serverless.yml,
// .serverless/ and cdk.out/ files).
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import fc from 'fast-check'

import {lintSource} from '../../src/services/lint-service.js'
import {type FuzzCase, TEXT_MUTATIONS, YAML_SNIPPETS, fuzzText, insertions} from '../helpers/fuzz-text.js'

const FIXTURES = [
  'lint/sam/api_with_cors_no_definitionbody.yaml',
  'lint/sam/cors-catch-all.yaml',
  'lint/sam/cors-narrow-types.yaml',
  'lint/serverless/joke-api-binary/serverless.yml',
  'lint/serverless/joke-api-cors/serverless.yml',
  'lint/serverless/joke-api-binary/.serverless/cloudformation-template-update-stack.json',
  'lint/terraform/broken/plan.json',
  'lint/terraform/published/plan.json',
  'apis/image-api.oas30.json',
  'apis/image-api.swagger.json',
  'apis/rest-with-auth.yaml',
  'apis/thumbnail-service.oas30.json',
]
// About 8 ms a case on one core (the long insertions dominate): about 8 s in all (CI budget).
const RUNS_PER_FIXTURE = 80
/** Far more than any file of these sizes needs: a case slower than this is a hang in the making. */
const SLOW_CASE_MS = 2_000

/** What templates, OpenAPI documents and plans hold that lint's readers each interpret: intrinsics, extensions, escapes. */
const LINT_SNIPPETS: readonly string[] = [
  '!Ref ',
  '!GetAtt Api.RootResourceId',
  '!Sub ',
  '!If [Cond, a, b]',
  '!Join ["", [a, b]]',
  '!Select [0, [a]]',
  '!Base64 ',
  '!Unknown ',
  '{"Ref": "AWS::NoValue"}',
  '{"Fn::If": ["C", "a"]}',
  '{"Fn::Sub": ["${A}", {"A": 1}]}',
  '{"Fn::Transform": {"Name": "AWS::Include"}}',
  '"Resources": {}, ',
  '"Resources": [], ',
  'Resources: 1\n',
  '"Type": "AWS::ApiGateway::RestApi", ',
  '"Type": "AWS::Serverless::Api", ',
  '"Properties": null, ',
  '"BinaryMediaTypes": ["image~1png", "*/*", 7, null], ',
  '"BinaryMediaTypes": "*~1*", ',
  '"x-amazon-apigateway-binary-media-types": ["~1", "*/*"], ',
  '"x-amazon-apigateway-integration": {"contentHandling": "CONVERT_TO_TEXT"}, ',
  '"contentHandling": 5, ',
  '"DefinitionBody": "", ',
  '"Body": {"openapi": "3.0.1"}, ',
  '"body": "{\\"openapi\\": \\"3.0.1\\", \\"paths\\": {\\"/\\": 1}}", ',
  '"body": "{{{{", ',
  '"triggers": {"redeployment": null}, ',
  '"values": null, ',
  '"child_modules": [{"resources": 1}], ',
  'binaryMediaTypes: ["*/*"]\n',
  'cors: true\n',
  'integration: lambda\n',
  '~1',
  '*/*',
  '~1'.repeat(2_000),
  '*/'.repeat(2_000),
  '\\u0000',
  '\\ud800',
]

const MUTATIONS = {...TEXT_MUTATIONS, ...insertions([...YAML_SNIPPETS, ...LINT_SNIPPETS])}

const fixturePath = (path: string): string => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url))

/** What is wrong with how lint took `text` as the named file `file`, or [] when it linted, skipped or refused it properly. */
function lintProblems(file: string, text: string): {outcome: 'linted' | 'skipped' | 'refused'; problems: string[]} {
  let result: ReturnType<typeof lintSource>
  try {
    result = lintSource(file, text, true, undefined)
  } catch (error) {
    return {outcome: 'refused', problems: refusal(error, file)}
  }
  if ('skipped' in result) {
    return {outcome: 'skipped', problems: result.skipped.includes('\n') || result.skipped.length > 400 ? [`a skip reason that is not one short line: ${JSON.stringify(result.skipped.slice(0, 200))}`] : []}
  }
  const lines = text.split(/\r?\n/)
  const problems: string[] = []
  for (const finding of result.findings) {
    const line = lines[finding.line - 1]
    if (finding.file !== file) problems.push(`a finding in another file: ${finding.file}`)
    if (!Number.isInteger(finding.line) || line === undefined) problems.push(`${finding.ruleId} at line ${finding.line} of ${lines.length}`)
    else if (!Number.isInteger(finding.column) || finding.column < 1 || finding.column > line.length + 1) problems.push(`${finding.ruleId} at column ${finding.column} of a line of ${line.length}`)
  }
  return {outcome: 'linted', problems}
}

function refusal(error: unknown, file: string): string[] {
  if (!(error instanceof Error)) return [`threw a non-error: ${String(error)}`]
  const problems: string[] = []
  const {message} = error
  if (error.constructor.name !== 'UsageError' || (error as {exitCode?: number}).exitCode !== 2) problems.push(`threw ${error.constructor.name}: ${message.slice(0, 200)}`)
  if (/[\n\r]/.test(message)) problems.push(`a message of several lines: ${JSON.stringify(message.slice(0, 200))}`)
  if (message.length > file.length + 400) problems.push(`a message of ${message.length} characters`)
  if (!message.startsWith(`${file}:`)) problems.push(`a message that does not start with the file: ${JSON.stringify(message.slice(0, 200))}`)
  if (/\bat .+:\d+:\d+\)/.test(message)) problems.push('a stack trace in the message')
  return problems
}

describe('lint under fuzzing', () => {
  it.each(FIXTURES)('lints %s before it is damaged', (path) => {
    const result = lintSource(path, readFileSync(fixturePath(path), 'utf8'), true, undefined)
    expect('skipped' in result ? result.skipped : result.apis.length > 0).toBe(true)
  })

  it('lints, skips or refuses in one line every damaged file', () => {
    const tally = {linted: 0, skipped: 0, refused: 0}
    const violations: Array<{file: string; steps: string[]; problems: string[]; start: string}> = []
    FIXTURES.forEach((path, index) => {
      const seed = readFileSync(fixturePath(path), 'utf8')
      fc.assert(
        fc.property(fuzzText(fc.constant(seed), MUTATIONS), (fuzzCase: FuzzCase) => {
          const started = performance.now()
          const {outcome, problems} = lintProblems(path, fuzzCase.text)
          const elapsed = performance.now() - started
          if (elapsed > SLOW_CASE_MS) problems.push(`took ${Math.round(elapsed)} ms`)
          if (problems.length > 0) violations.push({file: path, steps: fuzzCase.steps, problems, start: fuzzCase.text.slice(0, 200)})
          tally[outcome]++
        }),
        {seed: 20_261_206 + index, numRuns: RUNS_PER_FIXTURE},
      )
    })
    // Printed for the report: how the cases ended.
    console.log(`lint fuzz: ${FIXTURES.length * RUNS_PER_FIXTURE} cases, ${JSON.stringify(tally)}`)
    expect(tally.linted + tally.skipped + tally.refused).toBe(FIXTURES.length * RUNS_PER_FIXTURE)
    expect(violations).toEqual([])
  })
})
