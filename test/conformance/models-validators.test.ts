// The control plane against AWS's recorded answers: models and request validators. Each test transcribes
// the LocalStack test of the same name (tests/aws/services/apigateway/test_apigateway_api.py at
// localstack/localstack 8b9a79f0): the same calls, in the same order, matched under the same keys.
import {
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  DeleteMethodCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
  GetModelCommand,
  GetModelsCommand,
  GetRequestValidatorCommand,
  GetRequestValidatorsCommand,
  type PatchOperation,
  PutMethodCommand,
  UpdateMethodCommand,
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
} from '@aws-sdk/client-api-gateway'

import {shortUid, sortedBy, useConformanceSandbox} from './context.js'
import {answerTo, callerOf, restApiFixtures} from './control-plane-support.js'
import {type Deviation, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox()
const {apigwCreateRestApi} = restApiFixtures(context)
const {replay, done} = conformance('models-validators.test.ts', DEVIATIONS)
const send = answerTo(context)
const call = callerOf(context)

const FAKE_API_ID = 'abcde0'
const byName = <T>(answer: T) => sortedBy(answer, 'items', (item) => item.name)

describe('TestApiGatewayApiMethod', () => {
  replay('test_apigateway_api.py::TestApiGatewayApiMethod::test_put_method_model', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource method model'})
    snapshot.match(
      'create-model',
      await send(new CreateModelCommand({name: 'MySchema', restApiId: id, contentType: 'application/json', description: '', schema: JSON.stringify({title: 'MySchema', type: 'object'})})),
    )
    snapshot.match(
      'create-model-2',
      await send(new CreateModelCommand({name: 'MySchemaTwo', restApiId: id, contentType: 'application/json', description: '', schema: JSON.stringify({title: 'MySchemaTwo', type: 'object'})})),
    )
    const root = {restApiId: id, resourceId: rootResourceId, httpMethod: 'ANY'}
    snapshot.match('put-method-request-models', await send(new PutMethodCommand({...root, authorizationType: 'NONE', requestModels: {'application/json': 'MySchema'}})))
    snapshot.match('delete-model-used', await send(new DeleteModelCommand({restApiId: id, modelName: 'MySchema'})))
    snapshot.match(
      'update-method-model',
      await send(new UpdateMethodCommand({...root, patchOperations: [{op: 'replace', path: '/requestModels/application~1json', value: 'MySchemaTwo'}]})),
    )
    snapshot.match('delete-model-unused', await send(new DeleteModelCommand({restApiId: id, modelName: 'MySchema'})))
    snapshot.match('delete-model-used-2', await send(new DeleteModelCommand({restApiId: id, modelName: 'MySchemaTwo'})))
    const resource = await call(new CreateResourceCommand({restApiId: id, parentId: rootResourceId, pathPart: 'test'}))
    const test = {restApiId: id, resourceId: resource.id, httpMethod: 'ANY'}
    snapshot.match('put-method-2-request-models', await send(new PutMethodCommand({...test, authorizationType: 'NONE', requestModels: {'application/json': 'MySchemaTwo'}})))
    snapshot.match('delete-model-used-by-2-method', await send(new DeleteModelCommand({restApiId: id, modelName: 'MySchemaTwo'})))
    snapshot.match(
      'update-method-model-2',
      await send(new UpdateMethodCommand({...test, patchOperations: [{op: 'remove', path: '/requestModels/application~1json', value: 'MySchemaTwo'}]})),
    )
    snapshot.match('delete-model-used-by-method-1', await send(new DeleteModelCommand({restApiId: id, modelName: 'MySchemaTwo'})))
    snapshot.match('delete-method-using-model-2', await send(new DeleteMethodCommand(root)))
    snapshot.match('delete-model-unused-2', await send(new DeleteModelCommand({restApiId: id, modelName: 'MySchemaTwo'})))
  })
})

