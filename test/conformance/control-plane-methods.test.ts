// The control plane against AWS's recorded answers: methods, method responses, integrations and
// integration responses. Each test transcribes the LocalStack test of the same name
// (tests/aws/services/apigateway/*.py at localstack/localstack 8b9a79f0): the same calls, in the same
// order, matched under the same keys.
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  type PatchOperation,
  PutIntegrationCommand,
  type PutIntegrationCommandInput,
  PutIntegrationResponseCommand,
  type PutIntegrationResponseCommandInput,
  PutMethodCommand,
  type PutMethodCommandInput,
  PutMethodResponseCommand,
  UpdateIntegrationResponseCommand,
  UpdateMethodCommand,
  UpdateMethodResponseCommand,
} from '@aws-sdk/client-api-gateway'

import {shortUid, useConformanceSandbox} from './context.js'
import {answerTo, callerOf, restApiFixtures, withBodyMembers} from './control-plane-support.js'
import {type Deviation, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox()
const {apigwCreateRestApi, createRestApigw} = restApiFixtures(context)
const {replay, done} = conformance('control-plane-methods.test.ts', DEVIATIONS)
const send = answerTo(context)
const call = callerOf(context)

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const MOCK_REQUEST_TEMPLATES = {'application/json': '{"statusCode": 200}'}

type MethodKey = {restApiId: string; resourceId: string; httpMethod: string}
const putMethod = (input: PutMethodCommandInput) => send(new PutMethodCommand(input))
const updateMethod = (key: MethodKey, patchOperations: PatchOperation[]) => send(new UpdateMethodCommand({...key, patchOperations}))
const putIntegration = (input: PutIntegrationCommandInput) => send(new PutIntegrationCommand(input))
const putIntegrationResponse = (input: PutIntegrationResponseCommandInput) => send(new PutIntegrationResponseCommand(input))
const getIntegrationResponse = (key: MethodKey & {statusCode: string}) => send(new GetIntegrationResponseCommand(key))
const updateMethodResponse = (key: MethodKey & {statusCode: string}, patchOperations: PatchOperation[]) =>
  send(new UpdateMethodResponseCommand({...key, patchOperations}))

/** The MOCK GET on the root that most of the integration and method response tests start from. */
async function mockGetOnRoot(): Promise<MethodKey> {
  const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`})
  const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'GET'}
  await call(new PutMethodCommand({...key, authorizationType: 'NONE'}))
  await call(new PutIntegrationCommand({...key, type: 'MOCK', requestTemplates: MOCK_REQUEST_TEMPLATES}))
  return key
}

describe('TestApiGatewayApiMethod', () => {
  replay('test_apigateway_api.py::TestApiGatewayApiMethod::test_method_lifecycle', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource method lifecycle'})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'ANY'}
    snapshot.match('put-base-method-response', await putMethod({...key, authorizationType: 'NONE'}))
    snapshot.match('get-base-method-response', await send(new GetMethodCommand(key)))
    snapshot.match('del-base-method-response', await send(new DeleteMethodCommand(key)))
    snapshot.match('get-deleted-method-response', await send(new GetMethodCommand(key)))
    snapshot.match('delete-deleted-method-response', await send(new DeleteMethodCommand(key)))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiMethod::test_method_request_parameters', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource method request params'})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'ANY'}
    snapshot.match(
      'put-method-request-params-response',
      await putMethod({
        ...key,
        authorizationType: 'NONE',
        requestParameters: {
          'method.request.querystring.q_optional': false,
          'method.request.querystring.q_required': true,
          'method.request.header.h_optional': false,
          'method.request.header.h_required': true,
        },
      }),
    )
    snapshot.match('get-method-request-params-response', await send(new GetMethodCommand(key)))
    snapshot.match(
      'req-params-same-name',
      await putMethod({
        ...key,
        httpMethod: 'GET',
        authorizationType: 'NONE',
        requestParameters: {'method.request.querystring.optional': false, 'method.request.header.optional': false},
      }),
    )
  })

  replay('test_apigateway_api.py::TestApiGatewayApiMethod::test_put_method_validation', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource method request params'})
    snapshot.match('wrong-api', await putMethod({restApiId: 'fake-api', resourceId: rootResourceId, httpMethod: 'WRONG', authorizationType: 'NONE'}))
    snapshot.match('wrong-resource', await putMethod({restApiId: id, resourceId: 'fake-resource-id', httpMethod: 'WRONG', authorizationType: 'NONE'}))
    const key = {restApiId: id, resourceId: rootResourceId}
    snapshot.match('wrong-method', await putMethod({...key, httpMethod: 'WRONG', authorizationType: 'NONE'}))
    snapshot.match('missing-authorizer-id', await putMethod({...key, httpMethod: 'ANY', authorizationType: 'CUSTOM'}))
    snapshot.match('invalid-request-validator', await putMethod({...key, httpMethod: 'ANY', authorizationType: 'NONE', requestValidatorId: 'fake-validator'}))
    snapshot.match('invalid-model-name', await putMethod({...key, httpMethod: 'ANY', authorizationType: 'NONE', requestModels: {'application/json': 'petModel'}}))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiMethod::test_update_method', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing update method'})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'ANY'}
    snapshot.match('put-method-response', await putMethod({...key, authorizationType: 'NONE'}))
    snapshot.match(
      'update-method-add',
      await updateMethod(key, [
        {op: 'add', path: '/requestParameters/method.request.querystring.optional', value: 'true'},
        {op: 'add', path: '/requestModels/application~1json', value: 'Empty'},
      ]),
    )
    snapshot.match(
      'update-method-replace',
      await updateMethod(key, [
        {op: 'replace', path: '/operationName', value: 'ReplacedOperationName'},
        {op: 'replace', path: '/apiKeyRequired', value: 'true'},
        {op: 'replace', path: '/authorizationType', value: 'AWS_IAM'},
        {op: 'replace', path: '/requestParameters/method.request.querystring.optional', value: 'false'},
      ]),
    )
    const authorizer = await context.client.send(
      new CreateAuthorizerCommand({
        restApiId: id,
        name: 'authorizer-test',
        type: 'TOKEN',
        authorizerUri:
          'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:myApiAuthorizer/invocations',
        identitySource: 'method.request.header.Authorization',
      }),
    )
    snapshot.match(
      'update-method-replace-authorizer',
      await updateMethod(key, [
        {op: 'replace', path: '/authorizerId', value: authorizer.id!},
        {op: 'replace', path: '/authorizationType', value: 'CUSTOM'},
      ]),
    )
    snapshot.match(
      'update-method-remove',
      await updateMethod(key, [
        {op: 'remove', path: '/requestParameters/method.request.querystring.optional', value: 'true'},
        {op: 'remove', path: '/requestModels/application~1json', value: 'Empty'},
      ]),
    )
  })

  replay('test_apigateway_api.py::TestApiGatewayApiMethod::test_update_method_validation', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource method request params'})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'ANY'}
    snapshot.match('wrong-rest-api', await updateMethod({...key, restApiId: 'fake-api'}, []))
    snapshot.match('wrong-resource-id', await updateMethod({...key, resourceId: 'fake-resource-id'}, []))
    snapshot.match('method-does-not-exist', await updateMethod({...key, httpMethod: 'GET'}, [{op: 'replace', path: '/operationName', value: 'methodDoesNotExist'}]))
    snapshot.match('put-method-response', await putMethod({...key, authorizationType: 'NONE', apiKeyRequired: true}))
    snapshot.match('unsupported-operation', await updateMethod(key, [{op: 'add', path: '/operationName', value: 'operationName'}]))
    snapshot.match('unsupported-operation-2', await updateMethod(key, [{op: 'add', path: '/requestValidatorId', value: 'wrong-id'}]))
    snapshot.match('unsupported-path', await updateMethod(key, [{op: 'add', path: '/httpMethod', value: 'PUT'}]))
    snapshot.match(
      'wrong-path-request-parameters',
      await updateMethod(key, [{op: 'replace', path: '/requestParameters', value: 'method.request.querystring.optional=false'}]),
    )
    snapshot.match('wrong-path-request-models', await updateMethod(key, [{op: 'add', path: '/requestModels/application/json', value: 'Empty'}]))
    snapshot.match('wrong-value-type', await updateMethod(key, [{op: 'replace', path: '/apiKeyRequired', value: 'whatever'}]))
    snapshot.match('wrong-auth-type', await updateMethod(key, [{op: 'replace', path: '/authorizationType', value: 'CUSTOM'}]))
    snapshot.match('skip-auth-id-with-wrong-type', await updateMethod(key, [{op: 'replace', path: '/authorizerId', value: 'abc123'}]))
    snapshot.match(
      'wrong-auth-id',
      await updateMethod(key, [
        {op: 'replace', path: '/authorizationType', value: 'CUSTOM'},
        {op: 'replace', path: '/authorizerId', value: 'abc123'},
      ]),
    )
    snapshot.match('wrong-req-validator-id', await updateMethod(key, [{op: 'replace', path: '/requestValidatorId', value: 'fake-id'}]))
  })
})

describe('TestApigatewayIntegration', () => {
  replay('test_apigateway_api.py::TestApigatewayIntegration::test_put_integration_wrong_type', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test PutIntegration Types'})
    snapshot.match(
      'put-integration-wrong-type',
      await putIntegration({restApiId: id, resourceId: rootResourceId, httpMethod: 'GET', type: 'HTTPS_PROXY' as never}),
    )
  })

  // Validated under its former class, TestApigatewayIntegrationResponse (test_apigateway_api.validation.json).
  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_put_integration_response_validation', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing PutIntegrationResponse method exc'})
    await call(new PutMethodCommand({restApiId: id, resourceId: rootResourceId, httpMethod: 'POST', authorizationType: 'NONE'}))
    const mock = {integrationHttpMethod: 'GET', type: 'MOCK' as const, requestTemplates: MOCK_REQUEST_TEMPLATES}
    snapshot.match('put-integration-wrong-method', await putIntegration({restApiId: id, resourceId: rootResourceId, httpMethod: 'GET', ...mock}))
    snapshot.match('put-integration-wrong-resource', await putIntegration({restApiId: id, resourceId: 'badresource', httpMethod: 'GET', ...mock}))
    await call(new PutIntegrationCommand({restApiId: id, resourceId: rootResourceId, httpMethod: 'POST', ...mock}))
    const response = {statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': JSON.stringify({})}}
    snapshot.match('put-integration-response-wrong-method', await putIntegrationResponse({restApiId: id, resourceId: rootResourceId, httpMethod: 'GET', ...response}))
    snapshot.match('put-integration-response-wrong-resource', await putIntegrationResponse({restApiId: id, resourceId: 'badresource', httpMethod: 'GET', ...response}))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegration::test_put_integration_response_templates', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing PutIntegrationResponse method exc'})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'POST'}
    await call(new PutMethodCommand({...key, authorizationType: 'NONE'}))
    await call(new PutIntegrationCommand({...key, integrationHttpMethod: 'GET', type: 'MOCK', requestTemplates: MOCK_REQUEST_TEMPLATES}))
    // boto3 sends {"application/json": null}; the SDK would drop the null from the map.
    const templateNone = new PutIntegrationResponseCommand({...key, statusCode: '200', selectionPattern: ''})
    snapshot.match('put-integration-response-template-none', await send(withBodyMembers(templateNone, {responseTemplates: {'application/json': null}})))
    snapshot.match(
      'put-integration-response-template-empty',
      await putIntegrationResponse({...key, statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': ''}}),
    )
    snapshot.match('put-integration-no-response-template', await putIntegrationResponse({...key, statusCode: '200', selectionPattern: ''}))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegration::test_put_integration_request_parameter_bool_type', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test PutIntegration RequestParam'})
    const key = {restApiId: id, resourceId: rootResourceId}
    snapshot.match('bool-method', await putMethod({...key, httpMethod: 'GET', authorizationType: 'NONE', requestParameters: {'method.request.path.testPath': true}}))
    // Without parameter validation boto3 sends the key True as JSON's "true", and booleans where strings belong.
    snapshot.match(
      'put-method-request-param-wrong-type',
      await putMethod({...key, httpMethod: 'POST', authorizationType: 'NONE', requestParameters: {'method.request.path.testPath': true, true: true}}),
    )
    snapshot.match(
      'put-integration-request-param-wrong-type',
      await putIntegration({...key, httpMethod: 'GET', type: 'HTTP_PROXY', requestParameters: {true: true as never}}),
    )
    snapshot.match(
      'put-integration-request-param-bool-value',
      await putIntegration({...key, httpMethod: 'GET', type: 'HTTP_PROXY', requestParameters: {'integration.request.path.testPath': true as never}}),
    )
  })

  replay('test_apigateway_api.py::TestApigatewayIntegration::test_get_integration_non_existent', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test PutIntegration Types'})
    const getIntegration = (restApiId: string, resourceId: string) => send(new GetIntegrationCommand({restApiId, resourceId, httpMethod: 'GET'}))
    snapshot.match('get-integration-no-api', await getIntegration(shortUid(), rootResourceId))
    snapshot.match('get-integration-no-resource', await getIntegration(id, shortUid()))
    snapshot.match('get-integration-no-method', await getIntegration(id, rootResourceId))
    await call(new PutMethodCommand({restApiId: id, resourceId: rootResourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
    snapshot.match('get-integration-no-integration', await getIntegration(id, rootResourceId))
  })
})

describe('TestApigatewayIntegrationResponse', () => {
  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_integration_response_wrong_api', async (snapshot) => {
    const key = {restApiId: 'wrong-api', resourceId: 'dummy-value', httpMethod: 'GET', statusCode: '200'}
    snapshot.match('put-integration-response-wrong-api', await putIntegrationResponse(key))
    snapshot.match('get-integration-response-wrong-api', await getIntegrationResponse(key))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_integration_response_wrong_resource', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test Integration Resource'})
    const key = {restApiId: id, resourceId: 'wrong-resource', httpMethod: 'GET', statusCode: '200'}
    snapshot.match('put-integration-response-wrong-resource', await putIntegrationResponse(key))
    snapshot.match('get-integration-response-wrong-resource', await getIntegrationResponse(key))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_integration_response_wrong_method', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test Integration Method'})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'wrong-method', statusCode: '200'}
    snapshot.match('put-integration-response-wrong-method', await putIntegrationResponse(key))
    snapshot.match('get-integration-response-wrong-method', await getIntegrationResponse(key))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_integration_response_invalid_statuscode', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test Integration Invalid StatusCode'})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'GET', statusCode: 'wrong'}
    snapshot.match(
      'put-integration-response-invalid-statusCode',
      await putIntegrationResponse({...key, responseTemplates: {'application/json': '"created"'}, selectionPattern: ''}),
    )
    snapshot.match('get-integration-response-invalid-statusCode', await getIntegrationResponse(key))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_integration_response_invalid_responsetemplates', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test wrong api'})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'GET'}
    await call(new PutMethodCommand({...key, authorizationType: 'NONE'}))
    await call(new PutIntegrationCommand({...key, integrationHttpMethod: 'GET', type: 'MOCK', requestTemplates: MOCK_REQUEST_TEMPLATES}))
    // Without parameter validation boto3 sends a number as a template and the key 123 as JSON's "123".
    snapshot.match(
      'put-integration-response-invalid-responseTemplates-1',
      await putIntegrationResponse({...key, statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': 123 as never}}),
    )
    snapshot.match(
      'put-integration-response-invalid-responseTemplates-2',
      await putIntegrationResponse({...key, statusCode: '200', selectionPattern: '', responseTemplates: {123: '{"statusCode": 200}'}}),
    )
  })

  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_integration_response_invalid_integration', async (snapshot) => {
    const {id, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`})
    const key = {restApiId: id, resourceId: rootResourceId, httpMethod: 'GET'}
    await call(new PutMethodCommand({...key, authorizationType: 'NONE'}))
    snapshot.match('get-integration-response-without-integration', await getIntegrationResponse({...key, statusCode: '200'}))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_integration_response_wrong_status_code', async (snapshot) => {
    const key = await mockGetOnRoot()
    snapshot.match('get-integration-response-wrong-status-code', await getIntegrationResponse({...key, statusCode: '201'}))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_lifecycle_integration_response', async (snapshot) => {
    const key = await mockGetOnRoot()
    snapshot.match(
      'put-integration-response',
      await putIntegrationResponse({...key, statusCode: '200', responseTemplates: {'application/json': '"created"'}, selectionPattern: ''}),
    )
    snapshot.match('get-integration-response', await getIntegrationResponse({...key, statusCode: '200'}))
    snapshot.match(
      'update-integration-response',
      await send(
        new UpdateIntegrationResponseCommand({...key, statusCode: '200', patchOperations: [{op: 'replace', path: '/selectionPattern', value: 'updated-pattern'}]}),
      ),
    )
    snapshot.match(
      'overwrite-integration-response',
      await putIntegrationResponse({...key, statusCode: '200', responseTemplates: {'application/json': 'overwrite'}, selectionPattern: 'overwrite-pattern'}),
    )
    snapshot.match('get-method', await send(new GetMethodCommand(key)))
    snapshot.match('delete-integration-response', await send(new DeleteIntegrationResponseCommand({...key, statusCode: '200'})))
  })

  replay('test_apigateway_api.py::TestApigatewayIntegrationResponse::test_delete_integration_response_errors', async (snapshot) => {
    const key = await mockGetOnRoot()
    snapshot.match(
      'put-integration-response',
      await putIntegrationResponse({...key, statusCode: '200', responseTemplates: {'application/json': '"created"'}, selectionPattern: ''}),
    )
    const deleteResponse = (changes: Partial<MethodKey & {statusCode: string}>) =>
      send(new DeleteIntegrationResponseCommand({...key, statusCode: '200', ...changes}))
    snapshot.match('non-existent-resource', await deleteResponse({resourceId: 'bad-resource'}))
    snapshot.match('non-existent-api-id', await deleteResponse({restApiId: 'bad-api-id'}))
    snapshot.match('non-existent-method', await deleteResponse({httpMethod: 'POST'}))
    snapshot.match('non-existent-status-code', await deleteResponse({statusCode: '201'}))
    snapshot.match('bad-method', await deleteResponse({httpMethod: 'WRONG', statusCode: '201'}))
  })
})

