// The data plane against AWS's recorded answers: MOCK integrations, their mapping templates and overrides,
// and routing. Each test transcribes the LocalStack test of the same name (tests/aws/services/apigateway/
// test_apigateway_{basic,common,integrations}.py at localstack/localstack 8b9a79f0): the same calls, the
// same requests to the stage, matched or asserted as the test does.
import {readFileSync} from 'node:fs'

import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  PutRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import {answer} from './answer.js'
import {type ConformanceContext, useConformanceSandbox} from './context.js'
import {ACCOUNT, createRestApigw, expectStatus, invokeUrl, useRequests} from './data-plane.js'
import {type Deviation, conformance} from './replay.js'
import {pythonBytes, pythonJsonDumps} from './python-requests.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox({accountId: ACCOUNT})
const requests = useRequests()
const {replay, done} = conformance('data-plane-mock.test.ts', DEVIATIONS)

const localstackFile = (name: string) => readFileSync(new URL(`../../fixtures/localstack/files/${name}`, import.meta.url))

/** Python's textwrap.dedent of a triple-quoted template. */
function dedent(text: string): string {
  const lines = text.split('\n')
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length)
  const common = Math.min(...indents)
  return lines.map((line) => (line.trim() === '' ? line.replace(/^ +/, '') : line.slice(common))).join('\n')
}

