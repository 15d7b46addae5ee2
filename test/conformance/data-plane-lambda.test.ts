// The data plane against AWS's recorded answers: Lambda integrations, proxy (AWS_PROXY) and custom (AWS),
// stage variables and trace ids. Each test transcribes the LocalStack test of the same name (tests/aws/
// services/apigateway/test_apigateway_{lambda,basic,common}.py at localstack/localstack 8b9a79f0): the
// same calls, the same requests to the stage, matched or asserted as the test does. The functions are the
// stand-ins of fixtures/functions/localstack/ (its README names the Python each stands in for).
import {readFileSync} from 'node:fs'

import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateStageCommand,
  DeleteIntegrationCommand,
  GetIntegrationCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  PutRestApiCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import {answer} from './answer.js'
import {useConformanceSandbox} from './context.js'
import {
  ACCOUNT,
  CLOUDFRONT_REQUEST_HEADERS,
  CLOUDFRONT_RESPONSE_HEADERS,
  ROLE_ARN,
  cloudFrontDeviations,
  createRestApigw,
  expectStatus,
  functionArn,
  invokeUrl,
  lambdaUri,
  standIn,
  useRequests,
} from './data-plane.js'
import {lowerCased, pythonJsonDumps} from './python-requests.js'
import {type Deviation, conformance} from './replay.js'

const PROXY_INTEGRATION = 'test_apigateway_lambda.py::test_lambda_aws_proxy_integration'
const PROXY_DATA_MAPPING = 'test_apigateway_lambda.py::test_lambda_aws_proxy_integration_request_data_mapping'
const PAYLOAD_FORMAT = 'test_apigateway_lambda.py::test_aws_proxy_response_payload_format_validation'
const TRACE_ID = 'test_apigateway_common.py::TestApiGatewayCommon::test_invocation_trace_id'
const SELECTION_PATTERNS = 'test_apigateway_lambda.py::test_lambda_selection_patterns'

const PROXY_INTEGRATION_KEYS = [
  'invocation-payload-without-trailing-slash',
  'invocation-payload-with-trailing-slash',
  'invocation-payload-with-double-slash',
  'invocation-payload-with-prepended-slash-to-stage',
  'invocation-payload-with-prepended-slash',
  'invocation-payload-without-trailing-slash-and-query-params',
  'invocation-payload-with-trailing-slash-and-query-params',
  'invocation-payload-with-path-encoded-email',
  'invocation-payload-with-params-encoding',
  'invocation-payload-with-params-encoding-multi',
  'invocation-hardcoded',
]
const HEADER_KEYS = ['invoke-api-with-headers', 'invoke-api-with-headers-null', 'invoke-api-multi-headers-valid', 'invoke-api-multi-headers-overwrite', 'invoke-api-multi-headers-overwrite-casing']
const TRACE_KEYS = ['normal-req-headers-MOCK', 'trace-id-req-headers-MOCK', 'normal-req-headers-AWS_PROXY', 'trace-id-req-headers-AWS_PROXY', 'trace-id-small-req-headers-AWS_PROXY']

const PYTHON_RUNTIME = "the stand-in runs on the sandbox's Node.js function runtime, whose error object has no requestId and a JavaScript stack where Python's has Python frames"

const DEVIATIONS: Deviation[] = [
  ...cloudFrontDeviations(PROXY_INTEGRATION, PROXY_INTEGRATION_KEYS, ['.headers', '.multiValueHeaders'], CLOUDFRONT_REQUEST_HEADERS),
  ...cloudFrontDeviations(PROXY_DATA_MAPPING, ['http-proxy-invocation-data-mapping'], ['.content.headers', '.content.multiValueHeaders'], CLOUDFRONT_REQUEST_HEADERS),
  ...cloudFrontDeviations(PAYLOAD_FORMAT, HEADER_KEYS, ['.headers'], CLOUDFRONT_RESPONSE_HEADERS),
  ...cloudFrontDeviations(TRACE_ID, TRACE_KEYS, [''], CLOUDFRONT_RESPONSE_HEADERS.map((header) => header.toLowerCase())),
  ...['lambda-selection-pattern-400', 'lambda-selection-pattern-500'].flatMap((key) => [
    {test: SELECTION_PATTERNS, key, path: '.requestId', reason: PYTHON_RUNTIME},
    {test: SELECTION_PATTERNS, key, path: '.stackTrace', reason: PYTHON_RUNTIME},
  ]),
]