describe('TestApigatewayMethodResponse', () => {
  /** mockGetOnRoot with a 200 method response declaring a header and a model. */
  async function withMethodResponse(): Promise<MethodKey> {
    const key = await mockGetOnRoot()
    await call(
      new PutMethodResponseCommand({
        ...key,
        statusCode: '200',
        responseParameters: {'method.response.header.my-header': false},
        responseModels: {'application/json': 'Empty'},
      }),
    )
    return key
  }

  replay('test_apigateway_api.py::TestApigatewayMethodResponse::test_update_method_wrong_param_names', async (snapshot) => {
    const key = {...(await withMethodResponse()), statusCode: '200'}
    snapshot.match('update-method-response-operation-with-wrong-param-name-1', await updateMethodResponse(key, [{op: 'replace', path: '/responseParameters/wrong', value: 'true'}]))
    snapshot.match('update-method-response-operation-with-wrong-param-name-2', await updateMethodResponse(key, [{op: 'remove', path: '/responseParameters/wrong', value: 'true'}]))
    snapshot.match('update-method-response-operation-with-wrong-param-name-3', await updateMethodResponse(key, [{op: 'replace', path: '/responseModels/wrong', value: 'Empty'}]))
    snapshot.match('update-method-response-operation-with-wrong-param-name-4', await updateMethodResponse(key, [{op: 'remove', path: '/responseModels/wrong', value: 'Empty'}]))
  })

  replay('test_apigateway_api.py::TestApigatewayMethodResponse::test_update_method_lack_response_parameters_and_models', async (snapshot) => {
    const methodKey = await mockGetOnRoot()
    await call(new PutMethodResponseCommand({...methodKey, statusCode: '200'}))
    const key = {...methodKey, statusCode: '200'}
    snapshot.match(
      'update-method-response-operation-without-response-parameters',
      await updateMethodResponse(key, [{op: 'remove', path: '/responseParameters/method.response.header.my-header', value: 'true'}]),
    )
    snapshot.match(
      'update-method-response-operation-without-response-models',
      await updateMethodResponse(key, [{op: 'remove', path: '/responseModels/application~1json', value: 'Empty'}]),
    )
    snapshot.match(
      'update-method-response-operation-with-wrong-path',
      await updateMethodResponse(key, [{op: 'remove', path: '/wrong/method.response.header.my-header', value: 'true'}]),
    )
  })

  replay('test_apigateway_api.py::TestApigatewayMethodResponse::test_update_method_response_negative_tests', async (snapshot) => {
    const methodKey = await withMethodResponse()
    const replaceHeader: PatchOperation = {op: 'replace', path: '/responseParameters/method.response.header.my-header', value: 'true'}
    snapshot.match('update-method-response-wrong-statuscode', await updateMethodResponse({...methodKey, statusCode: '201'}, [replaceHeader]))
    snapshot.match('update-method-response-invalid-statuscode', await updateMethodResponse({...methodKey, statusCode: 'wrong'}, [replaceHeader]))
    snapshot.match(
      'update-method-response-invalid-statuscode-and-wrong-op',
      await updateMethodResponse({...methodKey, statusCode: 'wrong'}, [{...replaceHeader, op: 'wrong_op' as never}]),
    )
    snapshot.match('update-method-response-wrong-resource', await updateMethodResponse({...methodKey, resourceId: 'wrong', statusCode: '200'}, [replaceHeader]))
    snapshot.match('update-method-response-wrong-method', await updateMethodResponse({...methodKey, httpMethod: 'POST', statusCode: '200'}, [replaceHeader]))
  })

  replay('test_apigateway_api.py::TestApigatewayMethodResponse::test_update_method_response_wrong_operations', async (snapshot) => {
    const key = {...(await withMethodResponse()), statusCode: '200'}
    const wrongOnHeader = {op: 'wrong_op' as never, path: '/responseParameters/method.response.header.my-header', value: 'true'}
    const wrongOnModel = {op: 'wrong_op' as never, path: '/responseModels/application~1json', value: 'Empty'}
    snapshot.match('update-method-response-wrong-operation-1', await updateMethodResponse(key, [wrongOnHeader]))
    snapshot.match('update-method-response-wrong-operation-2', await updateMethodResponse(key, [wrongOnModel]))
    snapshot.match('update-method-response-wrong-operation-3', await updateMethodResponse(key, [wrongOnHeader, wrongOnModel]))
    snapshot.match('update-method-response-wrong-operation-4', await updateMethodResponse(key, [wrongOnHeader, wrongOnModel, wrongOnHeader, wrongOnModel]))
    snapshot.match(
      'update-method-response-wrong-operation-5',
      await updateMethodResponse(key, [wrongOnHeader, {op: 'remove', path: '/responseModels/application~1json', value: 'Empty'}, wrongOnModel]),
    )
  })

  replay('test_apigateway_api.py::TestApigatewayMethodResponse::test_update_method_response', async (snapshot) => {
    const key = {...(await withMethodResponse()), statusCode: '200'}
    snapshot.match(
      'remove-update-method-response',
      await updateMethodResponse(key, [
        {op: 'remove', path: '/responseParameters/method.response.header.my-header', value: 'true'},
        {op: 'remove', path: '/responseModels/application~1json', value: 'Empty'},
      ]),
    )
    snapshot.match(
      'add-update-method-response',
      await updateMethodResponse(key, [
        {op: 'add', path: '/responseParameters/method.response.header.my-header', value: 'true'},
        {op: 'add', path: '/responseModels/application~1json', value: 'Empty'},
      ]),
    )
  })

  replay('test_apigateway_api.py::TestApigatewayMethodResponse::test_lifecycle_method_response', async (snapshot) => {
    const methodKey = await mockGetOnRoot()
    const key = {...methodKey, statusCode: '200'}
    snapshot.match('put-method-response', await send(new PutMethodResponseCommand({...key, responseParameters: {}, responseModels: {}})))
    snapshot.match('get-integration-response', await send(new GetMethodResponseCommand(key)))
    snapshot.match(
      'add-method-responses',
      await updateMethodResponse(key, [
        {op: 'add', path: '/responseParameters/method.response.header.my-header', value: 'true'},
        {op: 'add', path: '/responseModels/application~1json', value: 'Empty'},
      ]),
    )
    snapshot.match(
      'update-method-responses',
      await updateMethodResponse(key, [
        {op: 'replace', path: '/responseParameters/method.response.header.my-header', value: 'true'},
        {op: 'replace', path: '/responseModels/application~1json', value: 'Empty'},
      ]),
    )
    snapshot.match('get-method', await send(new GetMethodCommand(methodKey)))
    snapshot.match('delete-method-response', await send(new DeleteMethodResponseCommand(key)))
  })
})