describe('MOCK integrations', () => {
  replay('test_apigateway_basic.py::TestAPIGateway::test_api_gateway_mock_integration', async (snapshot) => {
    const {apiId} = await createRestApigw(context, {name: 'apigw-mock'})
    await context.client.send(new PutRestApiCommand({restApiId: apiId, body: localstackFile('openapi-mock.json'), mode: 'overwrite'}))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    const response = await requests.get(invokeUrl(context, apiId, 'test', '/echo/foobar'))
    snapshot.match('mocked-response', response.json())
  })

  for (const passthroughBehaviour of ['WHEN_NO_MATCH', 'NEVER', 'WHEN_NO_TEMPLATES']) {
    for (const urlType of ['PATH_BASED', 'HOST_BASED']) {
      for (const method of ['GET', 'POST']) {
        // Both URL types reach the stage through the sandbox's one path form.
        replay(`test_apigateway_basic.py::TestIntegrations::test_mock_integration_response[${passthroughBehaviour}-UrlType.${urlType}-${method}]`, async (snapshot) => {
          const {apiId, rootId} = await createRestApigw(context, {name: 'mock-api'})
          const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{id}'}))
          await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: method, authorizationType: 'NONE'}))
          await context.client.send(
            new PutIntegrationCommand({
              restApiId: apiId,
              resourceId,
              httpMethod: method,
              type: 'MOCK',
              integrationHttpMethod: method,
              passthroughBehavior: passthroughBehaviour,
              requestTemplates: {'application/json': '{"statusCode":200}'},
            }),
          )
          await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: method, statusCode: '200', responseModels: {'application/json': 'Empty'}}))
          await context.client.send(
            new PutIntegrationResponseCommand({
              restApiId: apiId,
              resourceId,
              httpMethod: method,
              statusCode: '200',
              responseTemplates: {'application/json': '{"statusCode": 200, "id": $input.params().path.id}'},
            }),
          )
          await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
          const result = await requests.request(method, invokeUrl(context, apiId, 'test', '/42'), {headers: {'Content-Type': 'application/json'}})
          expectStatus(result, 200)
          snapshot.match('mock-response', result.json())
        })
      }
    }
  }

  replay('test_apigateway_integrations.py::test_integration_mock_with_path_param', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {name: 'test-api-path-param', description: 'this is my api'})
    const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{testPath}'}))
    await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'GET', authorizationType: 'none', requestParameters: {'method.request.path.testPath': true}}))
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '200'}))
    // A CDK CORS construct writes this template, which is no JSON; AWS accepts it.
    const integration = await answer(
      context.client.send(
        new PutIntegrationCommand({
          restApiId: apiId,
          resourceId,
          httpMethod: 'GET',
          integrationHttpMethod: 'POST',
          type: 'MOCK',
          requestParameters: {'integration.request.path.integrationPath': 'method.request.path.testPath'},
          requestTemplates: {'application/json': '{statusCode: 200}'},
        }),
      ),
    )
    snapshot.match('integration', integration)
    await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '200', selectionPattern: '2\\d{2}', responseTemplates: {}}))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    const response = await requests.get(invokeUrl(context, apiId, 'dev', '/test-path'))
    expect(response.ok).toBe(true)
    expect(response.content).toEqual(Buffer.alloc(0))
    expect(response.status).toBe(200)
  })

  replay('test_apigateway_integrations.py::test_integration_mock_with_request_overrides_in_response_template', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {description: 'this is my api'})
    const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{testPath}'}))
    await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE', requestParameters: {'method.request.path.testPath': true}}))
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '200'}))
    const requestTemplate = dedent(`#set($body = $util.base64Decode($input.params('testPath')))
    #set($context.requestOverride.path.body = $body)
    {
      "statusCode": 200
    }
    `)
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'GET',
        integrationHttpMethod: 'POST',
        type: 'MOCK',
        requestParameters: {},
        requestTemplates: {'application/json': requestTemplate},
      }),
    )
    const responseTemplate = dedent(`
    #set($body = $util.parseJson($context.requestOverride.path.body))
    #set($inputBody = $body.message)
    #if($inputBody == "path1")
    {
       "response": "path was path one"
    }
    #elseif($inputBody == "path2")
    {
       "response": "path was path two"
    }
    #else
    {
      "response": "this is the else clause"
    }
    #end
    `)
    await context.client.send(
      new PutIntegrationResponseCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'GET',
        statusCode: '200',
        selectionPattern: '2\\d{2}',
        responseTemplates: {'application/json': responseTemplate},
      }),
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    const pathData = (message: string) => Buffer.from(pythonJsonDumps({message})).toString('base64')
    for (const [key, message] of [
      ['invoke-path1', 'path1'],
      ['invoke-path2', 'path2'],
      ['invoke-path-else', 'whatever'],
    ] as const) {
      const response = await requests.get(invokeUrl(context, apiId, 'dev', `/${pathData(message)}`))
      expect(response.ok).toBe(true)
      snapshot.match(key, response.json())
    }
  })

  for (const createResponseTemplate of [true, false]) {
    replay(`test_apigateway_integrations.py::test_integration_mock_with_response_override_in_request_template[${createResponseTemplate ? 'True' : 'False'}]`, async (snapshot) => {
      const expectedStatus = 444
      const {apiId, rootId} = await createRestApigw(context, {description: 'this is my api'})
      await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE'}))
      await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200'}))
      const requestTemplate = dedent(`
    #set($context.responseOverride.status = ${expectedStatus})
    #set($context.responseOverride.header.foo = "bar")
    #set($context.responseOverride.custom = "is also passed around")
    {
      "statusCode": 200
    }
    `)
      await context.client.send(
        new PutIntegrationCommand({
          restApiId: apiId,
          resourceId: rootId,
          httpMethod: 'GET',
          integrationHttpMethod: 'POST',
          type: 'MOCK',
          requestParameters: {},
          requestTemplates: {'application/json': requestTemplate},
        }),
      )
      const responseTemplate = dedent(`
    #set($statusOverride = $context.responseOverride.status)
    #set($fooHeader = $context.responseOverride.header.foo)
    #set($custom = $context.responseOverride.custom)
    {
        "statusOverride": "$statusOverride",
        "fooHeader": "$fooHeader",
        "custom": "$custom"
    }
    `)
      await context.client.send(
        new PutIntegrationResponseCommand({
          restApiId: apiId,
          resourceId: rootId,
          httpMethod: 'GET',
          statusCode: '200',
          selectionPattern: '2\\d{2}',
          responseTemplates: createResponseTemplate ? {'application/json': responseTemplate} : {},
        }),
      )
      await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
      const response = await requests.get(invokeUrl(context, apiId, 'dev'))
      expectStatus(response, expectedStatus)
      expect(response.headers.foo).toBe('bar')
      snapshot.match('response', {body: createResponseTemplate ? response.json() : pythonBytes(response.content), status_code: response.status})
    })
  }

  replay('test_apigateway_integrations.py::test_integration_mock_with_vtl_map_assignation', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {description: 'this is my api'})
    await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE'}))
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200'}))
    const requestTemplate = dedent(`
    #set($paramName = "foo")
    #set($context.requestOverride.querystring[$paramName] = "bar")
    #set($paramPutName = "putfoo")
    $context.requestOverride.querystring.put($paramPutName, "putBar")
    #set($context["requestOverride"].querystring["nestedfoo"] = "nestedFoo")
    {
      "statusCode": 200
    }
    `)
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId: rootId,
        httpMethod: 'GET',
        integrationHttpMethod: 'POST',
        type: 'MOCK',
        requestParameters: {},
        requestTemplates: {'application/json': requestTemplate},
      }),
    )
    const responseTemplate = dedent(`
    #set($value = $context.requestOverride.querystring["foo"])
    #set($value2 = $context.requestOverride.querystring["putfoo"])
    #set($value3 = $context.requestOverride.querystring["nestedfoo"])
    {
        "value": "$value",
        "value2": "$value2",
        "value3": "$value3"
    }
    `)
    await context.client.send(
      new PutIntegrationResponseCommand({
        restApiId: apiId,
        resourceId: rootId,
        httpMethod: 'GET',
        statusCode: '200',
        selectionPattern: '2\\d{2}',
        responseTemplates: {'application/json': responseTemplate},
      }),
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    const response = await requests.get(invokeUrl(context, apiId, 'dev'))
    expectStatus(response, 200)
    snapshot.match('response', {body: response.json(), status_code: response.status})
  })
})

