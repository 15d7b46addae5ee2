// Fuzzing files that come from other hands: start from valid documents, then damage them the way disks,
// editors, copy-paste and attackers do, and check that the reader either reads them or refuses them in
// one line. Format-agnostic, so specs, plans and journals share it:
//
//   const cases = fuzzText(seedTexts, {...TEXT_MUTATIONS, ...insertions(YAML_SNIPPETS)})
//   fc.assert(fc.property(cases, ({text}) => {
//     try { read(FILE, text) } catch (error) { expect(refusalProblems(error, FILE)).toEqual([]) }
//   }), {seed: 1, numRuns: 2000})
//
// - `seeds` is an arbitrary of valid texts (render generated documents, or fc.constantFrom(fixtures)).
// - `mutations` maps a name to a function from a text to an arbitrary of damaged texts; fuzzText applies
//   up to `maxSteps` of them in a row (or none: the seed itself is a case). A case carries the names of
//   the steps, so a failure says how its text was made. TEXT_MUTATIONS know nothing of the format
//   (bytes, lines, sizes); insertions() builds format-specific ones from a list of snippets
//   (YAML_SNIPPETS here; JSON Lines journals would want half-written lines and stray braces).
// - refusalProblems() states what a refusal must look like, for every reader alike.
// Keep sizes modest: a fuzz test runs thousands of cases in a few seconds, with a fixed seed.
import fc from 'fast-check'

export interface FuzzCase {
  text: string
  /** The mutations applied, in order: how the text was made from its seed. */
  steps: string[]
}

/** From a text, an arbitrary of texts derived from it. */
export type Mutation = (text: string) => fc.Arbitrary<string>

export function fuzzText(seeds: fc.Arbitrary<string>, mutations: Readonly<Record<string, Mutation>>, maxSteps = 3): fc.Arbitrary<FuzzCase> {
  const names = Object.keys(mutations)
  const mutated = (text: string, steps: string[], remaining: number): fc.Arbitrary<FuzzCase> => {
    const done = fc.constant({text, steps})
    if (remaining === 0) return done
    const next = fc.constantFrom(...names).chain((name) => mutations[name]!(text).chain((result) => mutated(result, [...steps, name], remaining - 1)))
    return fc.oneof({weight: 1, arbitrary: done}, {weight: 3, arbitrary: next})
  }
  return seeds.chain((seed) => mutated(seed, [], maxSteps))
}

const bytesOf = (text: string): Buffer => Buffer.from(text, 'utf8')
/** As a reader with `readFile(…, 'utf8')` sees bytes: invalid sequences become U+FFFD. */
const textOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8')
const lineStarts = (text: string): number[] => [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)]