const FUNCTIONS = {
  lambda_echo: standIn('lambda_echo'),
  lambda_aws_proxy: standIn('lambda_aws_proxy'),
  lambda_aws_proxy_format: standIn('lambda_aws_proxy_format'),
  lambda_mapping_responses: standIn('lambda_mapping_responses'),
  lambda_select_pattern: standIn('lambda_select_pattern'),
  lambda_response_from_body: standIn('lambda_response_from_body'),
  lambda_handler: standIn('lambda_handler'),
  rust_lambda_http: standIn('rust_lambda_http'),
}

const context = useConformanceSandbox({lambdas: FUNCTIONS, accountId: ACCOUNT})
const requests = useRequests()
const {replay, done} = conformance('data-plane-lambda.test.ts', DEVIATIONS)

const localstackFile = (name: string) => readFileSync(new URL(`../../fixtures/localstack/files/${name}`, import.meta.url), 'utf8')

/** An AWS_PROXY integration of `ANY` on `resourceId` to `functionName`. */
async function proxyAny(apiId: string, resourceId: string, functionName: string, integrationHttpMethod = 'POST'): Promise<void> {
  await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'ANY', authorizationType: 'NONE'}))
  await context.client.send(
    new PutIntegrationCommand({restApiId: apiId, resourceId, httpMethod: 'ANY', type: 'AWS_PROXY', integrationHttpMethod, uri: lambdaUri(functionName), credentials: ROLE_ARN}),
  )
}

