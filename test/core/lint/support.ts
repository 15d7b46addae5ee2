// What the lint tests share: the fixtures, SAM's translator run as a child process, and findings reduced to
// what two reads of the same API must agree on.
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import type {DesiredSpec} from '../../../src/core/desired-spec.js'
import {type FileLint, type LintFinding, lintText} from '../../../src/core/lint/index.js'
import {parseDesiredSpec} from '../../../src/desired-spec/load-spec.js'

export const lintFixture = (path: string) => fileURLToPath(new URL(`../../../fixtures/lint/${path}`, import.meta.url))

export function readFixture(path: string): string {
  return readFileSync(lintFixture(path), 'utf8')
}

export function specFixture(path: string): DesiredSpec {
  return parseDesiredSpec(path, readFileSync(fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url)), 'utf8'))
}

/** Lints a fixture under the name it has in fixtures/lint (the name decides .serverless/ and cdk.out/ files). */
export function lintFixtureFile(path: string, spec?: DesiredSpec): Extract<FileLint, {format: string}> {
  const result = lintText(`fixtures/lint/${path}`, readFixture(path), spec)
  if ('skipped' in result) throw new Error(`${path} was skipped: ${result.skipped}`)
  return result
}

/** 1-based line and column of the first occurrence of `text` in `source` (after `after`, when given). */
export function placeOf(source: string, text: string, after = ''): {line: number; column: number} {
  const start = after === '' ? 0 : source.indexOf(after)
  const offset = source.indexOf(text, start)
  if (start < 0 || offset < 0) throw new Error(`${JSON.stringify(text)} is not in the text`)
  const before = source.slice(0, offset)
  return {line: before.split('\n').length, column: offset - before.lastIndexOf('\n')}
}

/** The SAM template as aws-sam-translator transforms it (CloudFormation JSON), as `sam deploy` would hand it to CloudFormation. */
export function samTranslate(template: string): string {
  const script = [
    'import json, sys',
    'from samtranslator.translator.transform import transform',
    'from samtranslator.yaml_helper import yaml_parse',
    'class Policies:',
    '    def load(self):',
    "        return {'AWSLambdaBasicExecutionRole': 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'}",
    'print(json.dumps(transform(yaml_parse(sys.stdin.read()), {}, Policies()), indent=2))',
  ].join('\n')
  const run = spawnSync('python3', ['-c', script], {input: template, encoding: 'utf8', env: {...process.env, AWS_DEFAULT_REGION: 'us-east-1'}, timeout: 60_000})
  if (run.status !== 0) throw new Error(`aws-sam-translator failed: ${run.stderr}`)
  return run.stdout
}

/** What two reads of one API must agree on: the audit rule (or lint rule) and the subject, never the wording or the line. */
export function subjects(findings: readonly LintFinding[]): string[] {
  return findings.map((entry) => [entry.auditKind ?? entry.ruleId, entry.severity, entry.httpMethod ?? '', entry.resourcePath ?? '', entry.statusCode ?? '', entry.mediaType ?? ''].filter(Boolean).join(' ')).sort()
}
