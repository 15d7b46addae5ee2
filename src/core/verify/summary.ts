// The tally of a verify run: what the report's last line and the exit code rest on.

import type {Cause} from './cause.js'
import type {Verdict} from './judge.js'
import {type ProbeStep, STEP_KINDS, type StepKind} from './probe-plan.js'

export interface StepResult {
  step: ProbeStep
  verdict: Verdict
  /** Present for failed steps. */
  cause?: Cause
}

export interface VerifySummary {
  total: number
  passed: number
  failed: number
  /** Passed without comparing bytes: downloads with no reference, uploads nothing read back. */
  passedUncompared: number
  byKind: Record<StepKind, {passed: number; failed: number}>
  /** At least one step ran and none failed. */
  allPassed: boolean
}

export function summarizeVerify(results: readonly StepResult[]): VerifySummary {
  const byKind = Object.fromEntries(STEP_KINDS.map((kind) => [kind, {passed: 0, failed: 0}])) as VerifySummary['byKind']
  let passedUncompared = 0
  for (const {step, verdict} of results) {
    const tally = byKind[step.kind]
    if (verdict.pass) tally.passed += 1
    else tally.failed += 1
    if (verdict.pass && uncompared(step, verdict)) passedUncompared += 1
  }
  const passed = results.filter((result) => result.verdict.pass).length
  const failed = results.length - passed
  return {total: results.length, passed, failed, passedUncompared, byKind, allPassed: results.length > 0 && failed === 0}
}

function uncompared(step: ProbeStep, verdict: Verdict): boolean {
  if (step.kind === 'upload') return step.readBackStepId === undefined
  return verdict.basis === 'shape'
}