describe('Lambda proxy integrations', () => {
  replay(PROXY_INTEGRATION, async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {description: 'Integration test API'})
    const {id: proxy} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{proxy+}'}))
    const {id: hardcoded} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'hardcoded'}))
    for (const resourceId of [proxy!, hardcoded!]) await proxyAny(apiId, resourceId, 'lambda_aws_proxy')
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'stage'}))
    const url = (path: string) => invokeUrl(context, apiId, 'stage', path)
    // A test header spelled in mixed case (kept as sent) and authorization (which arrives capitalised).
    const invoke = async (target: string) => {
      const response = await requests.get(target, {headers: {'User-Agent': 'python-requests/testing', 'tEsT-HEADeR': 'aValUE', authorization: 'random-value'}})
      expectStatus(response, 200)
      return response.json()
    }
    const invocationUrl = url('/proxy-value')
    snapshot.match('invocation-payload-without-trailing-slash', await invoke(invocationUrl))
    snapshot.match('invocation-payload-with-trailing-slash', await invoke(url('/proxy-value/')))
    snapshot.match('invocation-payload-with-double-slash', await invoke(url('/proxy-value//double-slash')))
    // `https://host//stage/proxy-value` on AWS: the sandbox's path form has no place for a slash before
    // the stage, so the request is the plain one.
    snapshot.match('invocation-payload-with-prepended-slash-to-stage', await invoke(invocationUrl))
    snapshot.match('invocation-payload-with-prepended-slash', await invoke(url('//proxy-value')))
    snapshot.match('invocation-payload-without-trailing-slash-and-query-params', await invoke(`${invocationUrl}?urlparam=test`))
    snapshot.match('invocation-payload-with-trailing-slash-and-query-params', await invoke(`${invocationUrl}/?urlparam=test`))
    snapshot.match('invocation-payload-with-path-encoded-email', await invoke(`${invocationUrl}/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com`))
    const urlParams = [
      'dateTimeOffset=2023-06-12T18:05:10.123456+00:00',
      'email=test%2Balias@gmail.com',
      'plus=test+alias@gmail.com',
      'url=https://www.google.com/',
      'whitespace=foo bar',
      'zhash=abort/#',
      'ignored=this-does-not-appear-after-the-hash',
    ].join('&')
    snapshot.match('invocation-payload-with-params-encoding', await invoke(`${invocationUrl}/api?${urlParams}`))
    const multi = await requests.post(invocationUrl, {
      data: pythonJsonDumps({message: 'hello world'}),
      headers: {'Content-Type': 'application/json;charset=utf-8', aUThorization: 'Bearer token123;API key456', 'User-Agent': 'python-requests/testing'},
      params: {category: ['electronics', 'books'], price: ['10', '20', '30']},
    })
    expect(multi.ok).toBe(true)
    snapshot.match('invocation-payload-with-params-encoding-multi', multi.json())
    snapshot.match('invocation-hardcoded', await invoke(url('//hardcoded')))
  })

  replay('test_apigateway_lambda.py::test_lambda_aws_proxy_integration_non_post_method', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {description: 'Integration test API'})
    const {id: proxy} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{proxy+}'}))
    // GET is not allowed: Lambda is only invoked with POST.
    await proxyAny(apiId, proxy!, 'lambda_aws_proxy', 'GET')
    // An INTEGRATION_FAILURE gateway response without a status code: the failure still answers 500, not
    // the type's default 504.
    await context.client.send(new PutGatewayResponseCommand({restApiId: apiId, responseType: 'INTEGRATION_FAILURE', responseParameters: {}}))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    const response = await requests.get(invokeUrl(context, apiId, 'test', '/test-path'), {headers: {'User-Agent': 'python-requests/testing'}})
    expectStatus(response, 500)
    snapshot.match('invocation-payload-with-get-proxy-method', response.json())
  })

  replay('test_apigateway_lambda.py::test_lambda_aws_proxy_response_format', async () => {
    const {apiId, rootId} = await createRestApigw(context, {description: 'Integration test API'})
    const {id: proxy} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{proxy+}'}))
    await proxyAny(apiId, proxy!, 'lambda_aws_proxy_format')
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    for (const formatType of ['no-body', 'only-headers', 'wrong-format', 'empty-response']) {
      const response = await requests.get(invokeUrl(context, apiId, 'test', `/${formatType}`), {headers: {'User-Agent': 'python-requests/testing'}})
      expect(response.status).toBe(formatType === 'wrong-format' ? 502 : 200)
      if (formatType === 'wrong-format') expect(response.json()).toEqual({message: 'Internal server error'})
      else {
        expect(response.content).toEqual(Buffer.alloc(0))
        if (formatType === 'only-headers') expect(lowerCased(response.headers)['test-header']).toBe('value')
      }
    }
  })

  replay(PAYLOAD_FORMAT, async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {description: 'Integration test API'})
    const {id: proxy} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{proxy+}'}))
    await proxyAny(apiId, proxy!, 'lambda_response_from_body')
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    const endpoint = invokeUrl(context, apiId, 'test', '/test')
    const invoke = async (body: unknown, expectedStatus = 200, returnHeaders = false) => {
      // requests sends `json=` only for a truthy body: {} goes without one.
      const truthy = body !== '' && !(typeof body === 'object' && body !== null && Object.keys(body).length === 0)
      const response = await requests.post(endpoint, {headers: {'User-Agent': 'python/test'}, ...(truthy ? {json: body} : {})})
      expectStatus(response, expectedStatus)
      let content: unknown
      try {
        content = response.json()
      } catch {
        content = response.text
      }
      return {content, ...(returnHeaders ? {headers: response.headers} : {})}
    }
    snapshot.match('invoke-api-no-body', await invoke({statusCode: 200}))
    snapshot.match('invoke-api-with-headers', await invoke({statusCode: 200, headers: {'test-header': 'value', 'header-bool': true}}, 200, true))
    snapshot.match('invoke-api-with-headers-null', await invoke({statusCode: 200, headers: null}, 200, true))
    snapshot.match('invoke-api-wrong-format', await invoke({statusCode: 200, wrongValue: 'value'}, 502))
    snapshot.match('invoke-api-empty-response', await invoke({}, 502))
    const testData = Buffer.from('test-data').toString('base64')
    snapshot.match('invoke-api-b64-encoded-true', await invoke({statusCode: 200, body: testData, isBase64Encoded: true}))
    snapshot.match('invoke-api-b64-encoded-false', await invoke({statusCode: 200, body: testData}))
    snapshot.match('invoke-api-multi-headers-valid', await invoke({statusCode: 200, multiValueHeaders: {'test-multi': ['value1', 'value2']}}, 200, true))
    snapshot.match(
      'invoke-api-multi-headers-overwrite',
      await invoke({statusCode: 200, multiValueHeaders: {'test-multi': ['value-multi']}, headers: {'test-multi': 'value-solo'}}, 200, true),
    )
    snapshot.match(
      'invoke-api-multi-headers-overwrite-casing',
      await invoke({statusCode: 200, multiValueHeaders: {'tesT-Multi': ['value-multi']}, headers: {'test-multi': 'value-solo'}}, 200, true),
    )
    snapshot.match('invoke-api-multi-headers-invalid', await invoke({statusCode: 200, multiValueHeaders: {'test-multi-invalid': 'value1'}}, 502))
    snapshot.match('invoke-api-invalid-status-code', await invoke({statusCode: 'test'}, 502))
    snapshot.match('invoke-api-status-code-str', await invoke({statusCode: '201'}, 201))
    snapshot.match('invoke-api-just-string', await invoke('justAString', 502))
    snapshot.match('invoke-api-only-headers', await invoke({headers: {'test-header': 'value'}}, 200))
  })

  replay('test_apigateway_lambda.py::test_lambda_rust_proxy_integration', async () => {
    const {apiId, rootId} = await createRestApigw(context, {name: `api_gateway_${Date.now()}`})
    await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE'}))
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200'}))
    await context.client.send(
      new PutIntegrationCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', integrationHttpMethod: 'POST', type: 'AWS_PROXY', uri: lambdaUri('rust_lambda_http'), credentials: ROLE_ARN}),
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    const firstName = `test_name_${Date.now()}`
    const result = await requests.get(invokeUrl(context, apiId, 'test', `/?first_name=${firstName}`))
    expectStatus(result, 200)
    expect(result.text).toBe(`Hello, ${firstName}!`)
  })

  replay(PROXY_DATA_MAPPING, async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {description: 'Integration test API'})
    snapshot.match('api_id', {rest_api_id: apiId})
    const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{pathVariable}'}))
    // AWS_PROXY does not use requestParameters: the test shows they change nothing.
    const requestParameters = {
      'integration.request.header.headerVar': 'method.request.header.foobar',
      'integration.request.path.qsVar': 'method.request.querystring.testVar',
      'integration.request.path.pathVar': 'method.request.path.pathVariable',
      'integration.request.querystring.queryString': 'method.request.querystring.testQueryString',
      'integration.request.querystring.testQs': 'method.request.querystring.testQueryString',
      'integration.request.querystring.testEmptyQs': 'method.request.header.emptyheader',
    }
    await context.client.send(
      new PutMethodCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'ANY',
        authorizationType: 'NONE',
        requestParameters: Object.fromEntries(Object.values(requestParameters).map((source) => [source, true])),
      }),
    )
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'ANY',
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: lambdaUri('lambda_aws_proxy'),
        credentials: ROLE_ARN,
        requestParameters,
      }),
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    const response = await requests.post(invokeUrl(context, apiId, 'test', '/foobar'), {
      data: '{"message": "hello world"}',
      headers: {'Content-Type': 'application/json', Accept: 'application/json', foobar: 'mapped-value', 'user-Agent': 'test/integration', headerVar: 'request-value'},
      params: {testQueryString: 'foo', testVar: 'bar'},
    })
    expectStatus(response, 200)
    snapshot.match('http-proxy-invocation-data-mapping', {content: response.json(), status_code: response.status})
  })

  replay('test_apigateway_lambda.py::test_aws_proxy_binary_response', async () => {
    const {apiId, rootId} = await createRestApigw(context, {description: 'Integration test API'})
    const {id: proxy} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{proxy+}'}))
    await proxyAny(apiId, proxy!, 'lambda_response_from_body')
    // This deployment has no binaryMediaTypes, so it returns no binary data.
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    let endpoint = invokeUrl(context, apiId, 'test', '/test')
    // A 1x1 transparent PNG.
    const imageBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/wIAAgkBAyMAlYwAAAAASUVORK5CYII='
    const binaryData = Buffer.from(imageBase64, 'base64')
    const decodedResponse: {statusCode: number; body: string; isBase64Encoded: boolean; headers: Record<string, string>} = {
      statusCode: 200,
      body: imageBase64,
      isBase64Encoded: true,
      headers: {'Content-Type': 'image/png', 'Cache-Control': 'no-cache'},
    }
    const answersWith = async (accept: string | null, expectBinary: boolean) => {
      const response = await requests.post(endpoint, {data: pythonJsonDumps(decodedResponse), headers: {'User-Agent': 'python/test', ...(accept ? {Accept: accept} : {})}})
      if (response.status !== 200) return false
      return expectBinary ? response.content.equals(binaryData) : response.text === imageBase64
    }
    expect(await answersWith('image/png', false)).toBe(true)
    await context.client.send(
      new UpdateRestApiCommand({
        restApiId: apiId,
        patchOperations: [
          {op: 'add', path: '/binaryMediaTypes/image~1png'},
          // A wildcard on the left is not supported.
          {op: 'add', path: '/binaryMediaTypes/*~1test'},
        ],
      }),
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test2'}))
    endpoint = invokeUrl(context, apiId, 'test2', '/test')
    expect(await answersWith('image/png', true)).toBe(true)
    expect(await answersWith('image/jpg', false)).toBe(true)
    expect(await answersWith('image/*', false)).toBe(true)
    expect(await answersWith('*/test', false)).toBe(true)
    expect(await answersWith('random/test', false)).toBe(true)
    expect(await answersWith('*/*', false)).toBe(true)
    // Only the first Accept entry counts.
    expect(await answersWith('image/webp,image/png,*/*;q=0.8', false)).toBe(true)
    expect(await answersWith('image/png,image/*,*/*;q=0.8', true)).toBe(true)
    decodedResponse.isBase64Encoded = false
    expect(await answersWith('image/png', false)).toBe(true)
    await context.client.send(
      new UpdateRestApiCommand({
        restApiId: apiId,
        patchOperations: [
          {op: 'add', path: '/binaryMediaTypes/application~1*'},
          {op: 'add', path: '/binaryMediaTypes/image~1jpg'},
          {op: 'remove', path: '/binaryMediaTypes/*~1test'},
        ],
      }),
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test3'}))
    endpoint = invokeUrl(context, apiId, 'test3', '/test')
    decodedResponse.isBase64Encoded = true
    expect(await answersWith('image/png', true)).toBe(true)
    decodedResponse.headers['Content-Type'] = 'application/test'
    expect(await answersWith('application/whatever', true)).toBe(true)
    expect(await answersWith('application/test', true)).toBe(true)
    expect(await answersWith('application/*', true)).toBe(true)
    // The function's Content-Type plays no part: only Accept is checked.
    decodedResponse.headers['Content-Type'] = 'image/png'
    expect(await answersWith('image/jpg', true)).toBe(true)
    decodedResponse.headers['Content-Type'] = 'application/whatever'
    expect(await answersWith('image/png', true)).toBe(true)
    delete decodedResponse.headers['Content-Type']
    expect(await answersWith('image/png', true)).toBe(true)
    expect(await answersWith('application', false)).toBe(true)
    expect(await answersWith(null, false)).toBe(true)
    decodedResponse.body = 'èé+à)('
    const badBase64 = await requests.post(endpoint, {data: pythonJsonDumps(decodedResponse), headers: {'User-Agent': 'python/test', Accept: 'image/png'}})
    expect(badBase64.status).toBe(500)
  })
})

