// Where a fleet audit's results go, per --output: `jsonl` one line per API as soon as it is judged (and
// one per account or Region that could not be read), `asff` Security Hub findings as one JSON array
// written as they come, `json` the one document at the end, `text` the summary at the end (rendered by
// the command). Writes are serialised in the order results arrive.

import {asffFindings} from '../../core/asff.js'
import type {FleetAccessFailure, FleetApiResult} from '../../core/fleet-report.js'
import type {TextOutput} from '../streamed-out-file.js'
import type {FleetAuditSink} from './fleet-audit-service.js'

export type FleetOutputFormat = 'text' | 'json' | 'jsonl' | 'asff'

export interface FleetOutputSink extends FleetAuditSink {
  /** Results kept for the `json` document (empty for the streamed formats, so memory stays flat). */
  kept(): FleetApiResult[]
  /** Closes the streamed formats (the ASFF array's bracket). */
  end(): Promise<void>
}

/** How each JSON line is published (the command passes src/ui/json/fleet-audit-document.ts's mapping). */
export interface FleetJsonLines {
  api(result: FleetApiResult): unknown
  failure(failure: FleetAccessFailure): unknown
}

const UNMAPPED_LINES: FleetJsonLines = {api: (result) => ({type: 'api', ...result}), failure: (failure) => ({type: 'access-failure', ...failure})}

export function fleetOutputSink(format: FleetOutputFormat, output: TextOutput, now: Date = new Date(), lines: FleetJsonLines = UNMAPPED_LINES): FleetOutputSink {
  const results: FleetApiResult[] = []
  let chain: Promise<void> = Promise.resolve()
  const write = (text: string) => {
    chain = chain.then(() => output.write(text))
    return chain
  }
  let asffCount = 0
  switch (format) {
    case 'jsonl':
      return {
        api: (result) => write(`${JSON.stringify(lines.api(result))}\n`),
        failure: (failure: FleetAccessFailure) => write(`${JSON.stringify(lines.failure(failure))}\n`),
        kept: () => results,
        end: () => chain,
      }
    case 'asff':
      return {
        api: (result) => {
          const findings = asffFindings(result, now)
          if (findings.length === 0) return chain
          const text = findings.map((finding) => `${asffCount++ === 0 ? '[\n' : ',\n'}${JSON.stringify(finding)}`).join('')
          return write(text)
        },
        failure: () => chain,
        kept: () => results,
        end: () => write(asffCount === 0 ? '[]\n' : '\n]\n'),
      }
    case 'json':
    case 'text':
      return {
        api: (result) => {
          if (format === 'json') results.push(result)
        },
        failure: () => {},
        kept: () => results,
        end: () => chain,
      }
  }
}
