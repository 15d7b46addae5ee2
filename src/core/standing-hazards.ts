// Hazards that stand today outside what the spec changes: a CORS preflight that already fails, on a
// route the spec does not govern. Reported always; fixed only when asked (--fix-hazards, or a rule for
// the route in the spec), so that apply changes what the spec governs plus what its own changes would
// otherwise break (a preflight that a newly added */* turns into a 500 is a warning, fixed by default).

import type {Finding} from './findings.js'

/** Errors of preflight-hazard with a fix: broken now, and every setting the fix writes is ungoverned. */
export function standingHazards(findings: readonly Finding[]): Finding[] {
  return findings.filter((entry) => entry.kind === 'preflight-hazard' && entry.severity === 'error' && entry.fix.length > 0)
}

/** The findings with the fixes of standing hazards taken out, unless they are asked for. */
export function actedOn(findings: readonly Finding[], options: {fixHazards: boolean}): Finding[] {
  if (options.fixHazards) return [...findings]
  const standing = new Set(standingHazards(findings).map((entry) => entry.id))
  return findings.map((entry) => (standing.has(entry.id) ? {...entry, fix: []} : entry))
}

export const FIX_HAZARDS_HINT = 'they fail today on routes the spec does not govern: pass --fix-hazards, or give the routes a rule in the spec'
