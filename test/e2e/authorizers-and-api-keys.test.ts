// Public API definitions with a Lambda authorizer and with API keys, made in the sandbox, deployed and
// called over HTTP: each answer must be AWS's. Then import → export → import keeps their authorizers,
// security and API key source.
//
// - fixtures/apis/rest-with-auth.yaml: AWS's sample "REST API with a Lambda authorizer" (a REQUEST
//   authorizer on a header and a query string, an AWS_PROXY method), created through the control plane
//   resource by resource as CloudFormation would; both functions are the template's own inline code.
// - fixtures/localstack/files/openapi.spec.tf.json: a Terraform-made API whose GET / needs an API key.
// - fixtures/localstack/files/openapi.spec.pulumi.json, openapi.spec.global-auth.json: round trips only.
import {readFileSync} from 'node:fs'

import {
  type APIGatewayClient,
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetAuthorizersCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway'

import {readStackTemplate} from '../../src/sandbox/cloudformation/stack-template.js'
import type {LambdaHandler} from '../../src/sandbox/data-plane/lambda-registry.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')

type Cfn = any

const template = readStackTemplate(fixture('apis/rest-with-auth.yaml')).template
const resources = template.Resources as Record<string, {Type: string; Properties: Cfn}>

/**
 * A function of the template, from its inline ZipFile code (Node.js, CommonJS): the sample's own
 * authorizer and proxy, with a console that keeps their logging off the test output.
 */
function inlineFunction(logicalId: string): LambdaHandler {
  const module = {exports: {} as {handler?: LambdaHandler}}
  const quiet = {log: () => {}, error: () => {}}
  new Function('exports', 'module', 'console', resources[logicalId]!.Properties.Code.ZipFile as string)(module.exports, module, quiet)
  return module.exports.handler!
}

let authorizerInvocations = 0
const sampleAuthorizer = inlineFunction('MyAuthFunction')
const countedAuthorizer: LambdaHandler = (event, context, callback) => {
  authorizerInvocations += 1
  return (sampleAuthorizer as (...args: unknown[]) => unknown)(event, context, callback) as never
}

/** The Terraform API's function, which these definitions do not include: answers the request context it got. */
const requestContextEcho: LambdaHandler = async (event) => ({statusCode: 200, body: JSON.stringify((event as {requestContext: unknown}).requestContext)})

let sandbox: Sandbox
let client: APIGatewayClient

beforeAll(async () => {
  sandbox = await startTestSandbox({
    accountId: ACCOUNT,
    region: REGION,
    lambdas: {'MyAuthFunction': countedAuthorizer, 'MyProxyFunction': inlineFunction('MyProxyFunction'), 's3OnObjectCreatedLambda-60c92b6': requestContextEcho},
  })
  client = sdkClient(sandbox.url)
})

afterAll(async () => {
  client.destroy()
  await sandbox.close()
})

/** `Fn::Sub`, `Fn::GetAtt` and `Ref` as this template uses them; functions and roles are named by their logical ids. */
function resolve(value: Cfn, made: Record<string, string>): string {
  if (typeof value === 'string') return value
  if (value.Ref !== undefined) return made[value.Ref]!
  const getAtt = value['Fn::GetAtt']
  if (getAtt !== undefined) return attribute(...((Array.isArray(getAtt) ? getAtt : getAtt.split('.')) as [string, string]), made)
  return (value['Fn::Sub'] as string).replaceAll(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'AWS::Region') return REGION
    if (name === 'AWS::AccountId') return ACCOUNT
    const [logicalId, attr] = name.split('.') as [string, string | undefined]
    return attr === undefined ? made[logicalId]! : attribute(logicalId, attr, made)
  })
}