describe('test_apigateway_integrations.py', () => {
  /** echo_http_server_post: an HTTP server that answers every request with 200 and what it received. */
  let echoServer: Server
  let echoUrl: string
  beforeAll(async () => {
    echoServer = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        response.writeHead(200, {'Content-Type': 'application/json'})
        response.end(JSON.stringify({method: request.method, url: request.url, data: Buffer.concat(chunks).toString('utf8')}))
      })
    })
    await new Promise<void>((resolve) => echoServer.listen(0, '127.0.0.1', resolve))
    echoUrl = `http://127.0.0.1:${(echoServer.address() as AddressInfo).port}/post`
  })
  afterAll(() => new Promise<void>((resolve) => echoServer.close(() => resolve())))

  replay('test_apigateway_integrations.py::test_put_integration_responses', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw({name: 'my_api', description: 'this is my api'})
    const get = {restApiId: apiId, resourceId: rootId, httpMethod: 'GET'}
    snapshot.match('put-method-get', await putMethod({...get, authorizationType: 'NONE'}))
    snapshot.match('put-method-response-get', await send(new PutMethodResponseCommand({...get, statusCode: '200'})))
    snapshot.match('put-integration-get', await putIntegration({...get, type: 'HTTP', uri: echoUrl, integrationHttpMethod: 'POST'}))
    snapshot.match('put-integration-response-get', await putIntegrationResponse({...get, statusCode: '200', selectionPattern: '2\\d{2}', responseTemplates: {}}))
    snapshot.match('get-integration-response-get', await getIntegrationResponse({...get, statusCode: '200'}))
    snapshot.match('get-method-get', await send(new GetMethodCommand(get)))
    const stageName = 'local'
    snapshot.match('deploy', await send(new CreateDeploymentCommand({restApiId: apiId, stageName})))
    const invoked = await fetch(`${context.sandbox.url}/restapis/${apiId}/${stageName}/_user_request_/`)
    await invoked.arrayBuffer()
    expect(invoked.ok).toBe(true)
    snapshot.match('delete-integration-response-get', await send(new DeleteIntegrationResponseCommand({...get, statusCode: '200'})))
    snapshot.match('get-method-get-after-int-resp-delete', await send(new GetMethodCommand(get)))
    const put = {...get, httpMethod: 'PUT'}
    snapshot.match('put-method-put', await putMethod({...put, authorizationType: 'none'}))
    snapshot.match('put-method-response-put', await send(new PutMethodResponseCommand({...put, statusCode: '200'})))
    snapshot.match('put-integration-put', await putIntegration({...put, type: 'HTTP', uri: echoUrl, integrationHttpMethod: 'POST'}))
    snapshot.match(
      'put-integration-response-put',
      await putIntegrationResponse({...put, statusCode: '200', selectionPattern: '2\\d{2}', contentHandling: 'CONVERT_TO_BINARY'}),
    )
    snapshot.match('get-integration-response-put', await getIntegrationResponse({...put, statusCode: '200'}))
  })

  replay('test_apigateway_integrations.py::test_put_integration_response_with_response_template', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw({name: 'test-apigw'})
    const key = {restApiId: apiId, resourceId: rootId, httpMethod: 'GET'}
    await call(new PutMethodCommand({...key, authorizationType: 'NONE'}))
    await call(new PutMethodResponseCommand({...key, statusCode: '200'}))
    await call(new PutIntegrationCommand({...key, type: 'HTTP', uri: echoUrl, integrationHttpMethod: 'POST'}))
    await call(
      new PutIntegrationResponseCommand({...key, statusCode: '200', selectionPattern: 'foobar', responseTemplates: {'application/json': JSON.stringify({data: 'test'})}}),
    )
    snapshot.match('get-integration-response', await getIntegrationResponse({...key, statusCode: '200'}))
  })

  replay('test_apigateway_integrations.py::test_put_integration_validation', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw({name: 'test-apigw'})
    const key = {restApiId: apiId, resourceId: rootId, httpMethod: 'GET'}
    await call(new PutMethodCommand({...key, authorizationType: 'NONE'}))
    await call(new PutMethodResponseCommand({...key, statusCode: '200'}))
    const httpTypes = ['HTTP', 'HTTP_PROXY'] as const
    const awsTypes = ['AWS', 'AWS_PROXY'] as const
    for (const type of [...httpTypes, 'AWS'] as const) {
      snapshot.match(`required-integration-method-${type}`, await putIntegration({...key, type, uri: 'http://example.com'}))
    }
    snapshot.match('not-required-integration-method-MOCK', await putIntegration({...key, type: 'MOCK', uri: 'http://example.com'}))
    for (const type of httpTypes) {
      snapshot.match(`http-method-${type}`, await putIntegration({...key, type, uri: 'http://example.com', integrationHttpMethod: 'POST'}))
    }
    const credentials = `arn:aws:iam::${ACCOUNT}:role/service-role/testfunction-role-oe783psq`
    const s3Uri = `arn:aws:apigateway:${REGION}:s3:path/b/k`
    snapshot.match('aws-integration-AWS', await putIntegration({...key, credentials, type: 'AWS', uri: s3Uri, integrationHttpMethod: 'POST'}))
    const lambdaUri = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:MyLambda/invocations`
    for (const type of awsTypes) {
      snapshot.match(`aws-integration-type-${type}`, await putIntegration({...key, type, uri: lambdaUri, integrationHttpMethod: 'POST'}))
    }
    snapshot.match('no-s3-support-AWS_PROXY', await putIntegration({...key, credentials, type: 'AWS_PROXY', uri: s3Uri, integrationHttpMethod: 'POST'}))
    for (const type of httpTypes) {
      snapshot.match(`invalid-uri-${type}`, await putIntegration({...key, type, uri: 'non-valid-http', integrationHttpMethod: 'POST'}))
    }
    snapshot.match('invalid-uri-not-an-arn', await putIntegration({...key, type: 'AWS', uri: 'non-valid-arn', integrationHttpMethod: 'POST'}))
    snapshot.match(
      'invalid-uri-invalid-arn',
      await putIntegration({...key, type: 'AWS', uri: 'arn:aws:iam::0000000000:role/service-role/asdf', integrationHttpMethod: 'POST'}),
    )
  })
})

describe('test_apigateway_lambda.py', () => {
  replay('test_apigateway_lambda.py::test_put_integration_aws_proxy_uri', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw({name: `test-api-${shortUid()}`, description: 'APIGW test PutIntegration AWS_PROXY URI'})
    // The test creates the function and the invocation role; every call below is refused for its URI
    // before either is used, so their ARNs as AWS would give them stand in.
    const lambdaArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:function-${shortUid()}`
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/role-${shortUid()}`
    await call(new PutMethodCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'ANY', authorizationType: 'NONE'}))
    const defaults = {restApiId: apiId, resourceId: rootId, httpMethod: 'ANY', type: 'AWS_PROXY' as const, integrationHttpMethod: 'POST', credentials: roleArn}
    snapshot.match('put-integration-lambda-uri', await putIntegration({...defaults, uri: lambdaArn}))
    snapshot.match('put-integration-wrong-arn', await putIntegration({...defaults, uri: `bad-arn:lambda:path/2015-03-31/functions/${lambdaArn}/invocations`}))
    snapshot.match(
      'put-integration-wrong-type',
      await putIntegration({...defaults, uri: `arn:aws:apigateway:${REGION}:lambda:test/2015-03-31/functions/${lambdaArn}/invocations`}),
    )
    snapshot.match(
      'put-integration-wrong-firehose',
      await putIntegration({...defaults, uri: `arn:aws:apigateway:${REGION}:firehose:path/2015-03-31/functions/${lambdaArn}/invocations`}),
    )
    snapshot.match(
      'put-integration-bad-lambda-arn',
      await putIntegration({...defaults, uri: `arn:aws:apigateway:${REGION}:lambda:path/random/value/${lambdaArn}/invocations`}),
    )
  })
})

done()
