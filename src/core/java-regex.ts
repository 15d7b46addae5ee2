// Java regular expressions (what API Gateway matches selection patterns and the template String methods
// with) run on RE2 (re2js): matching takes time linear in the text, so no pattern can hang the caller the
// way a backtracking engine does on `(.*)*Error.*` or `(a+)+b`.
//
// Java's syntax is translated where RE2 can say the same thing; a pattern RE2 cannot run is refused with a
// JavaRegexError, and each caller decides what that means (the sandbox: a selection pattern matches
// nothing, a template fails to render; verify: the pattern cannot be judged).
//
// Java (java.util.regex.Pattern) features RE2 lacks, refused:
//   backreferences (\1, \k<name>), lookahead and lookbehind ((?=, (?!, (?<=, (?<!), atomic groups ((?>),
//   possessive quantifiers (*+, ++, ?+, {n}+), character-class union and intersection ([a-z[0-9]],
//   [a-z&&[^e]]), \G \Z \R \X \h \H \e \cX, Java and POSIX property names (\p{Alpha}, \p{javaLowerCase},
//   \p{IsLatin}), the comments flag (?x), the flag U (UNICODE_CHARACTER_CLASS in Java, ungreedy in RE2),
//   repetition counts above 1000 (a{1001}), and \v (any vertical whitespace in Java, only U+000B in RE2).
// Translated: `.` excludes Java's line terminators (\n \r \u0085 \u2028 \u2029; only \n with (?d)) unless
//   (?s); \uXXXX and octal \0ooo become \x{…}; (?u) is dropped (RE2's (?i) already folds Unicode).
// Left different (RE2's reading applies): without (?u), Java's (?i) folds ASCII only while RE2 folds
//   Unicode (é matches É); `$` without (?m) matches only at the very end, where Java also matches before a
//   final line terminator; \s lacks U+000B (Java's has it).

import {RE2JS} from 're2js'

/** A Java pattern the sandbox's RE2 engine cannot run; the message says why, on one line. */
export class JavaRegexError extends Error {
  override name = 'JavaRegexError'
}

// Patterns come from API configuration: few distinct ones, used for every request.
const MAX_COMPILED = 256
const compiled = new Map<string, RE2JS | JavaRegexError>()

/**
 * Compiling takes time too, growing with the pattern (re2js: ~0.4 s for 100,000 characters, ~4 s for a
 * million); patterns people write are far shorter than this bound, one a template builds need not be.
 */
export const MAX_PATTERN_LENGTH = 20_000

/** The RE2 form of a Java pattern, or the JavaRegexError saying why there is none (both cached). */
export function compileJavaRegex(pattern: string): RE2JS | JavaRegexError {
  if (pattern.length > MAX_PATTERN_LENGTH) return new JavaRegexError(`it is longer than the sandbox's bound of ${MAX_PATTERN_LENGTH} characters`)
  const cached = compiled.get(pattern)
  if (cached !== undefined) {
    compiled.delete(pattern)
    compiled.set(pattern, cached)
    return cached
  }
  let result: RE2JS | JavaRegexError
  try {
    result = RE2JS.compile(toRe2Syntax(pattern))
  } catch (error) {
    result = error instanceof JavaRegexError ? error : new JavaRegexError(firstLine(error))
  }
  compiled.set(pattern, result)
  if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!)
  return result
}

/**
 * The most work one scan of a text may take: RE2's program size (instructions it may run per character)
 * times the text's length. Linear is not cheap: once its DFA gives up, re2js runs 10-20 ns per unit, so
 * `(a|b)*a(a|b){20}` took 5 s over 6 MB; this bound keeps one scan under a second, and ordinary patterns
 * (a dozen instructions) stay within it over several megabytes.
 */
export const MAX_REGEX_WORK = 50_000_000

/**
 * Called every so many matches by replaceAll and split, which may find millions (0.6 µs each in re2js):
 * a caller with a deadline throws from it to stop.
 */
export type Checkpoint = () => void

const MATCHES_PER_CHECKPOINT = 256

function runnable(pattern: string, text: string): RE2JS {
  const regex = compileJavaRegex(pattern)
  if (regex instanceof JavaRegexError) throw regex
  if (regex.programSize() * text.length > MAX_REGEX_WORK) {
    // No length in the message: the sandbox reports each distinct line once, not once per request.
    throw new JavaRegexError(`its ${regex.programSize()} instructions times the text's length exceed the sandbox's bound of ${MAX_REGEX_WORK} steps for one match`)
  }
  return regex
}

/** String.matches / Pattern.matches: the pattern matches the whole text. */
export function javaMatches(pattern: string, text: string): boolean {
  return runnable(pattern, text).testExact(text)
}

/** Matcher.find: the pattern matches somewhere in the text (JSON Schema's `pattern`). */
export function javaFind(pattern: string, text: string): boolean {
  return runnable(pattern, text).test(text)
}

