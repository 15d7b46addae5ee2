// Applying an audit's fixes (in the model, as API Gateway applies the same patches) leaves nothing to fix:
// the property apply relies on to converge in one pass.
import fc from 'fast-check'

import {applyFixCalls} from '../../src/core/apply-fix-calls.js'
import {fixesToApply} from '../../src/core/merge-fixes.js'
import {judge} from '../../src/core/rules/index.js'
import {desiredSpecArbitrary, liveConfigArbitrary} from '../helpers/api-config-arbitraries.js'

describe('fixes converge', () => {
  it('after applying the fixes, only findings that no API Gateway write can fix remain', () => {
    fc.assert(
      fc.property(liveConfigArbitrary, fc.option(desiredSpecArbitrary, {nil: undefined}), (live, desired) => {
        const before = judge({restApiId: 'api', live, ...(desired ? {spec: desired} : {})})
        const fixed = applyFixCalls(live, fixesToApply(before.findings))
        const after = judge({restApiId: 'api', live: fixed, ...(desired ? {spec: desired} : {})})
        // unknown-route and a preflight the spec itself breaks carry no fix: only the spec can change.
        const fixable = after.findings.filter((finding) => finding.severity !== 'info' && finding.fix.length > 0)
        const unfixable = new Set(after.findings.filter((finding) => finding.severity !== 'info' && finding.fix.length === 0).map((finding) => finding.kind))
        for (const kind of unfixable) expect(['unknown-route', 'preflight-hazard']).toContain(kind)
        expect(fixable).toEqual([])
        // And applying the fixes of a converged API changes nothing.
        expect(applyFixCalls(fixed, fixesToApply(after.findings))).toEqual(fixed)
      }),
      {numRuns: 400},
    )
  })
})
