// Human rendering of a verify run: one line per request in sending order, the cause and fix under each
// failure, each probed route's payload limit, and the tally.

import {formatSize} from '../core/verify/byte-size.js'
import {shortHash} from '../core/verify/judge.js'
import type {SizeLimit} from '../core/verify/size-limits.js'
import type {StepReport, VerifyReport} from '../services/verify-service.js'
import type {Palette} from './colours.js'

export function renderVerify(report: VerifyReport, colour: Palette): string {
  const lines = [...heading(report, colour), '']
  const width = Math.max(...report.steps.map((step) => requestLine(step).length))
  for (const step of report.steps) lines.push(...renderStep(step, width, colour))
  if (report.limits.length > 0) {
    lines.push('', colour.bold('Payload limits'))
    const width = Math.max(...report.limits.map((limit) => limit.route.length))
    for (const limit of report.limits) {
      const directions = [limit.request && `request ${limitText(limit.request)}`, limit.response && `response ${limitText(limit.response)}`]
      lines.push(`  ${limit.route.padEnd(width)}  ${directions.filter(Boolean).join(' · ')}`)
    }
  }
  lines.push('', tally(report, colour))
  return lines.join('\n')
}

function heading(report: VerifyReport, colour: Palette): string[] {
  const where = `Verify ${report.api.name} (${report.api.id})${report.region ? ` in ${report.region}` : ''} · stage ${report.stage} (deployment ${report.deploymentId})`
  const probes = {spec: `probes from ${report.spec?.file ?? 'the spec'}`, flags: 'probes from --route', defaults: 'no probes listed: every GET without path parameters, and the preflights'}[report.probes]
  const payload = `payload ${formatSize(report.payload.bytes)}${report.payload.bytes >= 256 ? ', every byte value' : ''} (sha256 ${shortHash(report.payload.sha256)})`
  const lines = [colour.dim(where), colour.dim(`${report.baseUrl} · ${probes} · ${payload}`)]
  // Where the credentials came from, never what they are.
  if (report.auth.length > 0) lines.push(colour.dim(`credentials: ${report.auth.join('; ')}`))
  return lines
}

function requestLine(step: StepReport): string {
  return `${step.request.method} ${step.request.path}`
}

function renderStep(step: StepReport, width: number, colour: Palette): string[] {
  const mark = step.pass ? colour.green('✓') : colour.red('✗')
  const name = step.kind === 'upload' ? 'Content-Type' : 'Accept'
  const value = step.request.headers[name]
  const what = value === undefined || step.label.includes(value) ? step.label : `${step.label} ${colour.dim(`(${name}: ${value})`)}`
  const lines = [`  ${mark} ${requestLine(step).padEnd(width)}  ${what}`, `      ${step.pass ? colour.dim(step.summary) : step.summary}`]
  if (step.cause) {
    lines.push(`      ${colour.yellow('cause:')} ${step.cause.sentence}`)
    if (step.cause.fix) lines.push(`      ${colour.dim('fix:')} ${step.cause.fix}`)
  }
  return lines
}

function limitText(limit: SizeLimit): string {
  return limit.via === 'lambda' ? `about ${formatSize(limit.bytes)} ${LAMBDA_NOTE}` : `${formatSize(limit.bytes)} ${GATEWAY_NOTE}`
}

// The full reasons are in --json; these say what binds.
const LAMBDA_NOTE = "(Lambda's 6 MiB invoke payload, base64-encoded)"
const GATEWAY_NOTE = "(API Gateway's payload limit)"

function tally(report: VerifyReport, colour: Palette): string {
  const {passed, failed, passedUncompared} = report.summary
  const text = `${passed} passed, ${failed} failed${passedUncompared > 0 ? ` (${passedUncompared} passed without a payload to compare)` : ''}; ${report.calls.stage} requests to the stage, ${report.calls.controlPlane} control-plane reads.`
  if (report.allPassed) return colour.green(`Bytes intact: ${text}`)
  return colour.red(`Failures: ${text}`)
}
