// Documentation parts and versions are kept as given so that a stage can name a documentation version,
// as Terraform and LocalStack's stage tests do; the sandbox neither exports them nor checks a part's
// location against the API's resources.
import {badRequest, conflict, notFound, validationErrors} from '../api-errors.js'
import type {DocumentationPart, DocumentationVersion} from '../model.js'
import {paginate} from '../pagination.js'
import {type OperationContext, type Route, accepted, compact, created, jsonBody, missingMember, ok, optionalString, requiredString} from '../route.js'

const PARTS = '/restapis/{restApiId}/documentation/parts'
const VERSIONS = '/restapis/{restApiId}/documentation/versions'

export const documentationRoutes: Route[] = [
  {method: 'POST', template: PARTS, operation: 'CreateDocumentationPart', mutating: true, handle: createDocumentationPart},
  {method: 'GET', template: PARTS, operation: 'GetDocumentationParts', mutating: false, handle: (c) => ok(paginate([...c.store.api(c.params.restApiId).documentationParts.values()], c.query))},
  {method: 'GET', template: `${PARTS}/{partId}`, operation: 'GetDocumentationPart', mutating: false, handle: (c) => ok(locatePart(c))},
  {method: 'DELETE', template: `${PARTS}/{partId}`, operation: 'DeleteDocumentationPart', mutating: true, handle: deleteDocumentationPart},
  {method: 'POST', template: VERSIONS, operation: 'CreateDocumentationVersion', mutating: true, handle: createDocumentationVersion},
  {method: 'GET', template: VERSIONS, operation: 'GetDocumentationVersions', mutating: false, handle: (c) => ok(paginate([...c.store.api(c.params.restApiId).documentationVersions.values()], c.query))},
  {method: 'GET', template: `${VERSIONS}/{version}`, operation: 'GetDocumentationVersion', mutating: false, handle: (c) => ok(locateVersion(c))},
  {method: 'DELETE', template: `${VERSIONS}/{version}`, operation: 'DeleteDocumentationVersion', mutating: true, handle: deleteDocumentationVersion},
]

// The model's enum in the order AWS's front end lists it (observed on AWS: LocalStack recording
// test_invalid_create_documentation_part_operations).
const LOCATION_TYPES = [
  'RESPONSE_BODY', 'RESPONSE', 'METHOD', 'MODEL', 'AUTHORIZER', 'RESPONSE_HEADER', 'RESOURCE', 'PATH_PARAMETER', 'REQUEST_BODY', 'QUERY_PARAMETER', 'API', 'REQUEST_HEADER',
]

function createDocumentationPart(context: OperationContext) {
  const body = jsonBody(context)
  const input = 'createDocumentationPartInput'
  const location = body.location
  if (location === undefined || location === null) throw missingMember(input, 'location')
  if (typeof location !== 'object' || Array.isArray(location)) throw badRequest('Invalid value for location: expected an object')
  const fields = location as Record<string, unknown>
  const type = requiredString(fields, 'type', `${input}.location`)
  if (!LOCATION_TYPES.includes(type)) {
    throw validationErrors([`Value '${type}' at '${input}.location.type' failed to satisfy constraint: Member must satisfy enum value set: [${LOCATION_TYPES.join(', ')}]`])
  }
  const properties = requiredString(body, 'properties', input)
  const api = context.store.api(context.params.restApiId)
  const part: DocumentationPart = {
    id: context.store.newId(6, api.documentationParts),
    location: compact({
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

function locatePart(context: OperationContext): DocumentationPart {
  const found = context.store.api(context.params.restApiId).documentationParts.get(context.params.partId)
  // Observed on AWS: LocalStack recording test_invalid_get_documentation_part.
  if (!found) throw notFound('Invalid Documentation part identifier specified')
  return found
}

function deleteDocumentationPart(context: OperationContext) {
  const part = locatePart(context)
  context.store.api(context.params.restApiId).documentationParts.delete(part.id)
  return accepted()
}

function createDocumentationVersion(context: OperationContext) {
  const body = jsonBody(context)
  const version = requiredString(body, 'documentationVersion', 'createDocumentationVersionInput')
  const description = optionalString(body, 'description')
  const api = context.store.api(context.params.restApiId)
  // The message is the sandbox's own; no source records AWS's.
  if (api.documentationVersions.has(version)) throw conflict(`Documentation version ${version} already exists`)
  const documentationVersion: DocumentationVersion = compact({version, createdDate: context.store.nowSeconds(), description})
  api.documentationVersions.set(version, documentationVersion)
  return created(documentationVersion)
}

function locateVersion(context: OperationContext): DocumentationVersion {
  const found = context.store.api(context.params.restApiId).documentationVersions.get(context.params.version)
  // The message is the sandbox's own, in the words of its other lookups; no source records AWS's.
  if (!found) throw notFound('Invalid Documentation version identifier specified')
  return found
}

function deleteDocumentationVersion(context: OperationContext) {
  const version = locateVersion(context)
  context.store.api(context.params.restApiId).documentationVersions.delete(version.version)
  return accepted()
}
