// Java regular expressions on RE2 (src/core/java-regex.ts): for the ordinary patterns selection patterns and
// templates use, RE2 answers as JavaScript's RegExp (what the sandbox used before) did; Java's own syntax is
// translated or refused with a reason; and no pattern takes more than linear time.
import fc from 'fast-check'

import {JavaRegexError, MAX_PATTERN_LENGTH, MAX_REGEX_WORK, compileJavaRegex, javaMatches, javaReplaceAll, javaReplaceFirst, javaSplit} from '../../src/core/java-regex.js'

// ------------------------------------------------------------------------------------------------------
// The oracle: the RegExp-based implementation the sandbox had before (mapping-template.ts), kept here.

function oracleRegExp(pattern: string, flags: string): RegExp {
  const inline = /^\(\?([imsx]+)\)/.exec(pattern)
  if (!inline) return new RegExp(pattern, flags)
  return new RegExp(pattern.slice(inline[0].length), flags + inline[1]!.replace('x', ''))
}

function oracleReplacement(regex: string, replacement: string): (match: string, ...rest: unknown[]) => string {
  const groupCount = (new RegExp(`${oracleRegExp(regex, '').source}|`).exec('')?.length ?? 1) - 1
  return (match, ...rest) => {
    const groups = rest.slice(0, groupCount) as (string | undefined)[]
    let result = ''
    for (let i = 0; i < replacement.length; i++) {
      const char = replacement[i]!
      if (char === '\\') {
        if (i + 1 >= replacement.length) throw new Error('replacement ends with a lone backslash')
        result += replacement[++i]
      } else if (char === '$') {
        if (!/[0-9]/.test(replacement[i + 1] ?? '')) throw new Error('illegal group reference in replacement')
        let group = Number(replacement[++i])
        while (/[0-9]/.test(replacement[i + 1] ?? '') && group * 10 + Number(replacement[i + 1]) <= groupCount) group = group * 10 + Number(replacement[++i])
        if (group > groupCount) throw new Error(`no group ${group} in replacement`)
        result += group === 0 ? match : (groups[group - 1] ?? '')
      } else result += char
    }
    return result
  }
}

function oracleSplit(text: string, regex: string, limit: number): string[] {
  const pattern = oracleRegExp(regex, 'g')
  const parts: string[] = []
  let start = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === '') pattern.lastIndex++
    if (match.index === 0 && match[0] === '') continue
    if (limit > 0 && parts.length === limit - 1) break
    parts.push(text.slice(start, match.index))
    start = match.index + match[0].length
  }
  if (parts.length === 0) return [text]
  parts.push(text.slice(start))
  if (limit === 0) while (parts.length > 0 && parts.at(-1) === '') parts.pop()
  return parts
}

function outcome<T>(run: () => T): {value: T} | {threw: true} {
  try {
    return {value: run()}
  } catch {
    return {threw: true}
  }
}

// ------------------------------------------------------------------------------------------------------
// Ordinary patterns: literals, escapes, classes, groups, alternation, greedy and lazy quantifiers.

// No \p{…}: RegExp without the u flag read it as the letters p{L}, not as Java's property.
const atoms = fc.constantFrom('a', 'b', 'c', 'A', '1', ' ', 'x', 'é', '\\.', '\\d', '\\w', '\\s', '\\S', '.', '[abc]', '[^a]', '[a-c]', '[0-9.]', '\\n', '\\t', '\\x41')
const quantifiers = fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?', '??')

// A quantifier never applies to something that can match the empty string: JavaScript fails an empty
// iteration of a loop where Java and RE2 end the loop, so `(a??)*` matches differently there.
interface Generated {
  source: string
  nullable: boolean
}
const atom = atoms.map((source): Generated => ({source, nullable: false}))
const {pattern: generated} = fc.letrec((tie) => {
  const node = tie('pattern') as fc.Arbitrary<Generated>
  const group = tie('group') as fc.Arbitrary<Generated>
  return {
    pattern: fc.oneof({depthSize: 'small'}, atom, tie('sequence'), tie('alternation'), group, tie('quantified')),
    sequence: fc.array(node, {minLength: 2, maxLength: 4}).map((parts) => ({source: parts.map((part) => part.source).join(''), nullable: parts.every((part) => part.nullable)})),
    alternation: fc.array(node, {minLength: 2, maxLength: 3}).map((parts) => ({source: `(?:${parts.map((part) => part.source).join('|')})`, nullable: parts.some((part) => part.nullable)})),
    group: fc.tuple(fc.constantFrom('(', '(?:', '(?<g>'), node).map(([open, inner]) => ({source: `${open}${inner.source})`, nullable: inner.nullable})),
    quantified: fc
      .tuple(fc.oneof(atom, group).filter((base) => !base.nullable), quantifiers)
      .map(([base, quantifier]) => ({source: `${base.source}${quantifier}`, nullable: /^(?:\*|\?|\{0,\}|\*\?|\?\?)$/.test(quantifier)})),
  }
})
const pattern = (generated as fc.Arbitrary<Generated>).map((node) => node.source)