/** _create_mock_integration_with_200_response_template of test_apigateway_common.py. */
async function mockWith200ResponseTemplate(context: ConformanceContext, apiId: string, resourceId: string, httpMethod: string, responseTemplate: unknown): Promise<void> {
  await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod, authorizationType: 'NONE'}))
  await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod, statusCode: '200'}))
  await context.client.send(new PutIntegrationCommand({restApiId: apiId, resourceId, httpMethod, type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
  await context.client.send(
    new PutIntegrationResponseCommand({
      restApiId: apiId,
      resourceId,
      httpMethod,
      statusCode: '200',
      selectionPattern: '',
      responseTemplates: {'application/json': pythonJsonDumps(responseTemplate)},
    }),
  )
}

describe('routing', () => {
  replay('test_apigateway_common.py::TestApigatewayRouting::test_proxy_routing_with_hardcoded_resource_sibling', async () => {
    const {apiId, rootId} = await createRestApigw(context, {name: 'test proxy routing'})
    const {id: hardcoded} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'test'}))
    await mockWith200ResponseTemplate(context, apiId, hardcoded!, 'POST', {statusCode: 200, message: 'POST request'})
    const {id: any} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: hardcoded, pathPart: 'any'}))
    await mockWith200ResponseTemplate(context, apiId, any!, 'ANY', {statusCode: 200, message: 'ANY request'})
    const {id: proxy} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{proxy+}'}))
    await mockWith200ResponseTemplate(context, apiId, proxy!, 'OPTIONS', {statusCode: 200, message: 'OPTIONS request'})
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    const invoke = async (path: string, httpMethod: string, expectedType: string) => {
      const response = await requests.request(httpMethod, invokeUrl(context, apiId, 'dev', path))
      expect(response.ok).toBe(true)
      expect(response.json().message).toBe(`${expectedType} request`)
    }
    await invoke('/test', 'OPTIONS', 'OPTIONS')
    await invoke('/test', 'POST', 'POST')
    await invoke('/test/any', 'OPTIONS', 'ANY')
    await invoke('/test/any', 'GET', 'ANY')
  })

  replay('test_apigateway_common.py::TestApigatewayRouting::test_routing_with_hardcoded_resource_sibling_order', async () => {
    const {apiId, rootId} = await createRestApigw(context, {name: 'test parameter routing'})
    const {id: hardcoded} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'part1'}))
    await mockWith200ResponseTemplate(context, apiId, hardcoded!, 'GET', {statusCode: 200, message: 'part1'})
    // Created before its sibling's child, so it would come first were resources tried in creation order.
    const {id: proxy} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{param+}'}))
    await mockWith200ResponseTemplate(context, apiId, proxy!, 'GET', {statusCode: 200, message: 'proxy'})
    const {id: child} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: hardcoded, pathPart: 'hardcoded-value'}))
    await mockWith200ResponseTemplate(context, apiId, child!, 'GET', {statusCode: 200, message: 'hardcoded-value'})
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    const invoke = async (path: string, expected: string) => {
      const response = await requests.get(invokeUrl(context, apiId, 'dev', path))
      expect(response.ok).toBe(true)
      expect(response.json().message).toBe(expected)
    }
    await invoke('/part1', 'part1')
    await invoke('/part1/hardcoded-value', 'hardcoded-value')
    await invoke('/part1/random-value', 'proxy')
  })

  replay('test_apigateway_common.py::TestApigatewayRouting::test_routing_not_found', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context)
    const {id: existing} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'existing'}))
    await mockWith200ResponseTemplate(context, apiId, existing!, 'GET', {statusCode: 200, message: 'exists'})
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    const invoke = async (path: string, method: string, works: boolean) => {
      const response = await requests.request(method, invokeUrl(context, apiId, 'dev', path))
      expect(response.ok).toBe(works)
      return response
    }
    snapshot.match('working-route', (await invoke('/existing', 'GET', true)).json())
    const notFound = await invoke('/random-non-existing', 'GET', false)
    snapshot.match('not-found', {content: notFound.json(), errorType: headerValue(notFound.headers, 'x-amzn-ErrorType')})
    const wrongMethod = await invoke('/existing', 'POST', false)
    snapshot.match('wrong-method', {content: wrongMethod.json(), errorType: headerValue(wrongMethod.headers, 'x-amzn-ErrorType')})
  })
})

/** `response.headers.get(name)`: case-insensitive. */
function headerValue(headers: Record<string, string>, name: string): string | null {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())
  return found ? found[1] : null
}

done()
