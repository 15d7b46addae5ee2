// history: the journals of an API (or of every API in the history directory), newest last, so an older
// apply can be rolled back by its journal without hunting for the path. Local files only: no AWS call.

import {UsageError} from '../core/errors.js'
import {type JournalOverview, journalOverview} from '../core/journal.js'
import {historyDirectory, journaledApiIds, journalPaths, readJournalEntries} from '../history/journal-store.js'

export interface HistoryRequest {
  /** A REST API id, or its name as the journals record it; every API when absent. */
  api?: string
  /** Only the journals of this stage. */
  stage?: string
  historyDir?: string
  cwd: string
}

export type JournalListing =
  | ({path: string; api: {id: string; name: string}; region: string | null; stage: string | null; startedAt: string; readable: true} & JournalOverview)
  /** A journal that cannot be read (cut short, edited): listed with the reason, never acted on. */
  | {path: string; api: {id: string; name: string | null}; readable: false; problem: string}

export interface HistoryReport {
  historyDir: string
  journals: JournalListing[]
}

export function listHistory(request: HistoryRequest): HistoryReport {
  const historyDir = historyDirectory(request.historyDir, request.cwd)
  const all = journaledApiIds(historyDir).flatMap((apiId) => journalPaths(historyDir, apiId).map((path) => listing(path, apiId)))
  const wanted = request.api
  const ofApi = wanted === undefined ? all : all.filter((entry) => entry.api.id === wanted || entry.api.name === wanted)
  if (wanted !== undefined && ofApi.length === 0) {
    const names = new Map<string, string | null>()
    for (const {api} of all) names.set(api.id, names.get(api.id) ?? api.name)
    const known = [...names].map(([id, name]) => (name ? `${id} (${name})` : id))
    throw new UsageError(`No journal of REST API "${wanted}" in ${historyDir}${known.length === 0 ? '' : `; it holds journals of ${known.join(', ')}`} (pass --history DIR for another directory)`)
  }
  const journals = request.stage === undefined ? ofApi : ofApi.filter((entry) => entry.readable && entry.stage === request.stage)
  return {historyDir, journals}
}

function listing(path: string, apiId: string): JournalListing {
  try {
    const entries = readJournalEntries(path)
    const overview = journalOverview(entries)
    const [begin] = entries
    if (begin?.entry !== 'begin') throw new UsageError(`${path}: not an apigw-binfix journal`)
    return {path, api: begin.api, region: begin.region, stage: begin.stage, startedAt: begin.at, readable: true, ...overview}
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    return {path, api: {id: apiId, name: null}, readable: false, problem: error.message}
  }
}