const withFlags = fc.tuple(fc.constantFrom('', '(?i)'), pattern).map(([flags, body]) => `${flags}${body}`)
// Characters Java, RE2 and JavaScript read alike (see the module's list of differences): no U+0085,
// U+2028, U+2029 (RegExp's `.` or \s differ from Java's there) and no U+000B.
const texts = fc.string({unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', '1', '2', ' ', '.', 'x', 'é', '\n', '\r', '\t'), maxLength: 16})
const replacements = fc.constantFrom('-', '', '$0', '[$1]', '<$0$0>', 'x\\$y', '$', '\\')

describe('for ordinary patterns, RE2 answers as RegExp did', () => {
  it('matches the whole text alike', () => {
    fc.assert(
      fc.property(withFlags, texts, (regex, text) => {
        const expected = outcome(() => {
          const compiled = oracleRegExp(regex, '')
          return new RegExp(`^(?:${compiled.source})$`, compiled.flags).test(text)
        })
        fc.pre('value' in expected)
        expect(javaMatches(regex, text)).toBe(expected.value)
      }),
      {numRuns: 3000},
    )
  })

  it('replaces alike, $n references and a bad replacement included', () => {
    fc.assert(
      fc.property(withFlags, texts, replacements, (regex, text, replacement) => {
        fc.pre(outcome(() => oracleRegExp(regex, '')).hasOwnProperty('value'))
        expect(outcome(() => javaReplaceAll(text, regex, replacement))).toEqual(outcome(() => text.replace(oracleRegExp(regex, 'g'), oracleReplacement(regex, replacement))))
        expect(outcome(() => javaReplaceFirst(text, regex, replacement))).toEqual(outcome(() => text.replace(oracleRegExp(regex, ''), oracleReplacement(regex, replacement))))
      }),
      {numRuns: 2000},
    )
  })

  it('splits alike, with and without a limit', () => {
    fc.assert(
      fc.property(withFlags, texts, fc.integer({min: -1, max: 3}), (regex, text, limit) => {
        fc.pre(outcome(() => oracleRegExp(regex, '')).hasOwnProperty('value'))
        expect(javaSplit(text, regex, limit)).toEqual(oracleSplit(text, regex, limit))
      }),
      {numRuns: 2000},
    )
  })
})

describe("Java's syntax", () => {
  it.each([
    ['.', '\n', false],
    ['.', '\r', false],
    ['.', '\u0085', false],
    ['.', '\u2028', false],
    ['.', 'x', true],
    ['(?s).', '\n', true],
    ['(?s:.).', '\n\n', false],
    ['(?s:.)(?-s:.)', '\n\r', false],
    ['(?d).', '\r', true],
    ['(?d).', '\n', false],
    ['\\u00e9', 'é', true],
    ['[\\u0041-\\u0043]+', 'ABC', true],
    ['\\0101', 'A', true],
    ['\\012', '\n', true],
    ['(?iu)É', 'é', true],
    ['a\\Q.*\\E', 'a.*', true],
    ['[]a]+', ']a]', true],
    ['\\p{L}+', 'éA', true],
    ['(?<year>\\d{4})-\\d{2}', '2026-12', true],
  ])('%j against %j: %s', (regex, text, expected) => {
    expect(javaMatches(regex, text)).toBe(expected)
  })

  it('replaces with ${name} references', () => {
    expect(javaReplaceAll('2026-12', '(?<year>\\d{4})-(?<month>\\d{2})', '${month}/${year}')).toBe('12/2026')
  })

  it.each([
    ['(a)\\1', 'backreferences'],
    ['(?<a>x)\\k<a>', 'named backreferences'],
    ['(?=a)a', 'lookahead and lookbehind'],
    ['(?!a).', 'lookahead and lookbehind'],
    ['(?<=a)b', 'lookahead and lookbehind'],
    ['(?<!a)b', 'lookahead and lookbehind'],
    ['(?>a+)b', 'atomic groups'],
    ['a*+b', 'possessive quantifiers'],
    ['a++b', 'possessive quantifiers'],
    ['(a)?+b', 'possessive quantifiers'],
    ['a{2}+', 'possessive quantifiers'],
    ['[a-z&&[^e]]', 'intersection'],
    ['[a[bc]]', 'nested character classes'],
    ['[[:alpha:]]', 'nested character classes'],
    ['(?x) a b', 'comments flag'],
    ['(?U)\\w', 'the flag U'],
    ['\\v', '\\v is any vertical whitespace'],
    ['\\0', '\\0 needs octal digits'],
    ['\\p{Alpha}', 'invalid character class range'],
    ['\\h', 'invalid escape sequence'],
    ['a\\Z', 'invalid escape sequence'],
    ['a{1001}', 'invalid repeat count'],
    ['4(\\d', 'missing closing )'],
  ])('refuses %j: %s', (regex, reason) => {
    const compiled = compileJavaRegex(regex)
    expect(compiled).toBeInstanceOf(JavaRegexError)
    expect((compiled as JavaRegexError).message).toContain(reason)
    expect((compiled as JavaRegexError).message).not.toContain('\n')
    expect(() => javaMatches(regex, 'abc')).toThrow(JavaRegexError)
  })

  it('escaped quantifier characters are not possessive', () => {
    expect(javaMatches('\\++', '+++')).toBe(true)
    expect(javaMatches('[*]+', '**')).toBe(true)
    expect(javaMatches('a\\*+', 'a**')).toBe(true)
  })
})

describe('time', () => {
  // A backtracking engine takes exponential time on these; the calls below would not return.
  it.each([
    ['(.*)*Error.*', 'x'.repeat(10_000)],
    ['(a+)+b', 'a'.repeat(32)],
    ['(x+x+)+y', 'x'.repeat(5_000)],
    ['(\\w+\\s?)*$', `${'word '.repeat(2_000)}!`],
    ['^(a|a)*$', `${'a'.repeat(5_000)}b`],
  ])('%j against a long text that it does not match returns', (regex, text) => {
    expect(javaMatches(regex, text)).toBe(false)
    expect(typeof javaReplaceAll(text, regex, '-')).toBe('string')
    expect(javaSplit(text, regex).join('').length).toBeLessThanOrEqual(text.length)
  })

  it('replaceAll and split report their progress, so a caller with a deadline can stop them between matches', () => {
    let calls = 0
    const deadline = () => {
      if (++calls === 3) throw new Error('deadline passed')
    }
    expect(() => javaReplaceAll('a'.repeat(100_000), 'a', 'b', deadline)).toThrow('deadline passed')
    calls = 0
    expect(() => javaSplit('a,'.repeat(100_000), ',', 0, deadline)).toThrow('deadline passed')
    expect(javaReplaceAll('a'.repeat(100), 'a', 'b', deadline)).toBe('b'.repeat(100))
  })

  it('refuses a pattern too long to compile quickly', () => {
    expect(javaMatches('a'.repeat(MAX_PATTERN_LENGTH), 'a'.repeat(1000))).toBe(false)
    expect(compileJavaRegex('a'.repeat(MAX_PATTERN_LENGTH + 1))).toEqual(new JavaRegexError(`it is longer than the sandbox's bound of ${MAX_PATTERN_LENGTH} characters`))
  })

  it('refuses a call whose worst case would exceed the work bound', () => {
    const regex = '[a-z]{1000}'
    const size = compileJavaRegex(regex) as {programSize(): number}
    const text = 'a'.repeat(Math.ceil(MAX_REGEX_WORK / size.programSize()) + 1)
    expect(() => javaReplaceAll(text, regex, '')).toThrow(/exceed the sandbox's bound/)
    expect(javaReplaceAll(text.slice(0, 5_000), regex, '')).toBe('a'.repeat(5_000 % 1000))
  })
})
