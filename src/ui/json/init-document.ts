// `init --json` (schemas/json/init.schema.json).

import {type PlanSpec, planSpecOf} from '../../core/plan-spec.js'
import type {InitResult} from '../../services/init-service.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface InitDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  /** The file written, as given with --out. */
  out: string
  /**
   * The spec written, in the shape saved plans record a spec (schemas/plan.schema.json#/definitions/spec),
   * not binfix.yaml's: routes as a list of {key, httpMethod, resourcePath, …}. It was the loader's own
   * type before this shape was published; the fields are the same.
   */
  spec: PlanSpec
}

export function initDocument(result: InitResult): InitDocument {
  return {schemaVersion: JSON_SCHEMA_VERSION, out: result.out, spec: planSpecOf(result.spec)}
}
