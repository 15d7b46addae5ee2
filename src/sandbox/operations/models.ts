// Models: CreateRestApi makes the two defaults, imports make the document's, and these operations the
// rest, with AWS's answers as recorded (LocalStack's AWS-validated recordings test_model_lifecycle,
// test_model_validation, test_update_model, test_put_method_model).
import {badRequest, conflict, notFound} from '../api-errors.js'
import type {Model, RestApiState} from '../model.js'
import {checkModelSchema} from '../model-schema-check.js'
import {paginate} from '../pagination.js'
import {invalidPatchPath, readPatchOperations} from '../patch.js'
import {jsonBody, optionalString, requiredString} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'

const MODELS = '/restapis/{restApiId}/models'

export const modelRoutes: Route[] = [
  {method: 'POST', template: MODELS, operation: 'CreateModel', mutating: true, handle: createModel},
  {method: 'GET', template: MODELS, operation: 'GetModels', mutating: false, handle: getModels},
  // `flatten` (references replaced by the schemas they name) is not modelled: the schema is answered as stored.
  {method: 'GET', template: `${MODELS}/{modelName}`, operation: 'GetModel', mutating: false, handle: (c) => ok(locateModel(c).model)},
  {method: 'PATCH', template: `${MODELS}/{modelName}`, operation: 'UpdateModel', mutating: true, handle: updateModel},
  {method: 'DELETE', template: `${MODELS}/{modelName}`, operation: 'DeleteModel', mutating: true, handle: deleteModel},
]

function createModel(context: OperationContext) {
  const body = jsonBody(context)
  const input = 'createModelInput'
  const name = requiredString(body, 'name', input)
  const contentType = requiredString(body, 'contentType', input)
  const description = optionalString(body, 'description')
  const schema = optionalString(body, 'schema')
  const api = context.store.api(context.params.restApiId)
  if (name === '') throw badRequest('Model name must be non-empty')
  // The API reference's CreateModel says a name "must be alphanumeric"; AWS's wording of the refusal is not recorded.
  if (!/^[A-Za-z0-9]+$/.test(name)) throw badRequest('Model name must be alphanumeric')
  if (api.models.has(name)) throw conflict('Model name already exists for this REST API')
  checkModelSchema(schema)
  const ids = new Set([...api.models.values()].map((model) => model.id))
  // An empty description is no description (observed on AWS: test_put_method_model "create-model").
  const model: Model = {id: context.store.newId(6, ids), name, ...(description ? {description} : {}), schema, contentType}
  api.models.set(name, model)
  return created(model)
}

function getModels(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  return ok(paginate([...api.models.values()], context.query))
}

/** Below the API, an unknown API is answered as an unknown model (observed on AWS: test_model_validation). */
function locateModel(context: OperationContext): {api: RestApiState; model: Model} {
  const {restApiId, modelName} = context.params
  const api = context.store.state.apis.get(restApiId)
  const model = api?.models.get(modelName)
  if (!api || !model) throw notFound(`Invalid model name specified: ${modelName}`)
  return {api, model}
}

/** Replace only, of /schema and /description (observed on AWS: test_update_model). */
function updateModel(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateModelInput')
  const {api, model} = locateModel(context)
  const next = structuredClone(model)
  for (const operation of operations) {
    if (operation.op !== 'replace') throw invalidPatchPath(operation)
    if (operation.path === '/schema') {
      checkModelSchema(operation.value)
      next.schema = operation.value
    } else if (operation.path === '/description') {
      if (operation.value) next.description = operation.value
      else delete next.description
    } else {
      throw badRequest(`Invalid patch path  '${operation.path}' specified for op 'replace'. Must be one of: [/description, /schema]`)
    }
  }
  api.models.set(next.name, next)
  return ok(next)
}

function deleteModel(context: OperationContext) {
  const {api, model} = locateModel(context)
  const user = methodRequestUsing(api, model.name)
  if (user) throw conflict(`Cannot delete model '${model.name}', is referenced in method request: ${user}`)
  api.models.delete(model.name)
  return accepted()
}

/**
 * A method whose request names the model, as AWS names it: the resource path, `/`, the HTTP method
 * (`//ANY` on the root). With two, AWS named the one put later (observed on AWS: test_put_method_model
 * "delete-model-used-by-2-method"), so the last one found is named.
 */
function methodRequestUsing(api: RestApiState, modelName: string): string | undefined {
  let found: string | undefined
  for (const resource of api.resources.values()) {
    for (const method of Object.values(resource.resourceMethods ?? {})) {
      if (Object.values(method.requestModels ?? {}).includes(modelName)) found = `${resource.path}/${method.httpMethod}`
    }
  }
  return found
}