describe('Lambda custom integrations', () => {
  replay('test_apigateway_lambda.py::test_lambda_aws_integration', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context)
    const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'test'}))
    snapshot.match('put-method', await answer(context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE'}))))
    snapshot.match(
      'put-integration',
      await answer(
        context.client.send(
          new PutIntegrationCommand({restApiId: apiId, resourceId, httpMethod: 'POST', type: 'AWS', integrationHttpMethod: 'POST', uri: lambdaUri('lambda_echo'), credentials: ROLE_ARN}),
        ),
      ),
    )
    snapshot.match('put-integration-response', await answer(context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '200'}))))
    snapshot.match('put-method-response', await answer(context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '200'}))))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'api'}))
    const response = await requests.post(invokeUrl(context, apiId, 'api', '/test'), {data: '{"message": "hello world"}'})
    expect(response.ok).toBe(true)
    expect(response.json()).toEqual({message: 'hello world'})
    snapshot.match('lambda-aws-integration', response.json())
  })

  replay('test_apigateway_lambda.py::test_lambda_aws_integration_with_request_template', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context)
    const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'test'}))
    snapshot.match(
      'put-method',
      await answer(context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE', requestParameters: {'method.request.querystring.param1': false}}))),
    )
    snapshot.match('put-method-response', await answer(context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '200'}))))
    snapshot.match(
      'put-integration',
      await answer(
        context.client.send(
          new PutIntegrationCommand({
            restApiId: apiId,
            resourceId,
            httpMethod: 'GET',
            integrationHttpMethod: 'POST',
            type: 'AWS',
            uri: lambdaUri('lambda_echo'),
            credentials: ROLE_ARN,
            requestTemplates: {'application/json': '{"param1": "$input.params(\'param1\')"}'},
          }),
        ),
      ),
    )
    snapshot.match(
      'put-integration-response',
      await answer(context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '200', selectionPattern: ''}))),
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'api'}))
    const invoke = async (url: string) => {
      const response = await requests.get(url)
      expect(response.ok).toBe(true)
      expect(response.json()).toEqual({param1: 'foobar'})
      return response.json()
    }
    const invocationUrl = invokeUrl(context, apiId, 'api', '/test')
    snapshot.match('lambda-aws-integration-1', await invoke(`${invocationUrl}?param1=foobar`))
    // localstack/localstack#5041: a Signature query parameter.
    snapshot.match('lambda-aws-integration-2', await invoke(`${invocationUrl}?param1=foobar&Signature=1`))
    snapshot.match('delete-integration', await answer(context.client.send(new DeleteIntegrationCommand({restApiId: apiId, resourceId, httpMethod: 'GET'}))))
    snapshot.match('get-integration-after-delete', await answer(context.client.send(new GetIntegrationCommand({restApiId: apiId, resourceId, httpMethod: 'GET'}))))
  })

  replay('test_apigateway_lambda.py::test_lambda_aws_integration_response_with_mapping_templates', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context)
    const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'test'}))
    await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE'}))
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '200'}))
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '400'}))
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'POST',
        integrationHttpMethod: 'POST',
        type: 'AWS',
        uri: lambdaUri('lambda_mapping_responses'),
        credentials: ROLE_ARN,
        requestTemplates: {'application/json': localstackFile('request-template.vm')},
      }),
    )
    await context.client.send(
      new PutIntegrationResponseCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'POST',
        statusCode: '200',
        selectionPattern: '',
        responseTemplates: {'application/json': localstackFile('response-template.vm')},
      }),
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'api'}))
    const invoke = async (body: unknown, statusCode: number) => {
      const response = await requests.post(invokeUrl(context, apiId, 'api', '/test'), {data: pythonJsonDumps(body), headers: {'Content-Type': 'application/json'}})
      const content = response.json()
      expect(response.status).toBe(statusCode)
      return {statusCode: response.status, body: content}
    }
    snapshot.match('response-template-202', await invoke({httpStatus: '200'}, 202))
    snapshot.match('response-template-400', await invoke({httpStatus: '400', errorMessage: 'Test Bad request'}, 400))
  })

  replay(SELECTION_PATTERNS, async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context)
    const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{statusCode}'}))
    await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'GET',
        integrationHttpMethod: 'POST',
        type: 'AWS',
        uri: lambdaUri('lambda_select_pattern'),
        credentials: ROLE_ARN,
        requestTemplates: {'application/json': '{"statusCode": "$input.params(\'statusCode\')"}'},
      }),
    )
    for (const statusCode of ['200', '405', '502']) await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode}))
    await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '200', selectionPattern: ''}))
    await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '405', selectionPattern: '.*four hundred.*'}))
    await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '502', selectionPattern: '.+'}))
    // Never selected, although 200 is the status the function's invocation has: selection patterns of a
    // Lambda integration match its errorMessage.
    await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '504', selectionPattern: '200'}))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    const expectedCodes: Record<string, number> = {200: 200, 400: 405, 500: 502}
    for (const statusCode of ['200', '400', '500']) {
      const response = await requests.get(invokeUrl(context, apiId, 'dev', `/${statusCode}`))
      expect(response.status).toBe(expectedCodes[statusCode])
      snapshot.match(`lambda-selection-pattern-${statusCode}`, response.json())
    }
  })

  replay('test_apigateway_basic.py::TestAPIGateway::test_api_gateway_lambda_asynchronous_invocation', async () => {
    const {apiId} = await createRestApigw(context, {name: `api_gateway_${Date.now()}`})
    const spec = localstackFile('api_definition.yaml')
      .replace('${lambda_invocation_arn}', lambdaUri('lambda_handler'))
      .replace('${credentials}', ROLE_ARN)
    await context.client.send(new PutRestApiCommand({restApiId: apiId, body: Buffer.from(spec), mode: 'overwrite'}))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    const result = await requests.get(invokeUrl(context, apiId, 'test', '/wait/3'))
    expectStatus(result, 200)
    expect(result.content).toEqual(Buffer.alloc(0))
  })

  for (const stageName of ['local', 'dev']) {
    replay(`test_apigateway_basic.py::TestAPIGateway::test_apigw_stage_variables[${stageName}]`, async () => {
      const {apiId, rootId} = await createRestApigw(context, {name: 'aws lambda api'})
      const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'test'}))
      await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE'}))
      const uri =
        stageName === 'dev'
          ? `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn('${stageVariables.lambdaFunction}')}/invocations`
          : lambdaUri('lambda_echo')
      await context.client.send(
        new PutIntegrationCommand({
          restApiId: apiId,
          resourceId,
          httpMethod: 'POST',
          integrationHttpMethod: 'POST',
          type: 'AWS',
          uri,
          requestTemplates: {'application/json': '{ "version": "$stageVariables.version" }'},
        }),
      )
      await context.client.send(
        new PutMethodResponseCommand({
          restApiId: apiId,
          resourceId,
          httpMethod: 'POST',
          statusCode: '200',
          responseParameters: {'method.response.header.Content-Type': false, 'method.response.header.Access-Control-Allow-Origin': false},
        }),
      )
      await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '200'}))
      const {id: deploymentId} = await context.client.send(new CreateDeploymentCommand({restApiId: apiId}))
      const variables: Record<string, string> = stageName === 'dev' ? {lambdaFunction: 'lambda_echo', version: '1.0'} : {}
      await context.client.send(new CreateStageCommand({restApiId: apiId, stageName, deploymentId, variables}))
      const response = await requests.post(invokeUrl(context, apiId, stageName, '/test'), {json: {test: 'test'}})
      expect(response.json()).toEqual(stageName === 'local' ? {version: ''} : {version: '1.0'})
    })
  }
})

