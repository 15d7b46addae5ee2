// lint's machine outputs on the fixtures of fixtures/lint: the SARIF 2.1.0 log validated against OASIS's
// schema (fixtures/sarif) with what GitHub code scanning reads (rules with help, a physical location with a
// repository-relative path, line and column, partial fingerprints that survive a moved line), and the
// workflow commands that annotate a pull request.
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {Ajv} from 'ajv'

import {lintText} from '../../src/core/lint/index.js'
import {type LintReport, lintPaths} from '../../src/services/lint-service.js'
import {renderGithubAnnotations} from '../../src/ui/lint-view.js'
import {sarifLog} from '../../src/ui/lint-sarif.js'

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url))

/**
 * The schema is draft 4, which ajv 8 reads as draft 7 once its `id` is `$id` (no draft-04 package is
 * installed); `format` is not checked (no ajv-formats either).
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url)), 'utf8')) as Record<string, unknown>
  const {$schema: _draft, id, ...rest} = schema
  return new Ajv({strict: false, validateFormats: false, allErrors: true}).compile({...rest, $id: String(id)})
}

let report: LintReport
beforeAll(async () => {
  report = await lintPaths({paths: ['fixtures/lint'], cwd: repositoryRoot, specFile: 'fixtures/lint/specs/joke-api.binfix.yaml'})
})

describe('--format sarif', () => {
  it('is a valid SARIF 2.1.0 log with every finding, located in the repository', () => {
    const log = sarifLog(report, '0.1.0')
    const validate = sarifValidator()
    expect(validate(log) ? [] : validate.errors).toEqual([])
    // The validator refuses what GitHub would: a result without its message, a level SARIF does not have.
    expect(validate({...log, runs: [{...log.runs[0]!, results: [{ruleId: 'x', level: 'fatal'}]}]})).toBe(false)
    const results = log.runs[0]!.results!
    expect(results.length).toBe(report.findings.length)
    expect(results.length).toBeGreaterThan(5)
    const rules = log.runs[0]!.tool.driver.rules!
    for (const result of results) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId)
      const location = result.locations![0]!.physicalLocation!
      expect(location.artifactLocation!.uri).toMatch(/^fixtures\/lint\/[^:]+$/)
      expect(location.region!.startLine).toBeGreaterThanOrEqual(1)
      expect(location.region!.startColumn).toBeGreaterThanOrEqual(1)
    }
    for (const rule of rules) expect(rule.help!.text.length).toBeGreaterThan(20)
    // One fingerprint per finding.
    const fingerprints = results.map((result) => result.partialFingerprints!['apigwBinfixFinding/v1'])
    expect(new Set(fingerprints).size).toBe(fingerprints.length)
    // Folders are walked into .serverless (the compiled template) and read in path order.
    expect(report.files.map((file) => file.file)).toContain('fixtures/lint/serverless/joke-api/.serverless/cloudformation-template-update-stack.json')
  })

  it('fingerprints are stable: the same across runs, and when lines move above the finding', async () => {
    const again = await lintPaths({paths: ['fixtures/lint'], cwd: repositoryRoot, specFile: 'fixtures/lint/specs/joke-api.binfix.yaml'})
    expect(again.findings.map((entry) => entry.fingerprint)).toEqual(report.findings.map((entry) => entry.fingerprint))
    const text = readFileSync(`${repositoryRoot}fixtures/lint/sam/cors-catch-all.yaml`, 'utf8')
    const before = lintText('template.yaml', text)
    const moved = lintText('template.yaml', `# a comment\n\n${text}`)
    if ('skipped' in before || 'skipped' in moved) throw new Error('skipped')
    expect(moved.findings.map((entry) => entry.line)).toEqual(before.findings.map((entry) => entry.line + 2))
    expect(moved.findings.map((entry) => entry.fingerprint)).toEqual(before.findings.map((entry) => entry.fingerprint))
  })
})

describe('--format github', () => {
  it('one workflow command per finding, with file, line and column, the message on one line', () => {
    const lines = renderGithubAnnotations(report).split('\n')
    expect(lines).toHaveLength(report.findings.length)
    lines.forEach((line, index) => {
      const finding = report.findings[index]!
      const level = {error: 'error', warning: 'warning', info: 'notice'}[finding.severity]
      expect(line.startsWith(`::${level} file=${finding.file},line=${finding.line},col=${finding.column},title=apigw-binfix ${finding.ruleId}::`)).toBe(true)
    })
    const escaping = lines.find((line) => line.includes('binary-media-type-escaping'))!
    expect(escaping).toContain('%0AFix:%0A')
  })
})
