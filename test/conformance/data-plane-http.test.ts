// The data plane against AWS's recorded answers: HTTP and HTTP_PROXY integrations, request parameter
// mappings, input formatting in mapping templates, and the headers API Gateway passes, drops and remaps.
// Each test transcribes the LocalStack test of the same name (tests/aws/services/apigateway/
// test_apigateway_{http,common,integrations}.py at localstack/localstack 8b9a79f0). The backends are local:
// httpbin.org's stand-in and function URLs serving the stand-ins of fixtures/functions/localstack/
// (test/conformance/backends.ts).
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateStageCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway'

import {type Backend, startFunctionUrl, startHttpbin} from './backends.js'
import {shortUid, useConformanceSandbox} from './context.js'
import {ACCOUNT, ROLE_ARN, createRestApigw, expectStatus, invokeUrl, lambdaUri, standIn, standInUrl, useRequests} from './data-plane.js'
import {lowerCased, pythonBytes, pythonJsonDumps} from './python-requests.js'
import {type Deviation, conformance} from './replay.js'

const WITH_LAMBDA_HTTP_PROXY = 'test_apigateway_http.py::test_http_integration_with_lambda[HTTP_PROXY]'
const ONE_ADDRESS = "the client, the sandbox and the backend share one loopback address here, so the client's address API Gateway forwards equals the address the backend sees it come from"
const ORIGINS = 'API Gateway reached the backend from another address for each request; the sandbox always comes from the loopback address'
const LENGTHS = 'the body echoes host names, ids and trace headers, whose lengths differ here'

const DEVIATIONS: Deviation[] = [
  {test: WITH_LAMBDA_HTTP_PROXY, key: 'http-invocation-lambda-url', path: '.content.origin', reason: ONE_ADDRESS},
  ...['HTTP', 'HTTP_PROXY'].flatMap((type) =>
    ['put', 'get'].map((method) => ({test: `test_apigateway_http.py::test_http_integration_method[${type}]`, key: `http-invocation-lambda-url-${method}`, path: '.origin', reason: ORIGINS})),
  ),
  ...['HTTP', 'HTTP_PROXY'].flatMap((type) => [
    ...['no-param-integration', 'full-integration'].map((key) => ({test: headerRemapping(`http[${type}]`), key, path: '.response-headers.Content-Length', reason: LENGTHS})),
  ]),
  ...['no-param-integration', 'full-integration'].map((key) => ({test: headerRemapping('http[HTTP_PROXY]'), key, path: '.response-headers.x-amzn-Remapped-Content-Length', reason: LENGTHS})),
  ...['AWS', 'AWS_PROXY'].flatMap((type) => ['no-param-integration', 'full-integration'].map((key) => ({test: headerRemapping(`aws[${type}]`), key, path: '.response-headers.Content-Length', reason: LENGTHS}))),
  // Node's HTTP client (the sandbox's) cannot send a Trailer header without chunked encoding.
  ...['HTTP', 'HTTP_PROXY'].map((type) => ({
    test: headerRemapping(`http[${type}]`),
    key: 'full-integration',
    path: '.headers.Trailer',
    reason: "the sandbox's HTTP client (Node's) refuses to send a Trailer header without chunked encoding, so the sandbox leaves it out",
  })),
]

function headerRemapping(parameters: string): string {
  return `test_apigateway_integrations.py::TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_${parameters}`
}

const context = useConformanceSandbox({lambdas: {lambda_aws_proxy: standIn('lambda_aws_proxy')}, accountId: ACCOUNT})
const requests = useRequests()
const {replay, done} = conformance('data-plane-http.test.ts', DEVIATIONS)

const backends: Backend[] = []
afterAll(() => Promise.all(backends.map((backend) => backend.close())))

async function started(backend: Promise<Backend>): Promise<Backend> {
  const running = await backend
  backends.push(running)
  return running
}

/** The fixture create_echo_http_server: a function URL, its address with a trailing slash. */
async function echoHttpServer(trimXHeaders: boolean): Promise<string> {
  return `${(await started(startFunctionUrl(standInUrl('echo_http_server'), {TRIM_X_HEADERS: trimXHeaders ? '1' : '0'}))).url}/`
}

/** echo_http_server_post and apigw_echo_http_server_post against AWS: httpbin.org/post. */
async function httpbinPost(): Promise<string> {
  return `${(await started(startHttpbin())).url}/post`
}

