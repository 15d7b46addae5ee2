// What `iac` prints: the snippets as rendered for the tool, or where --out put them.

import type {IacReport} from '../services/iac-service.js'

/** The whole of stdout. */
export function renderIac(report: IacReport): string {
  if (report.out === undefined) return report.text
  return `Wrote the ${report.format} snippets for ${report.api.name} (${report.api.id}) to ${report.out}\n`
}
