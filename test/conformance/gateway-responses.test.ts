// Gateway responses against AWS's recorded answers: the control plane (TestApiGatewayGatewayResponse in
// test_apigateway_api.py at localstack/localstack 8b9a79f0), each test a transcription of the LocalStack
// test of the same name: the same calls, in the same order, matched under the same keys.
import {
  DeleteGatewayResponseCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  type PatchOperation,
  PutGatewayResponseCommand,
  type PutGatewayResponseCommandInput,
  UpdateGatewayResponseCommand,
} from '@aws-sdk/client-api-gateway'

import {shortUid, sortedBy, useConformanceSandbox} from './context.js'
import {type Answer, answerTo, restApiFixtures} from './control-plane-support.js'
import {type Deviation, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox()
const {apigwCreateRestApi} = restApiFixtures(context)
const {replay, done} = conformance('gateway-responses.test.ts', DEVIATIONS)
const send = answerTo(context)

// The tests' SortingTransformer(key="items", sorting_fn=itemgetter("responseType")).
const byType = (answer: Answer) => sortedBy(answer, 'items', (item: {responseType: string}) => item.responseType)
const put = (input: PutGatewayResponseCommandInput) => send(new PutGatewayResponseCommand(input))
const get = (restApiId: string, responseType: string) => send(new GetGatewayResponseCommand({restApiId, responseType: responseType as never}))
const update = (restApiId: string, responseType: string, patchOperations: PatchOperation[]) =>
  send(new UpdateGatewayResponseCommand({restApiId, responseType: responseType as never, patchOperations}))
const remove = (restApiId: string, responseType: string) => send(new DeleteGatewayResponseCommand({restApiId, responseType: responseType as never}))

const TEMPLATE =
  '{\n     "message": $context.error.messageString,\n     "type":  "$context.error.responseType",\n     "stage":  "$context.stage",\n     "resourcePath":  "$context.resourcePath",\n     "stageVariables.a":  "$stageVariables.a",\n     "statusCode": "\'404\'"\n}'
const PARAMETERS = {
  'gatewayresponse.header.x-request-path': 'method.request.path.petId',
  'gatewayresponse.header.Access-Control-Allow-Origin': "'a.b.c'",
  'gatewayresponse.header.x-request-query': 'method.request.querystring.q',
  'gatewayresponse.header.x-request-header': 'method.request.header.Accept',
}

describe('TestApiGatewayGatewayResponse', () => {
  replay('test_apigateway_api.py::TestApiGatewayGatewayResponse::test_gateway_response_crud', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test GatewayResponse'})
    snapshot.match('get-gateway-response-default', await get(apiId, 'MISSING_AUTHENTICATION_TOKEN'))
    snapshot.match(
      'put-gateway-response',
      await put({restApiId: apiId, responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '404', responseParameters: PARAMETERS, responseTemplates: {'application/json': TEMPLATE}}),
    )
    snapshot.match('get-gateway-responses', byType(await send(new GetGatewayResponsesCommand({restApiId: apiId}))))
    snapshot.match('get-gateway-response', await get(apiId, 'MISSING_AUTHENTICATION_TOKEN'))
    snapshot.match('delete-gateway-response', await remove(apiId, 'MISSING_AUTHENTICATION_TOKEN'))
    snapshot.match('get-deleted-gw-response', await get(apiId, 'MISSING_AUTHENTICATION_TOKEN'))
  })

  replay('test_apigateway_api.py::TestApiGatewayGatewayResponse::test_gateway_response_put', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test GatewayResponse'})
    const type = 'MISSING_AUTHENTICATION_TOKEN'
    snapshot.match(
      'put-gateway-response-all-value',
      await put({restApiId: apiId, responseType: type, statusCode: '404', responseParameters: PARAMETERS, responseTemplates: {'application/json': TEMPLATE}}),
    )
    snapshot.match('put-gateway-response-status-only', await put({restApiId: apiId, responseType: type, statusCode: '404'}))
    snapshot.match(
      'put-gateway-response-response-parameters-only',
      await put({restApiId: apiId, responseType: type, responseParameters: {'gatewayresponse.header.x-request-header': 'method.request.header.Accept'}}),
    )
    snapshot.match('put-gateway-response-response-templates-only', await put({restApiId: apiId, responseType: type, responseTemplates: {'application/json': TEMPLATE}}))
    snapshot.match(
      'put-gateway-response-default-5xx',
      await put({
        restApiId: apiId,
        responseType: 'DEFAULT_5XX',
        statusCode: '599',
        responseParameters: {'gatewayresponse.header.x-request-header': 'method.request.header.Accept'},
        responseTemplates: {'application/json': TEMPLATE},
      }),
    )
    snapshot.match('put-gateway-response-default-ignored', await put({restApiId: apiId, responseType: 'AUTHORIZER_FAILURE', responseParameters: {'gatewayresponse.header.foo': "'bar'"}}))
    snapshot.match('get-gateway-responses', byType(await send(new GetGatewayResponsesCommand({restApiId: apiId}))))
  })

  replay('test_apigateway_api.py::TestApiGatewayGatewayResponse::test_gateway_response_validation', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test GatewayResponse'})
    const fakeId = `apiid123${shortUid()}`
    // snapshot.transform.regex(fake_id, "fake-api-id")
    const masked = (answer: Answer) => JSON.parse(JSON.stringify(answer).replaceAll(fakeId, 'fake-api-id')) as Answer
    snapshot.match('get-gateway-responses-no-api', masked(await send(new GetGatewayResponsesCommand({restApiId: fakeId}))))
    snapshot.match('get-gateway-response-no-api', masked(await get(fakeId, 'DEFAULT_4XX')))
    snapshot.match('delete-gateway-response-no-api', masked(await remove(fakeId, 'DEFAULT_4XX')))
    snapshot.match('update-gateway-response-no-api', masked(await update(fakeId, 'DEFAULT_4XX', [])))
    snapshot.match('delete-gateway-response-not-set', await remove(apiId, 'DEFAULT_4XX'))
    snapshot.match('get-gateway-response-wrong-response-type', await get(apiId, 'FAKE_RESPONSE_TYPE'))
    snapshot.match('delete-gateway-response-wrong-response-type', await remove(apiId, 'FAKE_RESPONSE_TYPE'))
    snapshot.match('update-gateway-response-wrong-response-type', await update(apiId, 'FAKE_RESPONSE_TYPE', []))
    snapshot.match(
      'put-gateway-response-wrong-response-type',
      await put({restApiId: apiId, responseType: 'FAKE_RESPONSE_TYPE' as never, statusCode: '404', responseParameters: {}, responseTemplates: {}}),
    )
  })

  replay('test_apigateway_api.py::TestApiGatewayGatewayResponse::test_update_gateway_response', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test GatewayResponse'})
    snapshot.match('update-gateway-response-not-set', await update(apiId, 'DEFAULT_4XX', [{op: 'replace', path: '/statusCode', value: '444'}]))
    snapshot.match('default-get-gateway-response', await get(apiId, 'DEFAULT_4XX'))
    snapshot.match(
      'put-gateway-response',
      await put({
        restApiId: apiId,
        responseType: 'DEFAULT_4XX',
        statusCode: '404',
        responseParameters: PARAMETERS,
        // json.dumps({"application/json": '{"message":$context.error.messageString}'})
        responseTemplates: {'application/json': JSON.stringify({'application/json': '{"message":$context.error.messageString}'}).replace('":"', '": "')},
      }),
    )
    snapshot.match(
      'update-gateway-response',
      await update(apiId, 'DEFAULT_4XX', [
        {op: 'replace', path: '/statusCode', value: '444'},
        {op: 'replace', path: '/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin', value: "'example.com'"},
        {
          op: 'add',
          path: '/responseTemplates/application~1xml',
          value: '<gatewayResponse><message>$context.error.messageString</message><type>$context.error.responseType</type></gatewayResponse>',
        },
      ]),
    )
    snapshot.match('get-gateway-response', await get(apiId, 'DEFAULT_4XX'))
    snapshot.match('update-gateway-add-status-code', await update(apiId, 'DEFAULT_4XX', [{op: 'add', path: '/statusCode', value: '444'}]))
    snapshot.match('update-gateway-remove-status-code', await update(apiId, 'DEFAULT_4XX', [{op: 'remove', path: '/statusCode'}]))
    snapshot.match(
      'update-gateway-replace-invalid-parameter',
      await update(apiId, 'DEFAULT_5XX', [{op: 'replace', path: '/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin', value: "'example.com'"}]),
    )
    snapshot.match('update-gateway-no-path', await update(apiId, 'DEFAULT_4XX', [{op: 'add', value: "'example.com'"} as PatchOperation]))
    snapshot.match('update-gateway-wrong-op', await update(apiId, 'DEFAULT_4XX', [{op: 'wrong-op' as never, path: '/statusCode', value: "'example.com'"}]))
    snapshot.match('update-gateway-wrong-path', await update(apiId, 'DEFAULT_4XX', [{op: 'add', path: '/wrongPath', value: "'example.com'"}]))
    for (const [index, path] of ['/responseTemplates/application~1xml', '/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin'].entries()) {
      snapshot.match(`update-gateway-replace-invalid-parameter-${index}-none`, await update(apiId, 'DEFAULT_4XX', [{op: 'replace', path}]))
    }
  })

  done()
})
