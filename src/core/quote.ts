// Text from a file quoted inside a one-line message. Files from other hands may hold megabytes in one
// value or key, so a message shows the start and says how long it was.

export const QUOTED_MAX = 60

/** `"image/png"`; control characters escaped; longer than `max`: `"image/pn…" (2000000 characters)`. */
export function quoted(text: string, max = QUOTED_MAX): string {
  if (text.length <= max) return escapeControls(JSON.stringify(text))
  return `${escapeControls(JSON.stringify(`${text.slice(0, max)}…`))} (${text.length} characters)`
}

/** Control characters and the Unicode line separators as `\uXXXX`, so a message stays one line. */
export function escapeControls(text: string): string {
  return text.replaceAll(/[\u0000-\u001f\u007f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** As `quoted`, without the quotes: for ids and names a message shows as they are. */
export function clipped(text: string, max = QUOTED_MAX): string {
  return text.length <= max ? escapeControls(text) : `${escapeControls(text.slice(0, max))}… (${text.length} characters)`
}

/**
 * How messages show a value the user gave: on one line (control characters escaped), in quotes when it is
 * empty or holds spaces, and cut when long.
 */
export function echoed(value: string, max = 80): string {
  const escaped = value.replaceAll(/[\u0000-\u001f\u007f]/g, (character) => JSON.stringify(character).slice(1, -1))
  const shown = escaped.length > max ? `${escaped.slice(0, max)}…` : escaped
  const quoted = shown === '' || /\s/.test(value) ? `"${shown}"` : shown
  return escaped.length > max ? `${quoted} (${value.length} characters)` : quoted
}
