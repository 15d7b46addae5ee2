// How a model names another. In a definition a schema points at its neighbour locally
// (`#/definitions/Pet`, `#/components/schemas/Pet`); a model stored in API Gateway points at it by URL,
// `https://apigateway.amazonaws.com/restapis/{restApiId}/models/Pet` (developer guide, models-mappings-models;
// LocalStack's AWS-validated recording test_import_swagger_api, get-models). Imports write URLs, exports local
// references again.

import {unescapePointerSegment} from '../../core/json-pointer.js'

const MODEL_URL_PREFIX = 'https://apigateway.amazonaws.com/restapis/'
const LOCAL_REF = /^#\/(?:definitions|components\/schemas)\/([^/]+)$/
const MODEL_URL = /^[^/]+\/models\/([^/]+)$/

/** `schema` with every local `$ref` to a model written as that model's URL in API `restApiId`. */
export function withModelUrls(schema: unknown, restApiId: string): unknown {
  return mapRefs(schema, (ref) => {
    const local = LOCAL_REF.exec(ref)
    return local ? `${MODEL_URL_PREFIX}${restApiId}/models/${unescapePointerSegment(local[1]!)}` : ref
  })
}

/** `schema` with every `$ref` that is a model's URL replaced by `localRef(name)`. */
export function withLocalModelRefs(schema: unknown, localRef: (model: string) => string): unknown {
  return mapRefs(schema, (ref) => {
    const model = ref.startsWith(MODEL_URL_PREFIX) ? MODEL_URL.exec(ref.slice(MODEL_URL_PREFIX.length))?.[1] : undefined
    return model === undefined ? ref : localRef(model)
  })
}

/** Whether `ref` is a model's URL (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`). */
export function isModelUrl(ref: string): boolean {
  return modelOfUrl(ref) !== undefined
}

/** The API id and model name a model's URL names. */
export function modelOfUrl(ref: string): {restApiId: string; name: string} | undefined {
  const match = ref.startsWith(MODEL_URL_PREFIX) ? /^([^/]+)\/models\/([^/]+)$/.exec(ref.slice(MODEL_URL_PREFIX.length)) : null
  return match ? {restApiId: match[1]!, name: match[2]!} : undefined
}

/** The URL by which the models of API `restApiId` name model `name`. */
export function modelUrl(restApiId: string, name: string): string {
  return `${MODEL_URL_PREFIX}${restApiId}/models/${name}`
}

function mapRefs(schema: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => mapRefs(item, map))
  if (schema === null || typeof schema !== 'object') return schema
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? map(value) : mapRefs(value, map)]))
}
