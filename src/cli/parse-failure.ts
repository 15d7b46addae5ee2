// oclif's parser reports bad flags and arguments in several shapes: a header with indented reasons, a
// "Parsing --flag" wrapper around a flag's own error, a "See more help with --help" tail, ANSI dim. The
// contract is one line naming the flag or value at fault, so each is flattened here.

import {stripVTControlCharacters} from 'node:util'

import {echoed} from '../core/quote.js'

const SEE_HELP = /\n?See more help with --help\s*$/
// FailedFlagValidationError and ViolatedFlagConstraintError: a header, then one reason a line.
const REASONS_HEADER = /^The following errors? occurred:$/
// A flag's parse function failed: oclif puts its message under this line.
const PARSING_FLAG = /^Parsing (--[\w-]+)\s*$/
// A word longer than this is a value the user typed (a pasted blob): shown cut. Longer than what
// echoed() leaves of a value, so a message that already cut one is left alone.
const LONGEST_WORD = 120
const LONGEST_LINE = 400

/** What the command line may name: long flags, `--no-` forms and one-letter flags. */
export interface KnownFlag {
  name: string
  char?: string
  allowNo?: boolean
}

/**
 * The message of anything oclif's parser threw, as one line without oclif's help pointer. An unknown flag
 * gets the nearest of `known` suggested (the suggester loads only then: it has no place in --help).
 */
export async function parseFailureLine(error: unknown, known: readonly KnownFlag[]): Promise<string> {
  const unknown = unknownFlagsOf(error)
  if (unknown) return unknownFlagsLine(unknown, known)
  return flattened(error)
}

/** oclif's NonExistentFlagsError names the flags as typed (`--stag=v1` included). */
function unknownFlagsOf(error: unknown): string[] | undefined {
  const flags = (error as {flags?: unknown} | undefined)?.flags
  const isNonExistent = error instanceof Error && error.constructor.name === 'NonExistentFlagsError'
  return isNonExistent && Array.isArray(flags) && flags.every((flag) => typeof flag === 'string') ? (flags as string[]) : undefined
}

async function unknownFlagsLine(unknown: readonly string[], known: readonly KnownFlag[]): Promise<string> {
  const {closestName} = await import('../core/suggest.js')
  const longNames = known.flatMap((flag) => [flag.name, ...(flag.allowNo ? [`no-${flag.name}`] : [])])
  const described = unknown.map((typed) => {
    const shown = echoed(typed)
    // One-letter flags are too short to tell a typo from another letter.
    if (!typed.startsWith('--')) return {shown}
    const suggestion = closestName(typed.slice(2).split('=')[0]!, longNames)
    return {shown, suggestion: suggestion === undefined ? undefined : `--${suggestion}`}
  })
  if (described.length === 1) {
    const [{shown, suggestion}] = described as [{shown: string; suggestion?: string}]
    return `Unknown flag ${shown}${suggestion ? `; did you mean ${suggestion}?` : ''}`
  }
  return `Unknown flags ${described.map(({shown, suggestion}) => (suggestion ? `${shown} (did you mean ${suggestion}?)` : shown)).join(', ')}`
}

function flattened(error: unknown): string {
  const message = stripVTControlCharacters(error instanceof Error ? error.message : String(error)).replace(SEE_HELP, '')
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const [first = 'the command line could not be parsed', ...rest] = lines
  let line: string
  if (REASONS_HEADER.test(first) && rest.length > 0) {
    line = [...new Set(rest)].join('; ')
  } else if (PARSING_FLAG.test(first) && rest.length > 0) {
    const flag = PARSING_FLAG.exec(first)![1]!
    const reason = rest.join('; ')
    line = reason.startsWith(flag) ? reason : `${flag}: ${reason}`
  } else {
    line = first.endsWith(':') && rest.length > 0 ? `${first} ${rest.join('; ')}` : [first, ...rest].join('; ')
  }
  const shortened = line
    .split(' ')
    .map((word) => (word.length > LONGEST_WORD ? echoed(word) : word))
    .join(' ')
  // A long value of short words (pasted text) is cut as a whole.
  return shortened.length > LONGEST_LINE ? `${shortened.slice(0, LONGEST_LINE)}… (${shortened.length} characters)` : shortened
}