function attribute(logicalId: string, name: string, made: Record<string, string>): string {
  const type = resources[logicalId]!.Type
  if (type === 'AWS::Lambda::Function' && name === 'Arn') return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${logicalId}`
  if (type === 'AWS::IAM::Role' && name === 'Arn') return `arn:aws:iam::${ACCOUNT}:role/${logicalId}`
  if (name === 'RootResourceId') return made[`${logicalId}.RootResourceId`]!
  throw new Error(`no attribute ${logicalId}.${name} in this test`)
}

/** The template's API Gateway resources, in dependency order, through the control plane. */
async function createSampleStack(): Promise<{apiId: string; stage: string}> {
  const made: Record<string, string> = {}
  const api = resources.MyAPI!.Properties
  const created = await client.send(new CreateRestApiCommand({name: api.Name}))
  made.MyAPI = created.id!
  made['MyAPI.RootResourceId'] = created.rootResourceId!
  const auth = resources.MyAuthorizer!.Properties
  const authorizer = await client.send(
    new CreateAuthorizerCommand({
      restApiId: resolve(auth.RestApiId, made),
      name: auth.Name,
      type: auth.Type,
      identitySource: auth.IdentitySource,
      authorizerUri: resolve(auth.AuthorizerUri, made),
      authorizerCredentials: resolve(auth.AuthorizerCredentials, made),
    }),
  )
  made.MyAuthorizer = authorizer.id!
  const method = resources.Method!.Properties
  const key = {restApiId: resolve(method.RestApiId, made), resourceId: resolve(method.ResourceId, made), httpMethod: method.HttpMethod}
  await client.send(new PutMethodCommand({...key, authorizationType: method.AuthorizationType, authorizerId: resolve(method.AuthorizerId, made)}))
  const integration = method.Integration
  await client.send(
    new PutIntegrationCommand({
      ...key,
      type: integration.Type,
      uri: resolve(integration.Uri, made),
      credentials: resolve(integration.Credentials, made),
      integrationHttpMethod: integration.IntegrationHttpMethod,
    }),
  )
  const deployment = resources.Deployment!.Properties
  await client.send(new CreateDeploymentCommand({restApiId: resolve(deployment.RestApiId, made), stageName: deployment.StageName}))
  return {apiId: made.MyAPI, stage: deployment.StageName}
}

const stageUrl = (apiId: string, stage: string, path = '/') => `${sandbox.url}/restapis/${apiId}/${stage}/_user_request_${path}`

async function call(url: string, headers: Record<string, string> = {}): Promise<{status: number; errorType: string | null; body: string}> {
  const response = await fetch(url, {headers})
  return {status: response.status, errorType: response.headers.get('x-amzn-errortype'), body: await response.text()}
}

describe('AWS sample: REST API with a Lambda authorizer (rest-with-auth.yaml)', () => {
  let url: (query?: string) => string

  beforeAll(async () => {
    const {apiId, stage} = await createSampleStack()
    url = (query = '') => `${stageUrl(apiId, stage)}${query}`
  })

  it('answers 401 Unauthorized without the identity sources, without invoking the authorizer', async () => {
    const before = authorizerInvocations
    expect(await call(url())).toEqual({status: 401, errorType: 'UnauthorizedException', body: '{"message":"Unauthorized"}'})
    // Both sources are needed: the header alone is not enough.
    expect((await call(url(), {HeaderAuth1: 'headerValue1'})).status).toBe(401)
    expect(authorizerInvocations).toBe(before)
  })

  it('answers 401 when the sample authorizer refuses the values ("Unauthorized")', async () => {
    const before = authorizerInvocations
    expect(await call(url('?QueryString1=queryValue1'), {HeaderAuth1: 'wrong'})).toEqual({status: 401, errorType: 'UnauthorizedException', body: '{"message":"Unauthorized"}'})
    expect(authorizerInvocations).toBe(before + 1)
  })

  it('lets the right values through to the proxy function, and caches the allow for the default TTL', async () => {
    const before = authorizerInvocations
    const allowed = await call(url('?QueryString1=queryValue1'), {HeaderAuth1: 'headerValue1'})
    expect(allowed).toEqual({status: 200, errorType: null, body: '"Hello from Lambda!"'})
    expect((await call(url('?QueryString1=queryValue1'), {HeaderAuth1: 'headerValue1'})).status).toBe(200)
    expect(authorizerInvocations).toBe(before + 1)
  })
})

describe('Terraform API whose GET / needs an API key (openapi.spec.tf.json)', () => {
  let apiId: string

  beforeAll(async () => {
    const imported = await client.send(new ImportRestApiCommand({body: new TextEncoder().encode(fixture('localstack/files/openapi.spec.tf.json'))}))
    apiId = imported.id!
    await client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'dev'}))
  })

  it('answers 403 Forbidden without a key and with a key of no usage plan for the stage', async () => {
    const forbidden = {status: 403, errorType: 'ForbiddenException', body: '{"message":"Forbidden"}'}
    expect(await call(stageUrl(apiId, 'dev'))).toEqual(forbidden)
    const stray = await client.send(new CreateApiKeyCommand({name: 'stray', enabled: true}))
    expect(await call(stageUrl(apiId, 'dev'), {'x-api-key': stray.value!})).toEqual(forbidden)
  })

  it('lets an enabled key of a usage plan for the stage through, naming it in $context.identity; a disabled one is refused', async () => {
    const key = await client.send(new CreateApiKeyCommand({name: 'customer', enabled: true}))
    const plan = await client.send(new CreateUsagePlanCommand({name: 'basic', apiStages: [{apiId, stage: 'dev'}]}))
    await client.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY'}))
    const allowed = await call(stageUrl(apiId, 'dev'), {'x-api-key': key.value!})
    expect(allowed.status).toBe(200)
    const identity = (JSON.parse(allowed.body) as {identity: Record<string, unknown>}).identity
    expect(identity).toMatchObject({apiKey: key.value, apiKeyId: key.id})
    await client.send(new UpdateApiKeyCommand({apiKey: key.id, patchOperations: [{op: 'replace', path: '/enabled', value: 'false'}]}))
    expect((await call(stageUrl(apiId, 'dev'), {'x-api-key': key.value!})).status).toBe(403)
  })
})

// ------------------------------------------------------------------------------------------- round trips

interface Security {
  apiKeySource: string | undefined
  authorizers: unknown[]
  methods: Record<string, unknown>
}

/** What an API says about its security: authorizers without ids, each method's authorization by authorizer name. */
async function securityOf(restApiId: string): Promise<Security> {
  const api = await client.send(new GetRestApiCommand({restApiId}))
  const authorizers = (await client.send(new GetAuthorizersCommand({restApiId}))).items ?? []
  const names = new Map(authorizers.map((authorizer) => [authorizer.id, authorizer.name]))
  const methods: Record<string, unknown> = {}
  for (const resource of (await client.send(new GetResourcesCommand({restApiId, embed: ['methods']}))).items ?? []) {
    for (const [httpMethod, method] of Object.entries(resource.resourceMethods ?? {})) {
      methods[`${httpMethod} ${resource.path}`] = {
        authorizationType: method.authorizationType,
        authorizer: method.authorizerId === undefined ? undefined : names.get(method.authorizerId),
        apiKeyRequired: method.apiKeyRequired,
        authorizationScopes: method.authorizationScopes,
      }
    }
  }
  const withoutIds = authorizers.map(({id: _id, ...rest}) => rest).sort((a, b) => (a.name! < b.name! ? -1 : 1))
  return {apiKeySource: api.apiKeySource, authorizers: withoutIds, methods}
}

async function importText(body: string): Promise<string> {
  return (await client.send(new ImportRestApiCommand({body: new TextEncoder().encode(body), failOnWarnings: false}))).id!
}

async function exportText(restApiId: string, exportType: 'oas30' | 'swagger'): Promise<string> {
  await client.send(new CreateDeploymentCommand({restApiId, stageName: 'roundtrip'}))
  const exported = await client.send(new GetExportCommand({restApiId, stageName: 'roundtrip', exportType, parameters: {extensions: 'apigateway'}, accepts: 'application/json'}))
  return new TextDecoder().decode(exported.body)
}

describe('import → export → import keeps authorizers, security and the API key source', () => {
  const definitions: Array<[string, string]> = [
    ['Pulumi: TOKEN authorizer and API key on one method', 'localstack/files/openapi.spec.pulumi.json'],
    ['global REQUEST authorizer, API key source AUTHORIZER', 'localstack/files/openapi.spec.global-auth.json'],
    ['Cognito user pool authorizers with scopes', 'localstack/files/openapi.cognito-auth.json'],
    ['Terraform API key', 'localstack/files/openapi.spec.tf.json'],
    ['petstore with a TOKEN authorizer no method uses', 'localstack/files/petstore-authorizer.swagger.json'],
  ]
  for (const [title, path] of definitions) {
    for (const exportType of ['oas30', 'swagger'] as const) {
      it(`${title} (${exportType})`, async () => {
        const text = fixture(path).replaceAll('${authorizer_lambda_invocation_arn}', `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:auth/invocations`)
        const first = await importText(text.replaceAll('${cognito_pool_arn}', `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_ABC123`))
        const original = await securityOf(first)
        // The definition must say something for the round trip to keep.
        expect(original.authorizers.length + Object.values(original.methods).filter((method) => (method as {apiKeyRequired: boolean}).apiKeyRequired).length).toBeGreaterThan(0)
        const second = await importText(await exportText(first, exportType))
        expect(await securityOf(second)).toEqual(original)
      })
    }
  }

  it('the AWS sample made through the control plane (REQUEST authorizer with two identity sources and credentials)', async () => {
    const {apiId} = await createSampleStack()
    const original = await securityOf(apiId)
    expect(original.authorizers).toEqual([expect.objectContaining({type: 'REQUEST', identitySource: 'method.request.header.HeaderAuth1,method.request.querystring.QueryString1'})])
    const second = await importText(await exportText(apiId, 'oas30'))
    expect(await securityOf(second)).toEqual(original)
  })
})