/** String.replaceAll, with Java's replacement syntax ($n, ${name}, \ quoting); a bad replacement throws. */
export function javaReplaceAll(text: string, pattern: string, replacement: string, checkpoint: Checkpoint = () => {}): string {
  const regex = runnable(pattern, text)
  const expand = javaReplacement(regex, replacement)
  let matches = 0
  return regex.matcher(text).replaceAll((...match: unknown[]) => {
    if (++matches % MATCHES_PER_CHECKPOINT === 0) checkpoint()
    return expand(match)
  })
}

/** String.replaceFirst. */
export function javaReplaceFirst(text: string, pattern: string, replacement: string): string {
  const regex = runnable(pattern, text)
  const expand = javaReplacement(regex, replacement)
  return regex.matcher(text).replaceFirst((...match: unknown[]) => expand(match))
}

/**
 * String.split(regex, limit), as Pattern.split does it: a zero-width match at the start splits nothing,
 * limit > 0 keeps at most that many parts (the last holds the rest), limit 0 drops trailing empty strings,
 * and a text nothing splits is the one element.
 */
export function javaSplit(text: string, pattern: string, limit = 0, checkpoint: Checkpoint = () => {}): string[] {
  const matcher = runnable(pattern, text).matcher(text)
  const parts: string[] = []
  let index = 0
  let matches = 0
  while (matcher.find()) {
    if (++matches % MATCHES_PER_CHECKPOINT === 0) checkpoint()
    if (limit > 0 && parts.length >= limit - 1) break
    if (index === 0 && matcher.start() === 0 && matcher.end() === 0) continue
    parts.push(text.slice(index, matcher.start()))
    index = matcher.end()
  }
  if (index === 0) return [text]
  parts.push(text.slice(index))
  if (limit === 0) while (parts.length > 0 && parts.at(-1) === '') parts.pop()
  return parts
}

/**
 * Matcher.appendReplacement's reading of a replacement: $n takes as many digits as still name a group,
 * ${name} a named group, a backslash the next character literally. Like Java, a bad replacement fails
 * only when something matched. `match` is what re2js hands a replacer: the match, each group (null when
 * it did not take part), the index, the text, and the named groups when there are any.
 */
