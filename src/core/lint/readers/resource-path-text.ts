// Resource paths as templates and serverless.yml write them, trimmed by scans rather than regular expressions.

/**
 * `text` without its slashes at the start or end. A scan: /\/+$/ retries from every slash of a long run
 * (quadratic on a path of many slashes).
 */
export function withoutEdgeSlashes(text: string, edges: 'end' | 'both'): string {
  let start = 0
  let end = text.length
  while (end > 0 && text[end - 1] === '/') end--
  if (edges === 'both') while (start < end && text[start] === '/') start++
  return text.slice(start, end)
}