interface IntegrationOptions {
  integrationUri: string
  integrationType: 'HTTP' | 'HTTP_PROXY'
  pathPart?: string
  reqParameters?: Record<string, string>
  reqTemplates?: Record<string, string>
  stage?: string
  resourceMethod?: string
  integrationMethod?: string
}

/** The conftest fixture create_rest_api_with_integration, for HTTP and HTTP_PROXY integrations. */
async function createRestApiWithIntegration(options: IntegrationOptions): Promise<string> {
  const {integrationUri, integrationType, pathPart = 'test', reqParameters = {}, reqTemplates = {}, stage = 'dev', resourceMethod = 'POST', integrationMethod = 'POST'} = options
  const {apiId, rootId} = await createRestApigw(context, {name: `test-apigw-${shortUid()}`, endpointConfiguration: {types: ['REGIONAL']}})
  const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart}))
  await context.client.send(
    new PutMethodCommand({
      restApiId: apiId,
      resourceId,
      httpMethod: resourceMethod,
      authorizationType: 'NONE',
      apiKeyRequired: false,
      requestParameters: Object.fromEntries(Object.values(reqParameters).map((source) => [source, true])),
    }),
  )
  await context.client.send(
    new PutIntegrationCommand({
      restApiId: apiId,
      resourceId,
      httpMethod: resourceMethod,
      integrationHttpMethod: integrationMethod,
      type: integrationType,
      credentials: '',
      uri: integrationUri,
      requestTemplates: reqTemplates,
      requestParameters: reqParameters,
    }),
  )
  await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: resourceMethod, statusCode: '200'}))
  await context.client.send(
    new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: resourceMethod, statusCode: '200', responseTemplates: {'application/json': "$input.json('$')"}}),
  )
  const {id: deploymentId} = await context.client.send(new CreateDeploymentCommand({restApiId: apiId}))
  await context.client.send(new CreateStageCommand({restApiId: apiId, stageName: stage, deploymentId}))
  return apiId
}