function javaReplacement(regex: RE2JS, replacement: string): (match: unknown[]) => string {
  const groupCount = regex.groupCount()
  const names = regex.namedGroups()
  return (match) => {
    const group = (index: number) => (match[index] as string | null | undefined) ?? ''
    let result = ''
    for (let i = 0; i < replacement.length; i++) {
      const char = replacement[i]!
      if (char === '\\') {
        if (i + 1 >= replacement.length) throw new JavaRegexError('character to be escaped is missing')
        result += replacement[++i]
      } else if (char === '$') {
        if (i + 1 >= replacement.length) throw new JavaRegexError('Illegal group reference: group index is missing')
        if (replacement[i + 1] === '{') {
          const end = replacement.indexOf('}', i + 2)
          const name = end === -1 ? '' : replacement.slice(i + 2, end)
          if (end === -1 || !/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) throw new JavaRegexError('named capturing group is missing trailing \'}\'')
          if (!Object.hasOwn(names, name)) throw new JavaRegexError(`No group with name {${name}}`)
          result += group(names[name]!)
          i = end
          continue
        }
        if (!/[0-9]/.test(replacement[i + 1]!)) throw new JavaRegexError('Illegal group reference')
        let number = Number(replacement[++i])
        while (/[0-9]/.test(replacement[i + 1] ?? '') && number * 10 + Number(replacement[i + 1]) <= groupCount) number = number * 10 + Number(replacement[++i])
        if (number > groupCount) throw new JavaRegexError(`No group ${number}`)
        result += group(number)
      } else result += char
    }
    return result
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Java syntax → RE2 syntax

const LINE_TERMINATORS = String.raw`[^\n\r\x{85}\x{2028}\x{2029}]`
const UNIX_LINE_TERMINATORS = String.raw`[^\n]`

interface Flags {
  dotAll: boolean
  unixLines: boolean
}

function refuse(reason: string): never {
  throw new JavaRegexError(reason)
}

/** Rewrites what RE2 reads differently and refuses what RE2 would read as something else without saying so. */
function toRe2Syntax(pattern: string): string {
  let out = ''
  const scopes: Flags[] = [{dotAll: false, unixLines: false}]
  let i = 0
  const current = () => scopes.at(-1)!
  // Whether the token just copied was a quantifier: a + after one makes it possessive in Java.
  let afterQuantifier = false
  while (i < pattern.length) {
    const char = pattern[i]!
    const quantifier = char === '*' || char === '+' || char === '?' || (char === '}' && /\{\d+(?:,\d*)?$/.test(out))
    if (char === '+' && afterQuantifier) refuse('possessive quantifiers (*+, ++, ?+, {n}+) are Java-only')
    afterQuantifier = quantifier
    if (char === '\\') {
      const [text, next] = escape(pattern, i, false)
      out += text
      i = next
    } else if (char === '[') {
      const [text, next] = characterClass(pattern, i)
      out += text
      i = next
    } else if (char === '(') {
      const [text, next, scope] = group(pattern, i, current())
      out += text
      i = next
      if (scope === 'same') continue
      scopes.push(scope)
    } else if (char === ')') {
      if (scopes.length > 1) scopes.pop()
      out += char
      i++
    } else if (char === '.') {
      const flags = current()
      out += flags.dotAll ? '.' : flags.unixLines ? UNIX_LINE_TERMINATORS : LINE_TERMINATORS
      i++
    } else {
      out += char
      i++
    }
  }
  return out
}

/** `(`: a flag group changes the enclosing scope's flags ('same'), any other group opens a scope. */
function group(pattern: string, start: number, flags: Flags): [string, number, Flags | 'same'] {
  if (pattern[start + 1] !== '?') return ['(', start + 1, {...flags}]
  const inline = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(pattern.slice(start))
  if (!inline) {
    if (pattern.startsWith('(?>', start)) refuse('atomic groups (?>…) are Java-only')
    if (/^\(\?<?[=!]/.test(pattern.slice(start, start + 4))) refuse('lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are Java-only')
    if (pattern.startsWith('(?P', start)) refuse('(?P… is not Java syntax')
    // (?<name>…), which RE2 reads as Java does.
    return ['(', start + 1, {...flags}]
  }
  const [whole, on = '', off = '', end] = inline
  const next = {...flags}
  let kept = ''
  for (const [letters, value] of [
    [on, true],
    [off, false],
  ] as const) {
    let keptHere = ''
    for (const letter of letters) {
      if (letter === 'u') continue
      if (letter === 'd') next.unixLines = value
      else if (letter === 's') {
        next.dotAll = value
        keptHere += letter
      } else if (letter === 'i' || letter === 'm') keptHere += letter
      else if (letter === 'U') refuse('the flag U means UNICODE_CHARACTER_CLASS in Java and ungreedy in RE2')
      else if (letter === 'x') refuse('the comments flag (?x) is Java-only')
      else refuse(`unknown inline flag ${letter}`)
    }
    kept += value ? keptHere : keptHere === '' ? '' : `-${keptHere}`
  }
  const text = kept === '' ? (end === ':' ? '(?:' : '') : `(?${kept}${end}`
  return [text, start + whole.length, end === ':' ? next : (Object.assign(flags, next), 'same')]
}

/** `[…]`: copied with its escapes translated; a nested class or an intersection is refused. */
function characterClass(pattern: string, start: number): [string, number] {
  let out = '['
  let i = start + 1
  if (pattern[i] === '^') {
    out += '^'
    i++
  }
  // A ] right after the opening bracket is a member, in Java as in RE2.
  if (pattern[i] === ']') {
    out += ']'
    i++
  }
  while (i < pattern.length) {
    const char = pattern[i]!
    if (char === ']') return [`${out}]`, i + 1]
    if (char === '\\') {
      const [text, next] = escape(pattern, i, true)
      out += text
      i = next
    } else if (char === '[') refuse('nested character classes (union) are Java-only; RE2 reads [ there as a member')
    else if (char === '&' && pattern[i + 1] === '&') refuse('character-class intersection (&&) is Java-only')
    else {
      out += char
      i++
    }
  }
  // Unclosed: RE2 says so.
  return [out, i]
}

/** `\…`: the escapes Java and RE2 read differently, translated or refused; the rest copied. */
function escape(pattern: string, start: number, inClass: boolean): [string, number] {
  const next = pattern[start + 1]
  if (next === undefined) return ['\\', start + 1]
  if (next === 'Q') {
    if (inClass) refuse('\\Q…\\E inside a character class')
    // Quoted text needs no translation; RE2 reads \Q…\E itself.
    const end = pattern.indexOf('\\E', start + 2)
    const stop = end === -1 ? pattern.length : end + 2
    return [pattern.slice(start, stop), stop]
  }
  if (next === 'u') {
    const hex = /^[0-9a-fA-F]{4}/.exec(pattern.slice(start + 2))?.[0]
    if (hex === undefined) refuse('\\u needs four hexadecimal digits')
    return [`\\x{${hex}}`, start + 6]
  }
  if (next === '0') {
    // Java: \0n, \0nn, \0mnn (m ≤ 3).
    const octal = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(pattern.slice(start + 2))?.[0]
    if (octal === undefined) refuse('\\0 needs octal digits in Java')
    return [`\\x{${Number.parseInt(octal, 8).toString(16)}}`, start + 2 + octal.length]
  }
  if (next >= '1' && next <= '9') refuse(`backreferences (\\${next}) are Java-only`)
  if (next === 'k' && pattern[start + 2] === '<') refuse('named backreferences (\\k<name>) are Java-only')
  if (next === 'v') refuse('\\v is any vertical whitespace in Java but only U+000B in RE2')
  return [`\\${next}`, start + 2]
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
}
