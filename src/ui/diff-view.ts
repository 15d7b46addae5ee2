import type {Palette} from './colours.js'

/** A unified diff with + and - lines coloured; says so when there is nothing to show. */
export function renderDiff(diff: string, colour: Palette): string[] {
  if (diff === '') return ['The fixes change nothing in the working copy.', '']
  const lines = diff.replace(/\n$/, '').split('\n').map((line) => {
    if (line.startsWith('+++') || line.startsWith('---')) return colour.bold(line)
    if (line.startsWith('+')) return colour.green(line)
    if (line.startsWith('-')) return colour.red(line)
    if (line.startsWith('@@')) return colour.cyan(line)
    return line
  })
  return [...lines, '']
}
