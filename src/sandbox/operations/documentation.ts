// Documentation parts and versions as AWS answers them (LocalStack's recordings of
// TestApiGatewayApiDocumentationPart and TestDocumentations::test_documentation_parts_and_versions):
// parts created, read, listed, updated (their properties), deleted and imported from a definition's
// x-amazon-apigateway-documentation; versions created (optionally for a stage), read, listed, updated
// (their description) and deleted. A stage can name a version. The sandbox does not check that a part's
// location names a resource, method or model the API has, and GetExport does not write documentation.
import {ApiGatewayError, badRequest, conflict, notFound, validationErrors} from '../api-errors.js'
import {DOCUMENTATION_LOCATION_TYPES, withDefaultPath} from '../documentation-locations.js'
import {importDocumentationParts} from '../documentation-import.js'
import type {DocumentationPart, DocumentationVersion, RestApiState} from '../model.js'
import {readDocumentationParts} from '../openapi/documentation-extension.js'
import {readDocument} from '../openapi/import.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, readPatchOperations} from '../patch.js'
import {compact, jsonBody, missingMember, optionalString, requiredString} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'

const PARTS = '/restapis/{restApiId}/documentation/parts'
const VERSIONS = '/restapis/{restApiId}/documentation/versions'

export const documentationRoutes: Route[] = [
  {method: 'POST', template: PARTS, operation: 'CreateDocumentationPart', mutating: true, handle: createDocumentationPart},
  {method: 'GET', template: PARTS, operation: 'GetDocumentationParts', mutating: false, handle: getDocumentationParts},
  {method: 'PUT', template: PARTS, operation: 'ImportDocumentationParts', mutating: true, handle: importParts},
  {method: 'GET', template: `${PARTS}/{partId}`, operation: 'GetDocumentationPart', mutating: false, handle: (c) => ok(locatePart(c))},
  {method: 'PATCH', template: `${PARTS}/{partId}`, operation: 'UpdateDocumentationPart', mutating: true, handle: updateDocumentationPart},
  {method: 'DELETE', template: `${PARTS}/{partId}`, operation: 'DeleteDocumentationPart', mutating: true, handle: deleteDocumentationPart},
  {method: 'POST', template: VERSIONS, operation: 'CreateDocumentationVersion', mutating: true, handle: createDocumentationVersion},
  {method: 'GET', template: VERSIONS, operation: 'GetDocumentationVersions', mutating: false, handle: (c) => ok(paginate([...c.store.api(c.params.restApiId).documentationVersions.values()], c.query))},
  {method: 'GET', template: `${VERSIONS}/{version}`, operation: 'GetDocumentationVersion', mutating: false, handle: (c) => ok(locateVersion(c))},
  {method: 'PATCH', template: `${VERSIONS}/{version}`, operation: 'UpdateDocumentationVersion', mutating: true, handle: updateDocumentationVersion},
  {method: 'DELETE', template: `${VERSIONS}/{version}`, operation: 'DeleteDocumentationVersion', mutating: true, handle: deleteDocumentationVersion},
]

function createDocumentationPart(context: OperationContext) {
  const body = jsonBody(context)
  const input = 'createDocumentationPartInput'
  const location = body.location
  if (location === undefined || location === null) throw missingMember(input, 'location')
  if (typeof location !== 'object' || Array.isArray(location)) throw badRequest('Invalid value for location: expected an object')
  const fields = location as Record<string, unknown>
  const type = requiredString(fields, 'type', `${input}.location`)
  if (!(DOCUMENTATION_LOCATION_TYPES as readonly string[]).includes(type)) {
    throw validationErrors([`Value '${type}' at '${input}.location.type' failed to satisfy constraint: Member must satisfy enum value set: [${DOCUMENTATION_LOCATION_TYPES.join(', ')}]`])
  }
  const properties = requiredString(body, 'properties', input)
  const api = context.store.api(context.params.restApiId)
  const part: DocumentationPart = {
    id: context.store.newId(6, api.documentationParts),
    location: withDefaultPath({
      type,
      path: optionalString(fields, 'path'),
      method: optionalString(fields, 'method'),
      statusCode: optionalString(fields, 'statusCode'),
      name: optionalString(fields, 'name'),
    }),
    properties,
  }
  api.documentationParts.set(part.id, part)
  return created(part)
}

/** GetDocumentationParts, filtered by the `type` and `path` it takes (API reference). */
function getDocumentationParts(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const type = context.query.get('type')
  const path = context.query.get('path')
  const parts = [...api.documentationParts.values()].filter((part) => (type === null || part.location.type === type) && (path === null || part.location.path === path))
  return ok(paginate(parts, context.query))
}

/**
 * A part by id. An unknown API is worded as an unknown part here, unlike in the listing and in
 * DeleteDocumentationPart (observed on AWS: test_invalid_get_documentation_part,
 * test_invalid_update_documentation_part, test_invalid_delete_documentation_part).
 */
