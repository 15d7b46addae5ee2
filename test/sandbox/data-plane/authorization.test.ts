// Authorization on the data plane, path by path, over HTTP against APIs made with the SDK: Lambda TOKEN
// and REQUEST authorizers (events, identity sources, validation expression, policy decisions, context,
// failures, the result cache on the sandbox's clock), Cognito and IAM as simplified, and API keys from the
// header or the authorizer. The answers are AWS's (src/sandbox/data-plane/authorization/answers.ts).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type APIGatewayClient,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  type CreateAuthorizerCommandInput,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateAuthorizerCommand,
} from '@aws-sdk/client-api-gateway'

import type {LambdaHandler} from '../../../src/sandbox/data-plane/lambda-registry.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'

const REGION = 'us-east-1'
const ACCOUNT = '123456789012'
const uriOf = (name: string) => `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}/invocations`

/** Every event each function got, by function name. */
const events = new Map<string, Array<Record<string, any>>>()
// Two parameters: the runtime would take a third for a callback-style handler and wait for the callback.
const recorded = (name: string, handler: LambdaHandler): LambdaHandler => async (event, context) => {
  events.set(name, [...(events.get(name) ?? []), event as Record<string, any>])
  return (handler as (...args: unknown[]) => Promise<unknown>)(event, context) as never
}

const policy = (effect: string, resource: string | string[]) => ({Version: '2012-10-17', Statement: [{Action: 'execute-api:Invoke', Effect: effect, Resource: resource}]})

/** A TOKEN authorizer deciding by the token: allow, deny, allow-other (a resource elsewhere), unauthorized, fail, malformed, key. */
const tokenAuthorizer: LambdaHandler = async (event) => {
  const {authorizationToken: token, methodArn} = event as {authorizationToken: string; methodArn: string}
  const apiArn = methodArn.split('/').slice(0, 2).join('/')
  switch (token) {
    case 'allow':
      return {principalId: 'user-1', policyDocument: policy('Allow', methodArn), context: {tier: 'gold', count: 3, admin: false}}
    case 'allow-wildcard':
      return {principalId: 'user-2', policyDocument: policy('Allow', `${apiArn}/*/*`)}
    case 'deny':
      return {principalId: 'user-1', policyDocument: policy('Deny', methodArn)}
    case 'allow-other':
      return {principalId: 'user-1', policyDocument: policy('Allow', `${apiArn}/POST/elsewhere`)}
    case 'unauthorized':
      throw new Error('Unauthorized')
    case 'malformed':
      return {principalId: 'user-1', policyDocument: policy('Allow', methodArn), context: {nested: {not: 'allowed'}}}
    case 'key':
      return {principalId: 'user-3', policyDocument: policy('Allow', methodArn), usageIdentifierKey: KEY_VALUE}
    default:
      throw new Error('boom')
  }
}

const requestAuthorizer: LambdaHandler = async (event) => {
  const {methodArn, headers, queryStringParameters} = event as {methodArn: string; headers: Record<string, string>; queryStringParameters: Record<string, string>}
  return headers.Tenant === 'acme' && queryStringParameters.region === 'eu'
    ? {principalId: 'acme', policyDocument: policy('Allow', methodArn), context: {tenant: 'acme'}}
    : {principalId: 'acme', policyDocument: policy('Deny', methodArn)}
}

const proxyEcho: LambdaHandler = async (event) => ({statusCode: 200, body: JSON.stringify((event as {requestContext: unknown}).requestContext)})

const KEY_VALUE = 'abcdefghijklmnopqrstuvwxyz0123456789ABCD'

let now = Date.parse('2026-12-06T12:00:00Z')
let sandbox: Sandbox
let client: APIGatewayClient
let diagnoses: string[] = []

beforeAll(async () => {
  sandbox = await startTestSandbox({
    clock: () => now,
    logDiagnosis: (line) => diagnoses.push(line),
    lambdas: {token: recorded('token', tokenAuthorizer), request: recorded('request', requestAuthorizer), echo: recorded('echo', proxyEcho)},
  })
  client = sdkClient(sandbox.url)
})

afterAll(async () => {
  client.destroy()
  await sandbox.close()
})

beforeEach(() => {
  events.clear()
  diagnoses = []
})

interface Answer {
  status: number
  errorType: string | null
  body: string
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {headers})
  return {status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: await response.text()}
}

/**
 * An API with `GET /{path}` per route: `proxy` routes answer the proxy event's requestContext (AWS_PROXY to
 * echo), `mock` routes a MOCK whose response template shows $context.authorizer and $context.identity.
 */