describe('HTTP integrations', () => {
  for (const integrationType of ['HTTP', 'HTTP_PROXY'] as const) {
    replay(`test_apigateway_http.py::test_http_integration_with_lambda[${integrationType}]`, async (snapshot) => {
      const echoServerUrl = await echoHttpServer(false)
      const apiId = await createRestApiWithIntegration({integrationUri: echoServerUrl, integrationType, stage: 'test'})
      snapshot.match('api_id', {rest_api_id: apiId})
      const response = await requests.post(invokeUrl(context, apiId, 'test', '/test'), {
        data: pythonJsonDumps({message: 'hello world'}),
        headers: {'Content-Type': 'application/json', accept: 'application/xml', 'user-Agent': 'test/integration'},
      })
      expectStatus(response, 200)
      snapshot.match('http-invocation-lambda-url', {content: response.json(), headers: lowerCased(response.headers), status_code: response.status})
    })

    replay(`test_apigateway_http.py::test_http_integration_invoke_status_code_passthrough[${integrationType}]`, async (snapshot) => {
      const echoServerUrl = `${(await started(startFunctionUrl(standInUrl('lambda_echo_status_code')))).url}/`
      const apiId = await createRestApiWithIntegration({
        integrationUri: `${echoServerUrl}{map}`,
        integrationType,
        pathPart: '{map+}',
        reqParameters: {'integration.request.path.map': 'method.request.path.map'},
        stage: 'test',
      })
      const invoke = async (url: string) => {
        const response = await requests.post(url)
        expect(response.status).not.toBe(403)
        return {body: response.json(), status_code: response.status}
      }
      const invocationUrl = invokeUrl(context, apiId, 'test', '/status')
      snapshot.match('matching-response', await invoke(`${invocationUrl}/200`))
      snapshot.match('non-matching-response', await invoke(`${invocationUrl}/400`))
    })

    replay(`test_apigateway_http.py::test_http_integration_method[${integrationType}]`, async (snapshot) => {
      const echoServerUrl = await echoHttpServer(true)
      const apiId = await createRestApiWithIntegration({integrationUri: echoServerUrl, integrationType, stage: 'test', resourceMethod: 'ANY', integrationMethod: 'POST'})
      snapshot.match('api_id', {rest_api_id: apiId})
      // The test names three methods and sends POST each time.
      for (const httpMethod of ['post', 'put', 'get']) {
        const response = await requests.post(invokeUrl(context, apiId, 'test', '/test'), {
          data: pythonJsonDumps({message: 'hello world'}),
          headers: {'Content-Type': 'application/json', Accept: 'application/json', 'user-Agent': 'test/integration'},
        })
        expectStatus(response, 200)
        snapshot.match(`http-invocation-lambda-url-${httpMethod}`, response.json())
      }
    })
  }

  replay('test_apigateway_http.py::test_http_proxy_integration_request_data_mappings', async (snapshot) => {
    const echoServerUrl = await echoHttpServer(true)
    const reqParameters = {
      'integration.request.header.headerVar': 'method.request.header.foobar',
      'integration.request.path.qsVar': 'method.request.querystring.testVar',
      'integration.request.path.pathVar': 'method.request.path.pathVariable',
      'integration.request.querystring.queryString': 'method.request.querystring.testQueryString',
      'integration.request.querystring.testQs': 'method.request.querystring.testQueryString',
      'integration.request.querystring.testEmptyQs': 'method.request.header.emptyheader',
    }
    // A path parameter cannot go into the query directly (`testValue={pathVariable}` fails).
    const apiId = await createRestApiWithIntegration({
      integrationUri: `${echoServerUrl}?testVar={pathVar}&testQs={qsVar}`,
      integrationType: 'HTTP_PROXY',
      stage: 'test',
      pathPart: '{pathVariable}',
      reqParameters,
    })
    snapshot.match('api_id', {rest_api_id: apiId})
    const response = await requests.post(invokeUrl(context, apiId, 'test', '/foobar'), {
      data: pythonJsonDumps({message: 'hello world'}),
      headers: {'Content-Type': 'application/json', Accept: 'application/json', foobar: 'mapped-value', 'user-Agent': 'test/integration', headerVar: 'request-value'},
      params: {testQueryString: 'foo', testVar: 'bar'},
    })
    expectStatus(response, 200)
    snapshot.match('http-proxy-invocation', {content: response.json(), headers: lowerCased(response.headers), status_code: response.status})
  })

  replay('test_apigateway_common.py::TestApiGatewayCommon::test_integration_request_parameters_mapping', async () => {
    const echoHttpServerPost = await httpbinPost()
    const {apiId, rootId} = await createRestApigw(context, {description: 'this is my api'})
    await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'none', requestParameters: {'method.request.header.customHeader': false}}))
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200'}))
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId: rootId,
        httpMethod: 'GET',
        integrationHttpMethod: 'POST',
        type: 'HTTP',
        uri: echoHttpServerPost,
        requestParameters: {'integration.request.header.testHeader': 'method.request.header.customHeader', 'integration.request.header.contextHeader': 'context.resourceId'},
      }),
    )
    await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200', selectionPattern: '2\\d{2}', responseTemplates: {}}))
    const {id: deploymentId} = await context.client.send(new CreateDeploymentCommand({restApiId: apiId}))
    await context.client.send(new CreateStageCommand({restApiId: apiId, stageName: 'dev', deploymentId}))
    const response = await requests.get(invokeUrl(context, apiId, 'dev', '/'), {headers: {customHeader: 'test'}})
    expect(response.ok).toBe(true)
    const lowerCaseHeaders = lowerCased(response.json().headers)
    expect(lowerCaseHeaders.contextheader).toBe(rootId)
    expect(lowerCaseHeaders.testheader).toBe('test')
  })
})