function locatePart(context: OperationContext): DocumentationPart {
  const found = context.store.state.apis.get(context.params.restApiId)?.documentationParts.get(context.params.partId)
  if (!found) throw notFound('Invalid Documentation part identifier specified')
  return found
}

/** Only /properties can be replaced (observed on AWS: test_invalid_update_documentation_part). */
function updateDocumentationPart(context: OperationContext) {
  const part = locatePart(context)
  const operations = readPatchOperations(jsonBody(context), 'updateDocumentationPartInput')
  const next = structuredClone(part)
  for (const operation of operations) {
    if (operation.path !== '/properties') throw onlyPaths(operation, ['/properties'])
    if (operation.op !== 'replace') throw unsupported(operation)
    if (operation.value === undefined) throw badRequest('Invalid null or empty value in properties')
    next.properties = operation.value
  }
  context.store.api(context.params.restApiId).documentationParts.set(next.id, next)
  return ok(next)
}

function deleteDocumentationPart(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const part = locatePart(context)
  api.documentationParts.delete(part.id)
  return accepted()
}

/**
 * ImportDocumentationParts: the parts of a definition's x-amazon-apigateway-documentation, merged with
 * the API's or replacing them (`mode`, merge by default). A body that is no definition is refused in
 * AWS's words (observed on AWS: test_import_documentation_parts_bad_file), and so, by the sandbox's own
 * choice, is a part it cannot read; it finds no warnings for `failonwarnings` to fail on.
 */
function importParts(context: OperationContext) {
  const api: RestApiState = context.store.api(context.params.restApiId)
  const mode = context.query.get('mode') ?? 'merge'
  if (mode !== 'merge' && mode !== 'overwrite') throw badRequest(`Invalid mode specified: ${mode}. Must be one of: [merge, overwrite]`)
  let parts
  try {
    parts = readDocumentationParts(readDocument(context.body.toString('utf8')))
  } catch (error) {
    if (error instanceof ApiGatewayError) throw badRequest('Unable to build importer with provided input.')
    throw error
  }
  const ids = importDocumentationParts(api, parts, mode, () => context.store.newId(6, api.documentationParts))
  // Observed on AWS: test_import_documentation_parts answers 200 with the new ids.
  return ok({ids})
}

function createDocumentationVersion(context: OperationContext) {
  const body = jsonBody(context)
  const version = requiredString(body, 'documentationVersion', 'createDocumentationVersionInput')
  const description = optionalString(body, 'description')
  const stageName = optionalString(body, 'stageName')
  const api = context.store.api(context.params.restApiId)
  // The message is the sandbox's own; no source records AWS's.
  if (api.documentationVersions.has(version)) throw conflict(`Documentation version ${version} already exists`)
  // A version made for a stage becomes the stage's (API reference, CreateDocumentationVersion stageName).
  const stage = stageName === undefined ? undefined : context.store.stage(api, stageName)
  const documentationVersion: DocumentationVersion = compact({version, createdDate: context.store.nowSeconds(), description})
  api.documentationVersions.set(version, documentationVersion)
  if (stage) stage.documentationVersion = version
  return created(documentationVersion)
}

function locateVersion(context: OperationContext): DocumentationVersion {
  const found = context.store.api(context.params.restApiId).documentationVersions.get(context.params.version)
  // The message is the sandbox's own, in the words of its other lookups; no source records AWS's.
  if (!found) throw notFound('Invalid Documentation version identifier specified')
  return found
}

/** Only /description can be replaced (observed on AWS: test_documentation_parts_and_versions replaces it). */
function updateDocumentationVersion(context: OperationContext) {
  const version = locateVersion(context)
  const operations = readPatchOperations(jsonBody(context), 'updateDocumentationVersionInput')
  const next = structuredClone(version)
  for (const operation of operations) {
    if (operation.path !== '/description') throw onlyPaths(operation, ['/description'])
    if (operation.op !== 'replace') throw unsupported(operation)
    if (operation.value === undefined || operation.value === '') delete next.description
    else next.description = operation.value
  }
  context.store.api(context.params.restApiId).documentationVersions.set(next.version, next)
  return ok(next)
}

function deleteDocumentationVersion(context: OperationContext) {
  const version = locateVersion(context)
  context.store.api(context.params.restApiId).documentationVersions.delete(version.version)
  return accepted()
}

// Both observed on AWS for parts (test_invalid_update_documentation_part); versions are assumed to answer alike.
function onlyPaths(operation: PatchOperation, paths: string[]): ApiGatewayError {
  return badRequest(`Invalid patch path  '${operation.path}' specified for op '${operation.op}'. Must be one of: [${paths.join(', ')}]`)
}

function unsupported(operation: PatchOperation): ApiGatewayError {
  return badRequest(`Invalid patch path  '${operation.path}' specified for op '${operation.op}'. Please choose supported operations`)
}
