// Compares an answer with a recording whose ids, names and dates LocalStack's transformers replaced by
// placeholders. Rather than re-run those transformers, the placeholders are unified with the answer: a
// numbered placeholder (`<id:1>`) stands for one value throughout a test, and two different ones never
// for the same value (LocalStack gives a value the first placeholder that claims it, everywhere); an
// unnumbered one (`<region>`, `<request-time>`) stands for any value: when it is the whole string, a
// value of any type, as LocalStack's key_value transformer without reference replacement puts it in place
// of a list or a number. A placeholder may sit inside a string ("Invalid API identifier specified
// 111111111111:<id:1>").

export interface Bindings {
  byPlaceholder: Map<string, string>
  byValue: Map<string, string>
}

export function newBindings(): Bindings {
  return {byPlaceholder: new Map(), byValue: new Map()}
}

// HTML in recorded bodies is not a placeholder.
const HTML_TAGS = new Set(['p', 'pre', 'style', 'html', 'head', 'body', 'title', 'h1', 'h2', 'br', 'hr', 'b', 'i', 'a', 'div', 'span', 'center', 'meta', 'script'])
const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9_-]*)(:\d+)?>/g

function isPlaceholder(name: string): boolean {
  return !HTML_TAGS.has(name.toLowerCase())
}

/** Every difference between `recorded` and `actual` under `path`, binding placeholders as it goes. */
export function differences(recorded: unknown, actual: unknown, bindings: Bindings, path = ''): string[] {
  if (typeof recorded === 'string') return stringDifferences(recorded, actual, bindings, path)
  if (Array.isArray(recorded)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${show(actual)}`]
    if (recorded.length !== actual.length) return [`${path}: expected ${recorded.length} items, got ${actual.length}: ${show(actual)}`]
    return recorded.flatMap((item, index) => differences(item, actual[index], bindings, `${path}[${index}]`))
  }
  if (recorded !== null && typeof recorded === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${show(actual)}`]
    const expected = recorded as Record<string, unknown>
    const got = actual as Record<string, unknown>
    const found: string[] = []
    for (const key of Object.keys(expected)) {
      if (!(key in got)) found.push(`${path}.${key}: missing (expected ${show(expected[key])})`)
      else found.push(...differences(expected[key], got[key], bindings, `${path}.${key}`))
    }
    for (const key of Object.keys(got)) if (!(key in expected)) found.push(`${path}.${key}: not expected (got ${show(got[key])})`)
    return found
  }
  return Object.is(recorded, actual) ? [] : [`${path}: expected ${show(recorded)}, got ${show(actual)}`]
}

function stringDifferences(recorded: string, actual: unknown, bindings: Bindings, path: string): string[] {
  const text = typeof actual === 'number' || typeof actual === 'boolean' ? String(actual) : actual
  const placeholders = [...recorded.matchAll(PLACEHOLDER)].filter((match) => isPlaceholder(match[1]!))
  const [only] = placeholders
  if (placeholders.length === 1 && only![0] === recorded && !only![2] && actual !== undefined && actual !== null) return []
  if (placeholders.length === 0) return recorded === actual ? [] : [`${path}: expected ${show(recorded)}, got ${show(actual)}`]
  if (typeof text !== 'string') return [`${path}: expected ${show(recorded)}, got ${show(actual)}`]
  // The recorded text as a pattern: literal parts escaped, each placeholder a lazy group.
  let pattern = ''
  let last = 0
  for (const match of placeholders) {
    pattern += escape(recorded.slice(last, match.index))
    pattern += '([\\s\\S]*?)'
    last = match.index! + match[0].length
  }
  pattern += escape(recorded.slice(last))
  const parts = new RegExp(`^${pattern}$`).exec(text)
  if (!parts) return [`${path}: expected ${show(recorded)}, got ${show(actual)}`]
  const found: string[] = []
  placeholders.forEach((match, index) => {
    if (!match[2]) return
    const placeholder = match[0]
    const value = parts[index + 1]!
    const bound = bindings.byPlaceholder.get(placeholder)
    const owner = bindings.byValue.get(value)
    if (bound !== undefined && bound !== value) found.push(`${path}: ${placeholder} was ${show(bound)} before, now ${show(value)}`)
    else if (owner !== undefined && owner !== placeholder) found.push(`${path}: ${show(value)} is ${owner} already, not ${placeholder}`)
    else {
      bindings.byPlaceholder.set(placeholder, value)
      bindings.byValue.set(value, placeholder)
    }
  })
  return found
}

function escape(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