describe('input formatting in mapping templates', () => {
  replay('test_apigateway_common.py::TestApiGatewayCommon::test_input_path_template_formatting', async (snapshot) => {
    const echoHttpServerPost = await httpbinPost()
    const {apiId, rootId} = await createRestApigw(context)
    const route = async (path: string, responseTemplate: string) => {
      const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: path}))
      await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: false}))
      await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '200'}))
      await context.client.send(new PutIntegrationCommand({restApiId: apiId, resourceId, httpMethod: 'POST', integrationHttpMethod: 'POST', type: 'HTTP', uri: echoHttpServerPost}))
      await context.client.send(
        new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': responseTemplate}}),
      )
    }
    await route('path', '#set($result = $input.path("$.json"))$result')
    await route('nested', '#set($result = $input.path("$.json"))$result.nested')
    await route('list', '#set($result = $input.path("$.json"))$result[0]')
    await route('to-string', '#set($result = $input.path("$.json"))$result.toString()')
    await route(
      'invalid-path',
      '#set($result = $input.path("$.nonExisting")){"body": $result, "nested": $result.nested, "isNull": #if( $result == $null )"true"#else"false"#end, "isEmptyString": #if( $result == "" )"true"#else"false"#end}',
    )
    await route(
      'nested-list',
      '#set($result = $input.path("$.json.listValue")){"body": $result, "nested": $result.nested, "isNull": #if( $result == $null )"true"#else"false"#end, "isEmptyString": #if( $result == "" )"true"#else"false"#end}',
    )
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    const url = (path: string) => invokeUrl(context, apiId, 'dev', `/${path}`)
    const post = async (path: string, json?: unknown) => (await requests.post(url(path), json === undefined ? {} : {json})).text
    snapshot.match('dict-response', await post('path', {foo: 'bar'}))
    snapshot.match('json-list', await post('path', [{foo: 'bar'}]))
    snapshot.match('nested-dict', await post('nested', {nested: {foo: 'bar'}}))
    snapshot.match('nested-list', await post('nested', {nested: [{foo: 'bar'}]}))
    snapshot.match('dict-in-list', await post('list', [{foo: 'bar'}]))
    snapshot.match('list-with-nested-list', await post('list', [[{foo: 'bar'}]]))
    snapshot.match('dict-with-nested-list', await post('path', {foo: [{nested: 'bar'}]}))
    snapshot.match('bigger-dict', await post('path', {bigger: 'dict', to: 'test', with: 'separators'}))
    snapshot.match('to-string', await post('to-string', {foo: 'bar'}))
    snapshot.match('list-to-string', await post('to-string', {list: [{foo: 'bar'}]}))
    snapshot.match('empty-body', await post('invalid-path'))
    snapshot.match('nested-empty-list', await post('nested-list', {listValue: []}))
    // requests sends `json=None` as no body at all.
    snapshot.match('nested-null-list', await post('nested-list', {listValue: null}))
  })

  replay('test_apigateway_common.py::TestApiGatewayCommon::test_input_body_formatting', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context)
    const echoEndpointUrl = `${(await started(startFunctionUrl(standInUrl('echo_body')))).url}/`
    const route = async (path: string, requestTemplate: string, responseTemplate: string) => {
      const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: path}))
      await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: false}))
      await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '200'}))
      await context.client.send(
        new PutIntegrationCommand({
          restApiId: apiId,
          resourceId,
          httpMethod: 'POST',
          integrationHttpMethod: 'POST',
          type: 'HTTP',
          uri: echoEndpointUrl,
          requestTemplates: {'application/json': requestTemplate},
        }),
      )
      await context.client.send(
        new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'POST', statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': responseTemplate}}),
      )
    }
    const rawBody = '#set($result = $input.body)$result'
    const bodyInString = 'Action=SendMessage&MessageBody=$input.body'
    const inputBodyAttributeAccess = '#set($result = $input.body.testAccess)$result'
    const urlEncodeBody = 'EncodedBody=$util.urlEncode($input.body)&EncodedBodyAccess=$util.urlEncode($input.body.testAccess)'
    await route('raw-body', rawBody, rawBody)
    await route('str-body-input', bodyInString, rawBody)
    await route('str-body-output', rawBody, bodyInString)
    await route('str-body-all', bodyInString, bodyInString)
    await route('body-attr-access', inputBodyAttributeAccess, rawBody)
    await route('url-encode', urlEncodeBody, rawBody)
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
    for (const routeType of ['raw-body', 'str-body-input', 'str-body-output', 'str-body-all', 'body-attr-access', 'url-encode']) {
      const routeUrl = invokeUrl(context, apiId, 'dev', `/${routeType}`)
      const emptyBody = await requests.post(routeUrl, {headers: {'Content-Type': 'application/json'}})
      const jsonBody = await requests.post(routeUrl, {json: {some: 'value'}})
      const stringBody = await requests.post(routeUrl, {data: Buffer.from('some raw data'), headers: {'Content-Type': 'application/json'}})
      snapshot.match(`response-${routeType}`, {'empty-body': pythonBytes(emptyBody.content), 'json-body': pythonBytes(jsonBody.content), 'str-body': pythonBytes(stringBody.content)})
    }
  })
})

// The headers of the test's HEADERS list, as mapping targets and sources (test_apigateway_integrations.py).
const HEADERS = [
  'Accept',
  'Accept-Charset',
  'Accept-Encoding',
  'Age',
  'Authorization',
  'Connection',
  'Content-Encoding',
  'Content-Length',
  'Content-MD5',
  'Content-Type',
  'Date',
  'Expect',
  'Host',
  'Max-Forwards',
  'Pragma',
  'Proxy-Authenticate',
  'Range',
  'Referer',
  'Server',
  'TE',
  'Transfer-Encoding',
  'Trailer',
  'Upgrade',
  'User-Agent',
  'Via',
  'Warn',
  'WWW-Authenticate',
]

