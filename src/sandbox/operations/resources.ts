import type {Resource, RestApiState} from '../model.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, invalidPatchPath, pathSegments, readPatchOperations, requireOp, requireValue} from '../patch.js'
import {type OperationContext, type Route, accepted, created, jsonBody, ok, requiredString} from '../route.js'

export const resourceRoutes: Route[] = [
  {method: 'GET', template: '/restapis/{restApiId}/resources', operation: 'GetResources', mutating: false, handle: getResources},
  {method: 'GET', template: '/restapis/{restApiId}/resources/{resourceId}', operation: 'GetResource', mutating: false, handle: getResource},
  {method: 'POST', template: '/restapis/{restApiId}/resources/{parentId}', operation: 'CreateResource', mutating: true, handle: createResource},
  {method: 'PATCH', template: '/restapis/{restApiId}/resources/{resourceId}', operation: 'UpdateResource', mutating: true, handle: updateResource},
  {method: 'DELETE', template: '/restapis/{restApiId}/resources/{resourceId}', operation: 'DeleteResource', mutating: true, handle: deleteResource},
]

/** Without `embed=methods` each method is listed as `{}` (VALIDATED, aws-binary-facts §2.3). */
export function renderResource(resource: Resource, embedMethods: boolean): Resource {
  if (!resource.resourceMethods || embedMethods) return resource
  const summary: Record<string, never> = {}
  for (const httpMethod of Object.keys(resource.resourceMethods)) summary[httpMethod] = {} as never
  return {...resource, resourceMethods: summary}
}

const wantsMethods = (context: OperationContext) => context.query.getAll('embed').some((value) => value.split(',').includes('methods'))

function getResources(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const embed = wantsMethods(context)
  const page = paginate([...api.resources.values()], context.query)
  return ok({...page, item: page.item.map((resource) => renderResource(resource, embed))})
}

function getResource(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  return ok(renderResource(context.store.resource(api, context.params.resourceId), wantsMethods(context)))
}

function createResource(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const parent = context.store.resource(api, context.params.parentId)
  const pathPart = requiredString(jsonBody(context), 'pathPart', 'createResourceInput')
  return created(context.store.createResource(api, parent, pathPart))
}

function updateResource(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const resource = context.store.resource(api, context.params.resourceId)
  const operations = readPatchOperations(jsonBody(context), 'updateResourceInput')
  // The operations rewrite resources in place; a request whose later operation fails must change nothing.
  const before = structuredClone([...api.resources.values()])
  try {
    applyResourcePatch(context, api, resource, operations)
  } catch (error) {
    api.resources = new Map(before.map((entry) => [entry.id, entry]))
    throw error
  }
  return ok(resource)
}

function applyResourcePatch(context: OperationContext, api: RestApiState, resource: Resource, operations: PatchOperation[]): void {
  for (const operation of operations) {
    const [field, ...rest] = pathSegments(operation.path)
    if (field !== 'pathPart' || rest.length > 0) throw invalidPatchPath(operation)
    requireOp(operation, ['replace'])
    const parent = context.store.resource(api, resource.parentId ?? api.api.rootResourceId)
    // Re-create through the store so the same path-part rules and the subtree paths stay consistent.
    const moved = context.store.createResource(api, parent, requireValue(operation))
    api.resources.delete(moved.id)
    const oldPrefix = resource.path
    for (const candidate of api.resources.values()) {
      if (candidate.path.startsWith(`${oldPrefix}/`)) candidate.path = moved.path + candidate.path.slice(oldPrefix.length)
    }
    resource.pathPart = moved.pathPart
    resource.path = moved.path
  }
}

function deleteResource(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  context.store.deleteResource(api, context.store.resource(api, context.params.resourceId))
  return accepted()
}
