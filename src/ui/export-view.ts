// What `export` prints: the definition as API Gateway returned it, or where --out put it.

import type {ExportResult} from '../services/export-service.js'

/** The whole of stdout, ending in a newline. */
export function renderExport(exported: ExportResult): string {
  if (exported.text === undefined) {
    return `Wrote the ${exported.type} ${exported.format} definition of ${exported.api.name} (${exported.api.id}) stage ${exported.stage} to ${exported.out}\n`
  }
  return exported.text.endsWith('\n') ? exported.text : `${exported.text}\n`
}