// The test's REQUEST_PARAMETERS.
const REQUEST_PARAMETERS: Record<string, string> = {
  'integration.request.header.Accept': "'text/html'",
  'integration.request.header.Accept-Charset': "'UTF-16'",
  'integration.request.header.Accept-Encoding': "'zstd'",
  'integration.request.header.Age': "'request_params_age'",
  'integration.request.header.Authorization': "'request_params_authorization'",
  'integration.request.header.Content-Encoding': "'compress'",
  'integration.request.header.Content-Length': "'0'",
  'integration.request.header.Content-MD5': "'request_params_Content-MD5'",
  'integration.request.header.Content-Type': "'application/json'",
  'integration.request.header.Date': "'request_params_Date'",
  'integration.request.header.Expect': "'200-ok'",
  'integration.request.header.Host': 'method.request.header.Host',
  'integration.request.header.Max-Forwards': "'2'",
  'integration.request.header.Pragma': "'no-cache'",
  'integration.request.header.Range': "'bytes=0-499'",
  'integration.request.header.Referer': "'https://example.com/page'",
  'integration.request.header.Server': "'https://example.com/page'",
  'integration.request.header.Trailer': "'user-agent'",
  'integration.request.header.Transfer-Encoding': "'deflate'",
  'integration.request.header.Upgrade': "'HTTP/2.0'",
  'integration.request.header.User-Agent': "'Override-Agent'",
  'integration.request.header.Warn': '\'110 anderson/1.3.37 "Response is stale"\'',
  'integration.request.header.WWW-Authenticate': "'Basic YWxhZGRpbjpvcGVuc2VzYW1l'",
  'integration.request.header.Connection': "'keep-alive'",
  'integration.request.header.Proxy-Authenticate': '\'Basic realm="Access to the internal site"\'',
  'integration.request.header.TE': "'gzip'",
  'integration.request.header.Via': "'othersite.net'",
}

/** The fixture create_apigateway_with_header_remapping: a regional API with /no-param, /full and a resource per special case. */
async function apigatewayWithHeaderRemapping(integration: 'HTTP' | 'HTTP_PROXY' | 'AWS' | 'AWS_PROXY', integrationUri: string, roleArn: string, specialCases: Array<{path: string; requestParameter: string}>) {
  const requestParameters = {...REQUEST_PARAMETERS}
  const {apiId, rootId} = await createRestApigw(context, {endpointConfiguration: {types: ['REGIONAL']}})
  const {id: noParam} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'no-param'}))
  const {id: full} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'full'}))
  const special: Array<{resourceId: string; requestParameter: string; mapping: string}> = []
  for (const specialCase of specialCases) {
    const {id} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: specialCase.path}))
    const mapping = requestParameters[specialCase.requestParameter] ?? "''"
    delete requestParameters[specialCase.requestParameter]
    special.push({resourceId: id!, requestParameter: specialCase.requestParameter, mapping})
  }
  for (const resourceId of [noParam!, full!, ...special.map((specialCase) => specialCase.resourceId)]) {
    await context.client.send(
      new PutMethodCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'GET',
        authorizationType: 'NONE',
        requestParameters: Object.fromEntries(HEADERS.map((header) => [`method.request.header.${header}`, false])),
      }),
    )
    await context.client.send(
      new PutMethodResponseCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'GET',
        statusCode: '200',
        responseParameters: Object.fromEntries(HEADERS.map((header) => [`method.response.header.${header}`, true])),
      }),
    )
  }
  await context.client.send(new PutIntegrationCommand({restApiId: apiId, resourceId: noParam, httpMethod: 'GET', type: integration, uri: integrationUri, integrationHttpMethod: 'POST', credentials: roleArn}))
  await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId: noParam, httpMethod: 'GET', statusCode: '200'}))
  const requestTemplate = `{${HEADERS.map((header) => `"${header}": "$input.params('${header}')"`).join(',')}}`
  await context.client.send(
    new PutIntegrationCommand({
      restApiId: apiId,
      resourceId: full,
      httpMethod: 'GET',
      type: integration,
      integrationHttpMethod: 'POST',
      uri: integrationUri,
      credentials: roleArn,
      requestParameters,
      requestTemplates: {'application/json': requestTemplate},
    }),
  )
  await context.client.send(
    new PutIntegrationResponseCommand({
      restApiId: apiId,
      resourceId: full,
      httpMethod: 'GET',
      statusCode: '200',
      responseParameters: Object.fromEntries(HEADERS.map((header) => [`method.response.header.${header}`, `'response_param_${header}'`])),
    }),
  )
  for (const specialCase of special) {
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId: specialCase.resourceId,
        httpMethod: 'GET',
        type: integration,
        integrationHttpMethod: 'POST',
        uri: integrationUri,
        credentials: roleArn,
        requestParameters: {[specialCase.requestParameter]: specialCase.mapping},
      }),
    )
    await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId: specialCase.resourceId, httpMethod: 'GET', statusCode: '200'}))
  }
  await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
  return {apiId, invokeUrl: invokeUrl(context, apiId, 'test', '')}
}

