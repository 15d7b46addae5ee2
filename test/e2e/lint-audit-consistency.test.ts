// Item 6 of issue 20: for the same API, lint of the template that deploys it and audit of the API deployed
// from it report the same findings. Two APIs of the sandbox's stacks (--import-stack): SAM's hello-world,
// whose implicit API the sandbox builds from the template itself, and AWS's sample image API, imported from
// the OpenAPI document that is the SAM template's DefinitionBody. Each is judged against specs that find
// something on every rule the two share; lint's file-only rules (how the file is deployed) have no
// counterpart in a live API and are left out of the comparison.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {Finding} from '../../src/core/findings.js'
import {lintText} from '../../src/core/lint/index.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {setUpSandbox} from '../../src/sandbox/setup.js'
import {auditApi} from '../../src/services/audit-service.js'
import {parseDesiredSpec} from '../../src/desired-spec/load-spec.js'
import {startTestSandbox} from '../helpers/sandbox.js'
import {IMAGE_TEMPLATE, fixture, imageSandbox} from '../sandbox/cloudformation/support.js'
import {subjects} from '../core/lint/support.js'
import {CONNECTION} from './apply-support.js'
import {useTestCredentials} from './audit-support.js'

let restoreEnvironment: () => void
let scratch: string
beforeAll(() => {
  restoreEnvironment = useTestCredentials()
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-lint-audit-'))
})
afterAll(() => {
  restoreEnvironment()
  rmSync(scratch, {recursive: true, force: true})
})

function auditSubjects(findings: readonly Finding[]): string[] {
  return findings.map((entry) => [entry.kind, entry.severity, entry.httpMethod ?? '', entry.resourcePath ?? '', entry.statusCode ?? '', entry.mediaType ?? ''].filter(Boolean).join(' ')).sort()
}

async function compare(sandbox: Sandbox, apiId: string, templateFile: string, specText: string): Promise<{audit: string[]; lint: string[]; auditMessages: string[]; lintMessages: string[]}> {
  const specFile = join(scratch, `spec-${apiId}.yaml`)
  writeFileSync(specFile, specText)
  const report = await auditApi({api: apiId, specFile, cwd: scratch, connection: {...CONNECTION, endpointUrl: sandbox.url}})
  const linted = lintText(templateFile, await readFile(templateFile, 'utf8'), parseDesiredSpec(specFile, specText))
  if ('skipped' in linted) throw new Error(linted.skipped)
  const shared = linted.findings.filter((entry) => entry.auditKind !== undefined)
  return {
    audit: auditSubjects(report.findings),
    lint: subjects(shared),
    // What a real request experiences, said the same way: one conversion model reads both.
    auditMessages: report.findings.map((entry) => entry.message).sort(),
    lintMessages: shared.map((entry) => entry.message).sort(),
  }
}

describe('lint of a template and audit of the API deployed from it', () => {
  it("SAM's hello-world (the implicit API, built from the template): the same findings", async () => {
    const sandbox = await startTestSandbox()
    try {
      const apiId = setUpSandbox(sandbox, {stacks: [fixture('stacks/hello-world.stack.yaml')]}).stacks[0]!.restApis['ServerlessRestApi']!
      const {audit, lint, auditMessages, lintMessages} = await compare(sandbox, apiId, fixture('stacks/hello-world.sam.yaml'), 'version: 1\nbinaryMediaTypes: [image/png]\nroutes:\n  GET /hello:\n    request: CONVERT_TO_TEXT\n')
      expect(audit).toEqual(expect.arrayContaining(['missing-binary-media-type error image/png', 'integration-content-handling error GET /hello']))
      expect(lint).toEqual(audit)
      expect(lintMessages).toEqual(auditMessages)
    } finally {
      await sandbox.close()
    }
  })

  it("AWS's image API (SAM, DefinitionBody): the same findings, the API's own types and contentHandling included", async () => {
    const {sandbox, apiId} = await imageSandbox()
    try {
      const spec = 'version: 1\nbinaryMediaTypes: [image/png]\nbinaryMediaTypesMode: exact\nroutes:\n  GET /lambda:\n    request: CONVERT_TO_TEXT\n  PUT /lambda:\n    request: PASSTHROUGH\n'
      const {audit, lint, auditMessages, lintMessages} = await compare(sandbox, apiId, IMAGE_TEMPLATE, spec)
      expect(audit).toEqual(
        expect.arrayContaining([
          'missing-binary-media-type error image/png',
          'unexpected-binary-media-type error application/octet-stream',
          'unexpected-binary-media-type error image/jpeg',
          'integration-content-handling error GET /lambda',
          'integration-content-handling error PUT /lambda',
        ]),
      )
      expect(lint).toEqual(audit)
      expect(lintMessages).toEqual(auditMessages)
    } finally {
      await sandbox.close()
    }
  })
})