describe('trace ids', () => {
  replay(TRACE_ID, async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {name: 'test trace id'})
    const {id: hardcoded} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'path'}))
    await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId: hardcoded, httpMethod: 'GET', authorizationType: 'NONE'}))
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId: hardcoded, httpMethod: 'GET', statusCode: '200'}))
    await context.client.send(new PutIntegrationCommand({restApiId: apiId, resourceId: hardcoded, httpMethod: 'GET', type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
    await context.client.send(
      new PutIntegrationResponseCommand({restApiId: apiId, resourceId: hardcoded, httpMethod: 'GET', statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': '{"statusCode": 200}'}}),
    )
    snapshot.match('register-lambda', {FunctionName: 'lambda_aws_proxy', FunctionArn: functionArn('lambda_aws_proxy')})
    const {id: proxy} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{proxy+}'}))
    await proxyAny(apiId, proxy!, 'lambda_aws_proxy')
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    // The test's transformers that name no placeholder: date and content-length by their key's name.
    const invoke = async (path: string, headers: Record<string, string>) => {
      const response = await requests.get(invokeUrl(context, apiId, 'dev', path), {headers})
      expect(response.ok).toBe(true)
      const lower: Record<string, string> = lowerCased(response.headers)
      if ('date' in lower) lower.date = 'date'
      if ('content-length' in lower) lower['content-length'] = 'content-length'
      return lower
    }
    const mock = await invoke('/path', {})
    snapshot.match('normal-req-headers-MOCK', mock)
    expect(mock).not.toHaveProperty('x-amzn-trace-id')
    const fullTrace = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1'
    const traceId = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8'
    const hardcodedParent = 'Parent=7fa8c0f79203be72'
    snapshot.match('trace-id-req-headers-MOCK', await invoke('/path', {'x-amzn-trace-id': fullTrace}))
    snapshot.match('normal-req-headers-AWS_PROXY', await invoke('/proxy-value', {}))
    const withTrace = await invoke('/proxy-value', {'x-amzn-trace-id': fullTrace})
    snapshot.match('trace-id-req-headers-AWS_PROXY', withTrace)
    expect(withTrace['x-amzn-trace-id']).toContain(fullTrace)
    expect(withTrace['x-amzn-trace-id']!.split(';')[1]).toBe(hardcodedParent)
    const withSmallTrace = await invoke('/proxy-value', {'x-amzn-trace-id': traceId})
    snapshot.match('trace-id-small-req-headers-AWS_PROXY', withSmallTrace)
    expect(withSmallTrace['x-amzn-trace-id']).toContain(traceId)
    // AWS fills in the parent with one of its own.
    expect(withSmallTrace['x-amzn-trace-id']!.split(';')[1]).not.toBe(hardcodedParent)
  })
})

done()
