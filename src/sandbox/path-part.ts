// CreateResource's rule for a path part; an import has to satisfy it too. The message is AWS's own.
const PATH_PART = /^(?:[A-Za-z0-9._-]+|\{[A-Za-z0-9._-]+\+?\})$/

export const PATH_PART_MESSAGE =
  "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."

export function isValidPathPart(pathPart: string): boolean {
  return PATH_PART.test(pathPart)
}
