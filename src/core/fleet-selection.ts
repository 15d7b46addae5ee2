// Which selector of a fleet file governs an API: the first whose every given key matches (globs with * and
// ?, case-sensitive as API names and tags are in AWS). Pure: the fleet services give it what GetRestApis
// already returned (name, tags) and where the API lives.

import {STACK_NAME_TAG} from './cfn/stack-markers.js'

/** The keys of a fleet file's `match:`. */
export interface FleetMatch {
  name?: string
  tags?: Record<string, string>
  /** The owning stack's name, from the API's aws:cloudformation:stack-name tag. */
  stack?: string
  /** An account id or the account's name. */
  account?: string
  region?: string
}

/** What a selector is matched against. */
export interface FleetApiFacts {
  name: string
  tags: Readonly<Record<string, string>>
  accountId: string
  accountName: string
  region: string
}


const compiled = new Map<string, RegExp>()

/** A glob as a whole-string regular expression: * any run of characters, ? one; nothing else is special. */
export function globMatches(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern)
  if (!regex) {
    const source = [...pattern].map((character) => (character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))).join('')
    regex = new RegExp(`^${source}$`, 's')
    compiled.set(pattern, regex)
  }
  return regex.test(value)
}

export function matches(match: FleetMatch, api: FleetApiFacts): boolean {
  if (match.name !== undefined && !globMatches(match.name, api.name)) return false
  if (match.region !== undefined && !globMatches(match.region, api.region)) return false
  if (match.account !== undefined && !globMatches(match.account, api.accountId) && !globMatches(match.account, api.accountName)) return false
  if (match.stack !== undefined) {
    const stack = api.tags[STACK_NAME_TAG]
    if (stack === undefined || !globMatches(match.stack, stack)) return false
  }
  for (const [key, pattern] of Object.entries(match.tags ?? {})) {
    const value = api.tags[key]
    if (value === undefined || !globMatches(pattern, value)) return false
  }
  return true
}

/** The index of the first selector that matches, or undefined: the API is judged without a spec. */
export function firstMatch(selectors: ReadonlyArray<{match: FleetMatch}>, api: FleetApiFacts): number | undefined {
  const index = selectors.findIndex((selector) => matches(selector.match, api))
  return index === -1 ? undefined : index
}