async function apiWith(routes: Array<{path: string; kind: 'proxy' | 'mock'; authorizationType: string; authorizer?: Omit<CreateAuthorizerCommandInput, 'restApiId' | 'name'>; apiKeyRequired?: boolean}>, apiKeySource: 'HEADER' | 'AUTHORIZER' = 'HEADER') {
  const {id: restApiId, rootResourceId} = await client.send(new CreateRestApiCommand({name: `auth-${Math.random().toString(16).slice(2, 8)}`, apiKeySource}))
  const authorizerIds: Record<string, string> = {}
  for (const [index, route] of routes.entries()) {
    const {id: resourceId} = await client.send(new CreateResourceCommand({restApiId, parentId: rootResourceId, pathPart: route.path}))
    let authorizerId: string | undefined
    if (route.authorizer) {
      authorizerId = (await client.send(new CreateAuthorizerCommand({restApiId, name: `authorizer-${index}`, ...route.authorizer}))).id!
      authorizerIds[route.path] = authorizerId
    }
    const key = {restApiId, resourceId, httpMethod: 'GET'}
    await client.send(new PutMethodCommand({...key, authorizationType: route.authorizationType, authorizerId, apiKeyRequired: route.apiKeyRequired}))
    if (route.kind === 'proxy') {
      await client.send(new PutIntegrationCommand({...key, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: uriOf('echo')}))
    } else {
      await client.send(new PutIntegrationCommand({...key, type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
      await client.send(new PutMethodResponseCommand({...key, statusCode: '200'}))
      await client.send(
        new PutIntegrationResponseCommand({
          ...key,
          statusCode: '200',
          responseTemplates: {
            'application/json':
              '{"principal": "$context.authorizer.principalId", "tier": "$context.authorizer.tier", "email": "$context.authorizer.claims.email", "accessKey": "$context.identity.accessKey", "apiKeyId": "$context.identity.apiKeyId"}',
          },
        }),
      )
    }
  }
  await client.send(new CreateDeploymentCommand({restApiId, stageName: 'test'}))
  return {restApiId: restApiId!, authorizerIds, url: (path: string) => `${sandbox.url}/restapis/${restApiId}/test/_user_request_/${path}`}
}

const UNAUTHORIZED = {status: 401, errorType: 'UnauthorizedException', body: '{"message":"Unauthorized"}'}
const EXPLICIT_DENY = {status: 403, errorType: 'AccessDeniedException', body: '{"Message":"User is not authorized to access this resource with an explicit deny"}'}
const IMPLICIT_DENY = {status: 403, errorType: 'AccessDeniedException', body: '{"Message":"User is not authorized to access this resource"}'}
const CONFIGURATION_ERROR = {status: 500, errorType: 'AuthorizerConfigurationException', body: '{"message":null}'}
const FORBIDDEN = {status: 403, errorType: 'ForbiddenException', body: '{"message":"Forbidden"}'}

describe('TOKEN authorizers', () => {
  const token = {type: 'TOKEN' as const, authorizerUri: uriOf('token'), identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 0}

  it('sends AWS’s TOKEN event and lets an allowed caller through with principalId and context in the proxy event', async () => {
    const api = await apiWith([{path: 'items', kind: 'proxy', authorizationType: 'CUSTOM', authorizer: token}])
    const answer = await get(api.url('items'), {Authorization: 'allow'})
    expect(answer.status).toBe(200)
    expect(events.get('token')).toEqual([{type: 'TOKEN', authorizationToken: 'allow', methodArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${api.restApiId}/test/GET/items`}])
    // Context values reach the integration as strings.
    expect(JSON.parse(answer.body).authorizer).toEqual({principalId: 'user-1', tier: 'gold', count: '3', admin: 'false', integrationLatency: expect.any(Number)})
  })

  it('fills $context.authorizer in mapping templates', async () => {
    const api = await apiWith([{path: 'items', kind: 'mock', authorizationType: 'CUSTOM', authorizer: token}])
    const answer = await get(api.url('items'), {Authorization: 'allow'})
    expect(JSON.parse(answer.body)).toMatchObject({principal: 'user-1', tier: 'gold'})
  })

  it('answers 401 without the token or when the validation expression does not match, without invoking the function', async () => {
    const api = await apiWith([{path: 'items', kind: 'proxy', authorizationType: 'CUSTOM', authorizer: {...token, identityValidationExpression: '^allow.*'}}])
    expect(await get(api.url('items'))).toEqual(UNAUTHORIZED)
    expect(await get(api.url('items'), {Authorization: ''})).toEqual(UNAUTHORIZED)
    expect(await get(api.url('items'), {Authorization: 'deny'})).toEqual(UNAUTHORIZED)
    expect(events.get('token')).toBeUndefined()
    expect((await get(api.url('items'), {Authorization: 'allow-wildcard'})).status).toBe(200)
  })

  it('answers 403 for an explicit deny and for a policy that allows only other methods; 401 for a function that throws Unauthorized', async () => {
    const api = await apiWith([{path: 'items', kind: 'proxy', authorizationType: 'CUSTOM', authorizer: token}])
    expect(await get(api.url('items'), {Authorization: 'deny'})).toEqual(EXPLICIT_DENY)
    expect(await get(api.url('items'), {Authorization: 'allow-other'})).toEqual(IMPLICIT_DENY)
    expect(await get(api.url('items'), {Authorization: 'unauthorized'})).toEqual(UNAUTHORIZED)
    expect(events.get('echo')).toBeUndefined()
  })

  it('answers 500 AuthorizerConfigurationException for a failing function, a malformed answer or a function the sandbox does not have', async () => {
    const api = await apiWith([
      {path: 'items', kind: 'proxy', authorizationType: 'CUSTOM', authorizer: token},
      {path: 'missing', kind: 'proxy', authorizationType: 'CUSTOM', authorizer: {...token, authorizerUri: uriOf('not-deployed')}},
    ])
    expect(await get(api.url('items'), {Authorization: 'anything-else'})).toEqual(CONFIGURATION_ERROR)
    expect(await get(api.url('items'), {Authorization: 'malformed'})).toEqual(CONFIGURATION_ERROR)
    const missing = await fetch(api.url('missing'), {headers: {Authorization: 'allow'}})
    expect({status: missing.status, body: await missing.text()}).toEqual({status: 500, body: '{"message":null}'})
    expect(missing.headers.get('x-apigw-binfix-sandbox-diagnosis')).toContain('not-deployed')
  })

  it('caches a result for authorizerResultTtlInSeconds on the sandbox’s clock, keyed on the token', async () => {
    const api = await apiWith([
      {path: 'items', kind: 'proxy', authorizationType: 'CUSTOM', authorizer: {...token, authorizerResultTtlInSeconds: 60}},
      {path: 'other', kind: 'proxy', authorizationType: 'NONE'},
    ])
    expect((await get(api.url('items'), {Authorization: 'allow'})).status).toBe(200)
    expect((await get(api.url('items'), {Authorization: 'allow'})).status).toBe(200)
    expect(events.get('token')).toHaveLength(1)
    expect((await get(api.url('items'), {Authorization: 'allow-wildcard'})).status).toBe(200)
    expect(events.get('token')).toHaveLength(2)
    now += 61_000
    expect((await get(api.url('items'), {Authorization: 'allow'})).status).toBe(200)
    expect(events.get('token')).toHaveLength(3)
  })

  it('runs the authorizer as deployed: UpdateAuthorizer takes effect on the next deployment', async () => {
    const api = await apiWith([{path: 'items', kind: 'proxy', authorizationType: 'CUSTOM', authorizer: token}])
    await client.send(
      new UpdateAuthorizerCommand({restApiId: api.restApiId, authorizerId: api.authorizerIds.items, patchOperations: [{op: 'replace', path: '/identitySource', value: 'method.request.header.X-Token'}]}),
    )
    expect((await get(api.url('items'), {Authorization: 'allow'})).status).toBe(200)
    await client.send(new CreateDeploymentCommand({restApiId: api.restApiId, stageName: 'test'}))
    expect(await get(api.url('items'), {Authorization: 'allow'})).toEqual(UNAUTHORIZED)
    expect((await get(api.url('items'), {'X-Token': 'allow'})).status).toBe(200)
  })
})

describe('REQUEST authorizers', () => {
  it('needs every identity source, sends AWS’s REQUEST event and decides by its policy', async () => {
    const api = await apiWith([
      {
        path: 'items',
        kind: 'proxy',
        authorizationType: 'CUSTOM',
        authorizer: {type: 'REQUEST', authorizerUri: uriOf('request'), identitySource: 'method.request.header.Tenant,method.request.querystring.region', authorizerResultTtlInSeconds: 0},
      },
    ])
    expect(await get(api.url('items'), {Tenant: 'acme'})).toEqual(UNAUTHORIZED)
    expect(events.get('request')).toBeUndefined()
    expect(await get(api.url('items?region=us'), {Tenant: 'acme'})).toEqual(EXPLICIT_DENY)
    const allowed = await get(api.url('items?region=eu'), {Tenant: 'acme'})
    expect(allowed.status).toBe(200)
    expect(JSON.parse(allowed.body).authorizer).toEqual({principalId: 'acme', tenant: 'acme', integrationLatency: expect.any(Number)})
    const event = events.get('request')![1]!
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${api.restApiId}/test/GET/items`,
      resource: '/items',
      path: '/items',
      httpMethod: 'GET',
      queryStringParameters: {region: 'eu'},
      multiValueQueryStringParameters: {region: ['eu']},
      requestContext: expect.objectContaining({resourcePath: '/items', stage: 'test'}),
    })
    expect(event.headers.Tenant).toBe('acme')
    expect(event).not.toHaveProperty('body')
  })
})

describe('Cognito user pools and IAM, simplified', () => {
  const jwt = (claims: object) => `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`

  it('Cognito: a JWT whose payload decodes passes its claims on; none or an unreadable one is 401', async () => {
    const cognito = {type: 'COGNITO_USER_POOLS' as const, providerARNs: [`arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_ABC123`], identitySource: 'method.request.header.Authorization'}
    const api = await apiWith([
      {path: 'mock', kind: 'mock', authorizationType: 'COGNITO_USER_POOLS', authorizer: cognito},
      {path: 'proxy', kind: 'proxy', authorizationType: 'COGNITO_USER_POOLS', authorizer: cognito},
    ])
    expect(await get(api.url('mock'))).toEqual(UNAUTHORIZED)
    expect(await get(api.url('mock'), {Authorization: 'not-a-jwt'})).toEqual(UNAUTHORIZED)
    const token = jwt({sub: 'u-1', email: 'someone@example.com'})
    expect(JSON.parse((await get(api.url('mock'), {Authorization: token})).body)).toMatchObject({email: 'someone@example.com'})
    expect(JSON.parse((await get(api.url('proxy'), {Authorization: token})).body).authorizer).toEqual({claims: {sub: 'u-1', email: 'someone@example.com'}})
  })

  it('IAM: a SigV4 Authorization header is needed (not checked); its access key reaches $context.identity.accessKey', async () => {
    const api = await apiWith([{path: 'mock', kind: 'mock', authorizationType: 'AWS_IAM'}])
    expect(await get(api.url('mock'))).toEqual({status: 403, errorType: 'MissingAuthenticationTokenException', body: '{"message":"Missing Authentication Token"}'})
    expect((await get(api.url('mock'), {Authorization: 'Bearer abc'})).status).toBe(403)
    const signed = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc'
    expect(JSON.parse((await get(api.url('mock'), {Authorization: signed})).body)).toMatchObject({accessKey: 'AKIDEXAMPLE'})
  })
})

describe('API keys', () => {
  it('a usage plan names only stages that exist, refused in AWS’s unformatted words (aws/aws-sdk #354)', async () => {
    const {id: apiId} = await client.send(new CreateRestApiCommand({name: 'no-stage'}))
    await expect(client.send(new CreateUsagePlanCommand({name: 'plan', apiStages: [{apiId, stage: 'missing'}]}))).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Invalid API Stage {api: %s, stage: %s} specified for usageplan %s',
    })
  })

  it('with apiKeySource AUTHORIZER, the authorizer’s usageIdentifierKey is the key; x-api-key is not read', async () => {
    const api = await apiWith(
      [{path: 'mock', kind: 'mock', authorizationType: 'CUSTOM', apiKeyRequired: true, authorizer: {type: 'TOKEN', authorizerUri: uriOf('token'), identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 0}}],
      'AUTHORIZER',
    )
    const key = await client.send(new CreateApiKeyCommand({name: 'from-authorizer', value: KEY_VALUE, enabled: true}))
    const plan = await client.send(new CreateUsagePlanCommand({name: 'plan', apiStages: [{apiId: api.restApiId, stage: 'test'}]}))
    await client.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY'}))
    expect(await get(api.url('mock'), {Authorization: 'allow', 'x-api-key': KEY_VALUE})).toEqual(FORBIDDEN)
    const answer = await get(api.url('mock'), {Authorization: 'key'})
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({apiKeyId: key.id})
  })

  it('a key value never reaches the call log or the sandbox’s diagnoses, and is answered only when asked for', async () => {
    const value = 'secret-value-0123456789-abcdefghij'
    const key = await client.send(new CreateApiKeyCommand({name: 'secret', value, enabled: true}))
    const api = await apiWith([{path: 'mock', kind: 'mock', authorizationType: 'NONE', apiKeyRequired: true}])
    const plan = await client.send(new CreateUsagePlanCommand({name: 'plan', apiStages: [{apiId: api.restApiId, stage: 'test'}]}))
    await client.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY'}))
    expect((await get(api.url('mock'), {'x-api-key': value})).status).toBe(200)
    expect((await client.send(new GetApiKeyCommand({apiKey: key.id}))).value).toBeUndefined()
    expect((await client.send(new GetApiKeyCommand({apiKey: key.id, includeValue: true}))).value).toBe(value)
    expect((await client.send(new GetApiKeysCommand({}))).items?.every((item) => item.value === undefined)).toBe(true)
    expect((await client.send(new GetUsagePlanKeysCommand({usagePlanId: plan.id}))).items?.[0]?.value).toBe(value)
    const log = await (await fetch(`${sandbox.url}/_sandbox/calls`)).text()
    expect(log).not.toContain(value)
    expect(diagnoses.join('\n')).not.toContain(value)
    // Values are unique in the account.
    await expect(client.send(new CreateApiKeyCommand({name: 'again', value}))).rejects.toMatchObject({name: 'ConflictException', message: 'API Key already exists'})
  })
})

describe('state file', () => {
  it('refuses a file whose usage plan holds a key the file does not have', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'apigw-auth-state-'))
    const stateFile = join(directory, 'state.json')
    try {
      const plan = {id: 'plan01', name: 'plan', apiStages: []}
      writeFileSync(stateFile, JSON.stringify({format: 'apigw-binfix-sandbox-state', version: 1, region: REGION, accountId: ACCOUNT, apis: [], usage: {apiKeys: [], usagePlans: [{plan, keyIds: ['nokey']}]}}))
      await expect(startTestSandbox({stateFile})).rejects.toThrow(`${stateFile}: cannot start from it: usage.usagePlans[0] holds the API key "nokey", which the file does not have`)
    } finally {
      rmSync(directory, {recursive: true, force: true})
    }
  })

  it('keeps API keys, usage plans and their keys, and deployed authorizers across a restart', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'apigw-auth-state-'))
    const stateFile = join(directory, 'state.json')
    try {
      const first = await startTestSandbox({stateFile, lambdas: {token: tokenAuthorizer}})
      const firstClient = sdkClient(first.url)
      const {id: restApiId, rootResourceId} = await firstClient.send(new CreateRestApiCommand({name: 'persisted'}))
      const {id: authorizerId} = await firstClient.send(
        new CreateAuthorizerCommand({restApiId, name: 'token', type: 'TOKEN', authorizerUri: uriOf('token'), identitySource: 'method.request.header.Authorization'}),
      )
      await firstClient.send(new PutMethodCommand({restApiId, resourceId: rootResourceId, httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId, apiKeyRequired: true}))
      await firstClient.send(new PutIntegrationCommand({restApiId, resourceId: rootResourceId, httpMethod: 'GET', type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
      await firstClient.send(new PutMethodResponseCommand({restApiId, resourceId: rootResourceId, httpMethod: 'GET', statusCode: '200'}))
      await firstClient.send(new PutIntegrationResponseCommand({restApiId, resourceId: rootResourceId, httpMethod: 'GET', statusCode: '200'}))
      await firstClient.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}))
      const key = await firstClient.send(new CreateApiKeyCommand({name: 'kept', enabled: true}))
      const plan = await firstClient.send(new CreateUsagePlanCommand({name: 'kept', apiStages: [{apiId: restApiId, stage: 'prod'}], throttle: {burstLimit: 5, rateLimit: 10}}))
      await firstClient.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY'}))
      firstClient.destroy()
      await first.close()

      const second = await startTestSandbox({stateFile, lambdas: {token: tokenAuthorizer}})
      const secondClient = sdkClient(second.url)
      try {
        expect((await secondClient.send(new GetUsagePlanKeysCommand({usagePlanId: plan.id}))).items?.map((item) => item.id)).toEqual([key.id])
        const url = `${second.url}/restapis/${restApiId}/prod/_user_request_/`
        expect((await get(url, {Authorization: 'allow', 'x-api-key': key.value!})).status).toBe(200)
        expect(await get(url, {Authorization: 'deny', 'x-api-key': key.value!})).toEqual(EXPLICIT_DENY)
      } finally {
        secondClient.destroy()
        await second.close()
      }
    } finally {
      rmSync(directory, {recursive: true, force: true})
    }
  })
})
