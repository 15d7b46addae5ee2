// `export --json` (schemas/json/export.schema.json).

import {optionalField} from '../../core/optional-field.js'
import type {ExportResult} from '../../services/export-service.js'
import type {ApiDocument} from './audit-document.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface ExportDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  api: ApiDocument
  stage: string
  type: 'oas30' | 'swagger'
  format: 'json' | 'yaml'
  /** With --out: the file written, as named (then there is no `definition`). */
  out?: string
  /** Without --out: the stage's definition as API Gateway exported it, parsed (YAML too). */
  definition?: unknown
}

/** `definition` is the exported text already parsed: the document carries it as JSON whatever --format said. */
export function exportDocument(result: ExportResult, definition: unknown): ExportDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    api: {id: result.api.id, name: result.api.name},
    stage: result.stage,
    type: result.type,
    format: result.format,
    ...optionalField('out', result.out),
    ...optionalField('definition', result.text === undefined ? undefined : definition),
  }
}
