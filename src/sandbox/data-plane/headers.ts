// Headers and query strings as API Gateway sees them: ordered name/value pairs that keep the client's
// spelling, read case-insensitively, with a single-value view (the last value wins, as in the proxy
// event's `headers` and `queryStringParameters`) and a multi-value view.

export type Pairs = ReadonlyArray<readonly [string, string]>

/** Node's `rawHeaders` (name, value, name, value, …) as pairs, client spelling kept. */
export function pairsFromRawHeaders(raw: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (let index = 0; index + 1 < raw.length; index += 2) pairs.push([raw[index]!, raw[index + 1]!])
  return pairs
}

export function lastValue(pairs: Pairs, name: string): string | undefined {
  const wanted = name.toLowerCase()
  let found: string | undefined
  for (const [key, value] of pairs) if (key.toLowerCase() === wanted) found = value
  return found
}

export function allValues(pairs: Pairs, name: string): string[] {
  const wanted = name.toLowerCase()
  return pairs.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value)
}

/** One value per name, the last one sent; names keep the spelling of their first appearance. */
export function singleValueMap(pairs: Pairs): Record<string, string> {
  const spelling = new Map<string, string>()
  const result: Record<string, string> = {}
  for (const [key, value] of pairs) {
    const lower = key.toLowerCase()
    const name = spelling.get(lower) ?? key
    spelling.set(lower, name)
    result[name] = value
  }
  return result
}

export function multiValueMap(pairs: Pairs): Record<string, string[]> {
  const spelling = new Map<string, string>()
  const result: Record<string, string[]> = {}
  for (const [key, value] of pairs) {
    const lower = key.toLowerCase()
    const name = spelling.get(lower) ?? key
    spelling.set(lower, name)
    ;(result[name] ??= []).push(value)
  }
  return result
}

/** Query pairs are case-sensitive, unlike headers. */
export function queryMaps(pairs: Pairs): {single: Record<string, string>; multi: Record<string, string[]>} {
  const single: Record<string, string> = {}
  const multi: Record<string, string[]> = {}
  for (const [key, value] of pairs) {
    single[key] = value
    ;(multi[key] ??= []).push(value)
  }
  return {single, multi}
}

export function withoutHeaders(pairs: Pairs, names: readonly string[]): Array<[string, string]> {
  const drop = new Set(names.map((name) => name.toLowerCase()))
  return pairs.filter(([key]) => !drop.has(key.toLowerCase())).map(([key, value]) => [key, value])
}

/** Sets `name` unless a header of that name (any case) is present. */
export function withDefault(pairs: Array<[string, string]>, name: string, value: string): void {
  if (lastValue(pairs, name) === undefined) pairs.push([name, value])
}
