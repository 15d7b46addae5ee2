// The one --json document of a failure, whatever the command (schemas/json/error.schema.json).

import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface ErrorDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  error: {
    /** The kind of failure: USAGE, REMOTE, STALE_PLAN, DECLINED, AWS_<kind> (AWS_ACCESS_DENIED …), or oclif's own code. */
    code: string
    /** The one line the human output prints after `Error: `. */
    message: string
    exitCode: number
  }
}

export function errorDocument(failure: {code: string; message: string; exitCode: number}): ErrorDocument {
  return {schemaVersion: JSON_SCHEMA_VERSION, error: {code: failure.code, message: failure.message, exitCode: failure.exitCode}}
}
