// "Did you mean …?": the known name closest to a mistyped one, by edit distance, when it is close enough
// to be the one meant. Case differences count as small: resource paths and API names are case-sensitive,
// and a wrong case is a common slip.

import {distance} from 'fastest-levenshtein'

/**
 * The candidate nearest to `input`, or undefined when none is within two fifths of its length in edits
 * (one for names under four letters, else at least two): a typo is a few edits away, an unrelated name
 * most of its length.
 */
export function closestName(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase()
  // Two letters swapped are two edits: allowed from four letters on.
  const allowed = input.length < 4 ? 1 : Math.max(2, Math.floor(input.length * 0.4))
  let best: {name: string; edits: number} | undefined
  for (const name of candidates) {
    if (name === input) continue
    // A case-only difference ranks just before one edit.
    const lower = name.toLowerCase()
    const edits = lower === wanted ? 0.5 : distance(wanted, lower)
    if (edits > allowed) continue
    if (!best || edits < best.edits || (edits === best.edits && name < best.name)) best = {name, edits}
  }
  return best?.name
}
