// Choosing changes without a terminal (as Terraform's -target does): `--only` and `--skip` name the
// findings a change resolves, by finding id (`integration-content-handling:adfd76d424`) or by kind
// (`missing-binary-media-type`), as audit prints them.

import type {PlannedChange} from './plan.js'

export interface ChangeSelection {
  only: readonly string[]
  skip: readonly string[]
}

export interface SelectedChanges {
  selected: PlannedChange[]
  /** Values that name no finding of any change (a typo, or a finding of another API). */
  unmatched: string[]
}

function kindOf(findingId: string): string {
  const colon = findingId.indexOf(':')
  return colon === -1 ? findingId : findingId.slice(0, colon)
}

function names(change: PlannedChange, value: string): boolean {
  return change.findings.some((id) => id === value || kindOf(id) === value)
}

/** `--only` keeps the changes it names (all when empty), then `--skip` drops the ones it names. */
export function selectChanges(changes: readonly PlannedChange[], selection: ChangeSelection): SelectedChanges {
  const unmatched = [...selection.only, ...selection.skip].filter((value) => !changes.some((change) => names(change, value)))
  const kept = selection.only.length === 0 ? changes : changes.filter((change) => selection.only.some((value) => names(change, value)))
  return {selected: kept.filter((change) => !selection.skip.some((value) => names(change, value))), unmatched: [...new Set(unmatched)]}
}

/** The finding ids and kinds `--only`/`--skip` accept for these changes, sorted. */
export function selectableNames(changes: readonly PlannedChange[]): string[] {
  const ids = changes.flatMap((change) => change.findings)
  return [...new Set([...ids.map(kindOf), ...ids])].sort()
}