describe('TestApiGatewayApiModels', () => {
  replay('test_apigateway_api.py::TestApiGatewayApiModels::test_model_lifecycle', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource model lifecycle'})
    // The API reference's CreateModel example, as the test sends it.
    const schema =
      '{\n\t"title": "Calc output",\n\t"type": "object",\n\t"properties": {\n\t\t"a": {\n\t\t\t"type": "number"\n\t\t},\n\t\t"b": {\n\t\t\t"type": "number"\n\t\t},\n\t\t"op": {\n\t\t\t"description": "operation of +, -, * or /",\n\t\t\t"type": "string"\n\t\t},\n\t\t"c": {\n\t\t    "type": "number"\n\t\t}\n\t},\n\t"required": ["a", "b", "op"]\n}\n'
    snapshot.match('create-model', await send(new CreateModelCommand({name: 'CalcOutput', restApiId: id, contentType: 'application/json', description: 'Calc output model', schema})))
    const models = await send(new GetModelsCommand({restApiId: id}))
    snapshot.match('get-models', byName(models))
    const names = models.items.map((model: {name: string}) => model.name)
    expect(names).toContain('Error')
    expect(names).toContain('Empty')
    snapshot.match('get-model', await send(new GetModelCommand({restApiId: id, modelName: 'CalcOutput'})))
    snapshot.match('del-model', await send(new DeleteModelCommand({restApiId: id, modelName: 'CalcOutput'})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiModels::test_model_validation', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource model lifecycle'})
    const mySchema = JSON.stringify({title: 'MySchema', type: 'object'})
    snapshot.match(
      'create-model-wrong-id',
      await send(new CreateModelCommand({name: 'MySchema', restApiId: FAKE_API_ID, contentType: 'application/json', description: 'Test model', schema: mySchema})),
    )
    snapshot.match('get-models-wrong-id', await send(new GetModelsCommand({restApiId: FAKE_API_ID})))
    snapshot.match('get-model-wrong-id', await send(new GetModelCommand({restApiId: FAKE_API_ID, modelName: 'MySchema'})))
    snapshot.match('del-model-wrong-id', await send(new DeleteModelCommand({restApiId: FAKE_API_ID, modelName: 'MySchema'})))
    const createdEmptyDescription = await send(new CreateModelCommand({name: 'MySchema', restApiId: id, contentType: 'application/json', description: '', schema: mySchema}))
    expect(createdEmptyDescription.ResponseMetadata.HTTPStatusCode).toBe(201)
    snapshot.match(
      'create-model-already-exists',
      await send(new CreateModelCommand({name: 'MySchema', restApiId: id, contentType: 'application/json', description: '', schema: mySchema})),
    )
    snapshot.match('create-model-empty-name', await send(new CreateModelCommand({name: '', restApiId: id, contentType: 'application/json', description: '', schema: mySchema})))
    snapshot.match(
      'create-model-empty-schema',
      await send(new CreateModelCommand({name: 'MyEmptySchema', restApiId: id, contentType: 'application/json', description: '', schema: ''})),
    )
    snapshot.match('create-model-no-schema-json', await send(new CreateModelCommand({name: 'MyEmptySchema', restApiId: id, contentType: 'application/json', description: ''})))
    snapshot.match('create-model-no-schema-xml', await send(new CreateModelCommand({name: 'MyEmptySchemaXml', restApiId: id, contentType: 'application/xml', description: ''})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiModels::test_update_model', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing update resource model'})
    const patchOperations: PatchOperation[] = [
      {op: 'replace', path: '/schema', value: JSON.stringify({title: 'Updated schema', type: 'object'})},
      {op: 'replace', path: '/description', value: ''},
    ]
    snapshot.match('update-model-wrong-id', await send(new UpdateModelCommand({restApiId: FAKE_API_ID, modelName: 'mySchema', patchOperations})))
    snapshot.match(
      'create-model',
      await send(new CreateModelCommand({name: 'MySchema', restApiId: id, contentType: 'application/json', description: '', schema: JSON.stringify({title: 'MySchema', type: 'object'})})),
    )
    snapshot.match('update-model', await send(new UpdateModelCommand({restApiId: id, modelName: 'MySchema', patchOperations})))
    snapshot.match(
      'update-model-invalid-op',
      await send(new UpdateModelCommand({restApiId: id, modelName: 'MySchema', patchOperations: [{op: 'add', path: '/wrong-path', value: 'not supported op'}]})),
    )
    snapshot.match(
      'update-model-invalid-path',
      await send(new UpdateModelCommand({restApiId: id, modelName: 'MySchema', patchOperations: [{op: 'replace', path: '/name', value: 'invalid'}]})),
    )
    snapshot.match(
      'update-model-empty-schema',
      await send(new UpdateModelCommand({restApiId: id, modelName: 'MySchema', patchOperations: [{op: 'replace', path: '/schema', value: ''}]})),
    )
  })
})