/** Damage that fits any text format. */
export const TEXT_MUTATIONS: Readonly<Record<string, Mutation>> = {
  /** A file cut short at any byte (a full disk, an interrupted copy). */
  truncate: (text) => fc.nat({max: bytesOf(text).length}).map((length) => textOf(bytesOf(text).subarray(0, length))),
  /** One byte changed (a bit flip, a stray keystroke). */
  flipByte: (text) => {
    const bytes = bytesOf(text)
    if (bytes.length === 0) return fc.constant(text)
    return fc.tuple(fc.nat({max: bytes.length - 1}), fc.integer({min: 1, max: 255})).map(([at, mask]) => {
      const copy = Buffer.from(bytes)
      copy[at] = copy[at]! ^ mask
      return textOf(copy)
    })
  },
  /** A line written twice somewhere else: duplicated keys, repeated entries. */
  duplicateLine: (text) => {
    const lines = text.split('\n')
    return fc.tuple(fc.nat({max: lines.length - 1}), fc.nat({max: lines.length})).map(([from, to]) => [...lines.slice(0, to), lines[from]!, ...lines.slice(to)].join('\n'))
  },
  deleteLine: (text) => {
    const lines = text.split('\n')
    return fc.nat({max: lines.length - 1}).map((at) => [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n'))
  },
  /** A long run of one character in the middle of a value, a key or anywhere. (Not quotes: the yaml library builds an error per pair of them, slowly.) */
  hugeString: (text) =>
    fc.tuple(fc.nat({max: text.length}), fc.constantFrom('a', '/', ' ', '9', 'é'), fc.constantFrom(300, 5_000, 20_000)).map(([at, character, length]) => `${text.slice(0, at)}${character.repeat(length)}${text.slice(at)}`),
  /** Brackets or braces nested far deeper than any real document. */
  deepNesting: (text) =>
    fc.tuple(fc.nat({max: text.length}), fc.constantFrom(['[', ']'], ['{"a": ', '}'], ['- ', '']), fc.constantFrom(50, 150, 2_000)).map(([at, [open, close], depth]) => `${text.slice(0, at)}${open.repeat(depth)}1${close.repeat(depth)}${text.slice(at)}`),
  /** Control characters, a byte order mark, a lone surrogate, Windows and old Mac line ends. */
  controlCharacter: (text) =>
    fc.tuple(fc.nat({max: text.length}), fc.constantFrom('\u0000', '\u0007', '\t', '\r', '\r\n', '\uFEFF', '\u2028', '\uD800', '\u001B[31m')).map(([at, inserted]) => `${text.slice(0, at)}${inserted}${text.slice(at)}`),
}

/** Mutations inserting one of `snippets` at any character, or at the start of a line (where keys and directives go). */
export function insertions(snippets: readonly string[]): Record<string, Mutation> {
  return {
    insertAnywhere: (text) => fc.tuple(fc.nat({max: text.length}), fc.constantFrom(...snippets)).map(([at, snippet]) => `${text.slice(0, at)}${snippet}${text.slice(at)}`),
    insertAtLineStart: (text) => {
      const starts = lineStarts(text)
      return fc.tuple(fc.constantFrom(...starts), fc.constantFrom(...snippets)).map(([at, snippet]) => `${text.slice(0, at)}${snippet}${text.slice(at)}`)
    },
  }
}

/** What YAML readers disagree on or choke on: tags, anchors, merges, directives, odd keys, alias bombs. */
export const YAML_SNIPPETS: readonly string[] = [
  '!!omap ',
  '!!set ',
  '!!binary ',
  '!!timestamp ',
  '!!pairs ',
  '!!python/object:os.system ',
  '!ruby/object:Gem::Installer ',
  '!<tag:yaml.org,2002:omap> ',
  '!Ref ',
  '!!str ',
  '!!int ',
  '!!float ',
  '!!null ',
  '!!map ',
  '!!seq ',
  '&anchor ',
  '*anchor',
  '*missing',
  '<<: *anchor\n',
  '<<: {request: CONVERT_TO_TEXT}\n',
  '%YAML 1.1\n---\n',
  '%TAG !! tag:example.com,2000:\n---\n',
  '---\n',
  '...\n',
  '? ',
  ': ',
  '~: x\n',
  '200: CONVERT_TO_TEXT\n',
  '"200": CONVERT_TO_BINARY\n',
  '__proto__: {polluted: true}\n',
  'constructor: {prototype: {polluted: true}}\n',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '#',
  '|\n',
  '>-\n',
  '\t',
  'x: &a [*a]\n',
  `bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]\n${[1, 2, 3, 4, 5, 6].map((level) => `bomb${level}: &b${level} [${Array(10).fill(`*b${level - 1}`).join(', ')}]\n`).join('')}`,
]

/**
 * What is wrong with a refusal, or [] when it is as every reader's must be: a UsageError (exit 2) whose
 * message is one line, at most `maxLength` characters after `file`, names the file first (with a line
 * and column when it has them) and carries no stack trace.
 */
export function refusalProblems(error: unknown, file: string, maxLength = 400): string[] {
  const problems: string[] = []
  if (!(error instanceof Error)) return [`threw a non-error: ${String(error)}`]
  const exit = (error as {oclif?: {exit?: number}}).oclif?.exit
  if (error.constructor.name !== 'UsageError' || exit !== 2) problems.push(`threw ${error.constructor.name} (exit ${String(exit)}): ${error.message.slice(0, 200)}`)
  const message = error.message
  if (message.includes('\n') || message.includes('\r')) problems.push(`a message of several lines: ${JSON.stringify(message.slice(0, 200))}`)
  if (message.length > file.length + maxLength) problems.push(`a message of ${message.length} characters`)
  if (!message.startsWith(`${file}:`)) problems.push(`a message that does not start with the file: ${JSON.stringify(message.slice(0, 200))}`)
  if (/\bat .+:\d+:\d+\)/.test(message)) problems.push('a stack trace in the message')
  return problems
}
