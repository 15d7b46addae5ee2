// lint's human view (grouped by file, each finding with its line of the file and its fix) and GitHub
// Actions' workflow commands (`::error file=…,line=…,col=…::…`), which annotate a pull request's diff.

import {routeKey} from '../core/api-config.js'
import type {LintFinding} from '../core/lint/index.js'
import type {LintReport} from '../services/lint-service.js'
import type {Palette} from './colours.js'

const LABEL: Record<LintFinding['severity'], string> = {error: 'error', warning: 'warning', info: 'note'}

export function renderLint(report: LintReport, colour: Palette): string {
  const lines: string[] = []
  for (const file of report.files) {
    lines.push(`${colour.bold(file.file)} ${colour.dim(`(${file.format}: ${file.apis.join(', ')})`)}`)
    if (file.findings.length === 0) lines.push(`  ${colour.green('no findings')}`)
    for (const entry of file.findings) {
      const severity = entry.severity === 'error' ? colour.red(LABEL.error) : entry.severity === 'warning' ? colour.yellow(LABEL.warning) : colour.cyan(LABEL.info)
      lines.push(`  ${entry.line}:${entry.column}  ${severity}  ${colour.bold(entry.ruleId)}  ${subject(entry)}`)
      const shown = around(file.lines[entry.line] ?? '', entry.column)
      lines.push(`    ${colour.dim(`${String(entry.line).padStart(5)} |`)} ${shown.text}`)
      lines.push(`    ${colour.dim('      |')} ${' '.repeat(shown.caret)}${colour.bold('^')}`)
      lines.push(...wrap(entry.message).map((line) => `    ${line}`))
      if (entry.fix !== '') {
        lines.push(`    ${colour.dim('fix:')}`)
        lines.push(...entry.fix.split('\n').map((line) => `      ${line}`))
      }
      lines.push('')
    }
    if (file.findings.length === 0) lines.push('')
  }
  for (const skipped of report.skipped) lines.push(colour.dim(`${skipped.file}: skipped, ${skipped.reason}`))
  lines.push(summary(report, colour))
  return lines.join('\n')
}

const SHOWN = 110

/** The line, or a window of it around the column when it is long (a Terraform plan is one line), with the caret's offset. */
function around(line: string, column: number): {text: string; caret: number} {
  const expanded = line.replaceAll('\t', ' ')
  if (expanded.length <= SHOWN) return {text: expanded, caret: column - 1}
  const start = Math.max(0, Math.min(column - 1 - 30, expanded.length - SHOWN))
  const cut = expanded.slice(start, start + SHOWN)
  const lead = start > 0 ? '…' : ''
  return {text: `${lead}${cut}${start + SHOWN < expanded.length ? '…' : ''}`, caret: column - 1 - start + lead.length}
}

function subject(entry: LintFinding): string {
  const route = entry.resourcePath !== null && entry.httpMethod !== null ? ` ${routeKey({httpMethod: entry.httpMethod, resourcePath: entry.resourcePath})}${entry.statusCode ? ` ${entry.statusCode}` : ''}` : ''
  return `${entry.api}${route}${entry.mediaType ? ` ${entry.mediaType}` : ''}`
}

function summary(report: LintReport, colour: Palette): string {
  const count = (severity: LintFinding['severity']) => report.findings.filter((entry) => entry.severity === severity).length
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const files = plural(report.files.length, 'file')
  const spec = report.spec ? `against ${report.spec.file ?? 'the --binary-type flags'}` : 'without a spec (binary media types and contentHandling judged only for what the file itself shows)'
  const counts = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`
  const line = `${counts} in ${files} read, ${spec}.`
  return report.inSync ? colour.green(line) : colour.red(line)
}

function wrap(text: string, width = 100): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(/\s+/)) {
    if (current !== '' && current.length + word.length + 1 > width) {
      lines.push(current)
      current = word
    } else {
      current = current === '' ? word : `${current} ${word}`
    }
  }
  if (current !== '') lines.push(current)
  return lines
}

const COMMAND: Record<LintFinding['severity'], string> = {error: 'error', warning: 'warning', info: 'notice'}

/** One workflow command per finding (GitHub Actions "Workflow commands": error, warning, notice). */
export function renderGithubAnnotations(report: LintReport): string {
  return report.findings
    .map((entry) => {
      const properties = [`file=${property(entry.file)}`, `line=${entry.line}`, `col=${entry.column}`, `title=${property(`apigw-binfix ${entry.ruleId}`)}`].join(',')
      const fix = entry.fix === '' ? '' : `\nFix:\n${entry.fix}`
      return `::${COMMAND[entry.severity]} ${properties}::${data(`${entry.message}${fix}`)}`
    })
    .join('\n')
}

/** The escaping GitHub's runner reverses (actions/toolkit command.ts escapeData and escapeProperty). */
function data(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function property(text: string): string {
  return data(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