describe('TestApiGatewayApiRequestValidator', () => {
  const createValidator = (restApiId: string) => call(new CreateRequestValidatorCommand({restApiId, name: `test-validator-${shortUid()}`}))

  replay('test_apigateway_api.py::TestApiGatewayApiRequestValidator::test_validators_crud_no_api', async (snapshot) => {
    snapshot.match(
      'wrong-rest-api-id-create-validator',
      await send(new CreateRequestValidatorCommand({restApiId: 'test-fake-rest-id', name: 'test-validator', validateRequestBody: true, validateRequestParameters: false})),
    )
    snapshot.match('wrong-rest-api-id-get-validators', await send(new GetRequestValidatorsCommand({restApiId: 'test-fake-rest-id'})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRequestValidator::test_request_validator_lifecycle', async (snapshot) => {
    const api = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'my api'})
    snapshot.match('create-rest-api', api)
    const restApiId = api.id
    const created = await send(new CreateRequestValidatorCommand({restApiId, name: `test-validator-${shortUid()}`}))
    snapshot.match('create-request-validator', created)
    const key = {restApiId, requestValidatorId: created.id}
    snapshot.match('get-request-validator', await send(new GetRequestValidatorCommand(key)))
    snapshot.match('get-request-validators', await send(new GetRequestValidatorsCommand({restApiId})))
    snapshot.match(
      'update-request-validator-with-value',
      await send(new UpdateRequestValidatorCommand({...key, patchOperations: [{op: 'replace', path: '/validateRequestBody', value: 'true'}]})),
    )
    snapshot.match('update-request-validator-without-value', await send(new UpdateRequestValidatorCommand({...key, patchOperations: [{op: 'replace', path: '/validateRequestBody'}]})))
    snapshot.match('get-request-validators-after-update-operation', await send(new GetRequestValidatorCommand(key)))
    snapshot.match('delete-request-validator', await send(new DeleteRequestValidatorCommand(key)))
    snapshot.match('get-deleted-request-validator', await send(new GetRequestValidatorCommand(key)))
    snapshot.match('get-request-validators-after-delete', await send(new GetRequestValidatorsCommand({restApiId})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRequestValidator::test_invalid_get_request_validator', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'my api'})
    const validator = await createValidator(id)
    snapshot.match('get-request-validators-invalid-api-id', await send(new GetRequestValidatorCommand({restApiId: 'api_id', requestValidatorId: validator.id})))
    snapshot.match('get-request-validators-invalid-validator-id', await send(new GetRequestValidatorCommand({restApiId: id, requestValidatorId: 'validator_id'})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRequestValidator::test_invalid_get_request_validators', async (snapshot) => {
    snapshot.match('get-invalid-request-validators', await send(new GetRequestValidatorsCommand({restApiId: 'api_id'})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRequestValidator::test_invalid_delete_request_validator', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'my api'})
    const validator = await createValidator(id)
    snapshot.match('delete-request-validator-invalid-api-id', await send(new DeleteRequestValidatorCommand({restApiId: 'api_id', requestValidatorId: validator.id})))
    snapshot.match('delete-request-validator-invalid-validator-id', await send(new DeleteRequestValidatorCommand({restApiId: id, requestValidatorId: 'validator_id'})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRequestValidator::test_create_request_validator_invalid_api_id', async (snapshot) => {
    snapshot.match('invalid-create-request-validator', await send(new CreateRequestValidatorCommand({restApiId: 'api_id', name: `test-validator-${shortUid()}`})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRequestValidator::test_invalid_update_request_validator_operations', async (snapshot) => {
    const api = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'my api'})
    snapshot.match('create-rest-api', api)
    const created = await send(new CreateRequestValidatorCommand({restApiId: api.id, name: `test-validator-${shortUid()}`}))
    snapshot.match('create-request-validator', created)
    const update = (patchOperations: PatchOperation[]) => send(new UpdateRequestValidatorCommand({restApiId: api.id, requestValidatorId: created.id, patchOperations}))
    snapshot.match('update-request-validator-invalid-add-operation', await update([{op: 'add', path: '/validateRequestBody', value: 'true'}]))
    snapshot.match('update-request-validator-invalid-remove-operation', await update([{op: 'remove', path: '/validateRequestBody', value: 'true'}]))
    snapshot.match('update-request-validator-invalid-path', await update([{op: 'replace', path: '/invalidPath', value: 'true'}]))
    snapshot.match('update-request-validator-empty-name-value', await update([{op: 'replace', path: '/name'}]))
  })
})

done()
