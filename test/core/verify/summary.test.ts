import {judge} from '../../../src/core/verify/judge.js'
import {utf8Bytes} from '../../../src/core/verify/payload.js'
import {planProbes} from '../../../src/core/verify/probe-plan.js'
import {type StepResult, summarizeVerify} from '../../../src/core/verify/summary.js'
import {thumbnailService} from './apis.js'

describe('summarizeVerify', () => {
  const served = thumbnailService()
  const plan = planProbes({
    served,
    binaryMediaTypes: [],
    probes: [
      {route: 'POST /upload', contentType: ['image/png']},
      {route: 'POST /upload?key=a', contentType: ['image/png'], readBack: 'GET /thumbnails/a'},
      {route: 'GET /thumbnails/cat.png', accept: ['image/png']},
    ],
  })
  const ok = {status: 200, headers: {}, body: new Uint8Array([1, 2, 255])}
  const failing = {status: 500, headers: {}, body: utf8Bytes('{"message": "Internal server error"}')}

  it('counts passes and failures, by kind, and those passed without a comparison', () => {
    // upload (no read-back), upload, read-back, download, preflight, preflight
    const observations = [ok, ok, {...ok, body: plan.payload}, ok, failing, ok]
    const results: StepResult[] = plan.steps.map((step, index) => ({step, verdict: judge(step, observations[index]!, plan.payload)}))
    expect(plan.steps.map((step) => step.kind)).toEqual(['upload', 'upload', 'read-back', 'download', 'preflight', 'preflight'])
    expect(summarizeVerify(results)).toEqual({
      total: 6,
      passed: 5,
      failed: 1,
      passedUncompared: 2,
      byKind: {upload: {passed: 2, failed: 0}, 'read-back': {passed: 1, failed: 0}, download: {passed: 1, failed: 0}, cleanup: {passed: 0, failed: 0}, preflight: {passed: 1, failed: 1}},
      allPassed: false,
    })
  })

  it('is allPassed only when something ran and nothing failed', () => {
    const results: StepResult[] = plan.steps.slice(0, 2).map((step) => ({step, verdict: judge(step, ok, plan.payload)}))
    expect(summarizeVerify(results).allPassed).toBe(true)
    expect(summarizeVerify([]).allPassed).toBe(false)
  })
})
