// Shared set-up for the verify end-to-end tests: a sandbox serving the stand-in functions of
// fixtures/functions, and verify run through the real SDK reader and real HTTP to the stage.
import {readdirSync} from 'node:fs'
import {join} from 'node:path'

import {type VerifyDependencies, type VerifyReport, type VerifyRequest, verifyStage} from '../../src/services/verify-service.js'
import {CONNECTION} from './apply-support.js'

const FUNCTIONS_DIR = join(process.cwd(), 'fixtures', 'functions')

/** Every fixtures/functions/NAME.mjs as the Lambda function NAME, as `sandbox --functions` serves them. */
export function standInFunctions(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(FUNCTIONS_DIR)
      .filter((name) => name.endsWith('.mjs'))
      .map((name) => [name.slice(0, -'.mjs'.length), join(FUNCTIONS_DIR, name)]),
  )
}

export function specPath(name: string): string {
  return join(process.cwd(), 'fixtures', 'specs', name)
}

export function verify(endpoint: string, request: Partial<VerifyRequest>, dependencies: VerifyDependencies = {}): Promise<VerifyReport> {
  return verifyStage({cwd: process.cwd(), connection: {...CONNECTION, endpointUrl: endpoint}, ...request}, dependencies)
}

/** "✓ download GET /lambda?key=probe.jpg application/json" lines: what passed and what did not, at a glance. */
export function outcomes(report: VerifyReport): string[] {
  return report.steps.map((step) => `${step.pass ? '✓' : '✗'} ${step.kind} ${step.request.method} ${step.request.path} ${step.request.headers['Content-Type'] ?? step.request.headers.Accept ?? ''}`.trimEnd())
}