/** The test's invoke_api: a GET sending every header of the list, as the test spells and values them. */
async function invokeWithAllHeaders(url: string, expectedStatus: number) {
  const response = await requests.get(url, {
    headers: {
      Accept: 'application/json',
      'Accept-Charset': 'UTF-8',
      'Accept-Encoding': 'br',
      Age: 'request_Age',
      Authorization: 'Unauthorized',
      Connection: 'close',
      'Content-Encoding': 'deflate',
      'Content-MD5': 'request_Content-MD5',
      'Content-Type': 'application/json',
      Date: 'request_Date',
      Expect: '100-continue',
      'Max-Forwards': '2',
      Pragma: 'cache',
      'Proxy-Authenticate': 'Basic',
      Range: 'bytes=500-999',
      Referer: 'https://example.com/',
      Server: 'https://example.com/',
      TE: 'deflate',
      Trailer: 'Expires',
      'Transfer-Encoding': 'chunked',
      Upgrade: 'HTTP/2.0',
      'User-Agent': 'localStack/0.0',
      Via: 'p.example.net',
      Warn: '299 localStack/0.0',
      'WWW-Authenticate': 'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
    },
  })
  expectStatus(response, expectedStatus)
  return response
}

describe('header remapping', () => {
  for (const integration of ['HTTP', 'HTTP_PROXY'] as const) {
    replay(headerRemapping(`http[${integration}]`), async (snapshot) => {
      const integrationUri = await httpbinPost()
      const specialCases = [
        {path: 'content-length', requestParameter: 'integration.request.header.Content-Length'},
        {path: 'transfer-encoding', requestParameter: 'integration.request.header.Transfer-Encoding'},
      ]
      const {apiId, invokeUrl: url} = await apigatewayWithHeaderRemapping(integration, integrationUri, '', specialCases)
      snapshot.match('apigw-id', apiId)
      for (const [key, path] of [
        ['no-param-integration', 'no-param'],
        ['full-integration', 'full'],
      ] as const) {
        const response = await invokeWithAllHeaders(`${url}/${path}`, 200)
        const json = response.json()
        snapshot.match(key, {headers: json.headers, body: json.data, 'response-headers': response.headers})
      }
      for (const key of ['content-length', 'transfer-encoding']) {
        const response = await invokeWithAllHeaders(`${url}/${key}`, 500)
        snapshot.match(key, {'response-headers': response.headers, body: response.text})
      }
    })
  }

  for (const integration of ['AWS', 'AWS_PROXY'] as const) {
    replay(headerRemapping(`aws[${integration}]`), async (snapshot) => {
      const specialCases = ['content-length', 'transfer-encoding', 'authorization', 'connection', 'expect', 'proxy-authenticate', 'te'].map((path) => ({
        path,
        requestParameter: `integration.request.header.${HEADERS.find((header) => header.toLowerCase() === path)}`,
      }))
      const {apiId, invokeUrl: url} = await apigatewayWithHeaderRemapping(integration, lambdaUri('lambda_aws_proxy'), ROLE_ARN, specialCases)
      snapshot.match('apigw-id', apiId)
      for (const [key, path] of [
        ['no-param-integration', 'no-param'],
        ['full-integration', 'full'],
      ] as const) {
        const response = await invokeWithAllHeaders(`${url}/${path}`, 200)
        const json = response.json()
        snapshot.match(key, {headers: json.headers ?? null, body: json.body, 'response-headers': response.headers})
      }
      for (const specialCase of specialCases) {
        const response = await invokeWithAllHeaders(`${url}/${specialCase.path}`, 500)
        snapshot.match(specialCase.path, {'response-headers': response.headers, body: response.text})
      }
    })
  }
})

done()
