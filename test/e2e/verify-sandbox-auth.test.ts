// verify through the sandbox's own authorization: the sample image API behind an API key, a Lambda TOKEN
// authorizer and IAM. With the credentials every probe passes byte for byte; without them the refusal is
// an authorization failure, never a binary setting.
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  CreateApiKeyCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetResourcesCommand,
  type PatchOperation,
  UpdateMethodCommand,
} from '@aws-sdk/client-api-gateway'

import {probeSigner} from '../../src/aws/probe-signer.js'
import {importFixture, useAuditBench} from './audit-support.js'
import {specPath, standInFunctions, verify} from './verify-support.js'

const SPEC = specPath('image-api.binfix.yaml')
const TOKEN = 'Bearer allow-verify'

// A TOKEN authorizer as the developer guide's example writes one: Allow for one token, 401 otherwise.
const AUTHORIZER = join(mkdtempSync(join(tmpdir(), 'apigw-binfix-authorizer-')), 'verify-authorizer.mjs')
writeFileSync(
  AUTHORIZER,
  [
    'export const handler = async (event) => {',
    `  if (event.authorizationToken !== ${JSON.stringify(TOKEN)}) throw new Error('Unauthorized')`,
    "  return {principalId: 'verify', policyDocument: {Version: '2012-10-17', Statement: [{Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn}]}}",
    '}',
  ].join('\n'),
)

const bench = useAuditBench({lambdas: {...standInFunctions(), 'verify-authorizer': AUTHORIZER}})

/** The corrected sample with `patch` applied to both methods of /lambda, deployed to v1. */
async function protectedImageApi(patch: (restApiId: string) => Promise<PatchOperation[]>): Promise<string> {
  const restApiId = await importFixture(bench.client, 'image-api.corrected.oas30.json')
  const {items = []} = await bench.client.send(new GetResourcesCommand({restApiId}))
  const resourceId = items.find((item) => item.path === '/lambda')!.id!
  const patchOperations = await patch(restApiId)
  for (const httpMethod of ['GET', 'PUT']) await bench.client.send(new UpdateMethodCommand({restApiId, resourceId, httpMethod, patchOperations}))
  await bench.client.send(new CreateDeploymentCommand({restApiId, stageName: 'v1'}))
  return restApiId
}

const causes = (report: Awaited<ReturnType<typeof verify>>) => [...new Set(report.steps.map((step) => step.cause?.setting))]

it('an API key: passes with --api-key, is refused as an authorization failure without', async () => {
  const restApiId = await protectedImageApi(async () => [{op: 'replace', path: '/apiKeyRequired', value: 'true'}])
  const key = await bench.client.send(new CreateApiKeyCommand({name: 'verify', enabled: true}))
  const plan = await bench.client.send(new CreateUsagePlanCommand({name: 'verify', apiStages: [{apiId: restApiId, stage: 'v1'}]}))
  await bench.client.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id!, keyId: key.id!, keyType: 'API_KEY'}))

  const passed = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, auth: {apiKey: key.value!}})
  const refused = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})

  expect(passed.allPassed).toBe(true)
  expect(JSON.stringify(passed)).not.toContain(key.value!)
  expect(causes(refused)).toEqual(['authorization'])
  expect(refused.steps[0]!.cause!.sentence).toBe('the method requires an API key and no valid one was sent (403 Forbidden)')
})

it("a Lambda authorizer: passes with its token in --header, is refused as an authorization failure without", async () => {
  const restApiId = await protectedImageApi(async (id) => {
    const authorizer = await bench.client.send(
      new CreateAuthorizerCommand({
        restApiId: id,
        name: 'verify',
        type: 'TOKEN',
        identitySource: 'method.request.header.Authorization',
        authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:verify-authorizer/invocations',
        authorizerResultTtlInSeconds: 0,
      }),
    )
    return [
      {op: 'replace', path: '/authorizationType', value: 'CUSTOM'},
      {op: 'replace', path: '/authorizerId', value: authorizer.id!},
    ]
  })

  const passed = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, auth: {headers: [`Authorization: ${TOKEN}`]}})
  const refused = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})

  expect(passed.allPassed).toBe(true)
  expect(causes(refused)).toEqual(['authorization'])
  expect(refused.steps[0]!.cause!.sentence).toBe("the stage's authorizer refused the request (401 Unauthorized): no token it accepts was sent")
})

it('IAM: passes with --sign, is refused as an authorization failure unsigned', async () => {
  const restApiId = await protectedImageApi(async () => [{op: 'replace', path: '/authorizationType', value: 'AWS_IAM'}])
  const signer = await probeSigner({region: 'us-east-1', credentials: async () => ({accessKeyId: 'AKIDVERIFYSANDBOX001', secretAccessKey: 'sandbox-secret'})})

  const passed = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, auth: {sign: true}}, {createSigner: async () => signer})
  const refused = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})

  expect(passed.allPassed).toBe(true)
  expect(causes(refused)).toEqual(['authorization'])
  expect(refused.steps[0]!.cause!.fix).toBe('pass --sign (or verifyAuth.sign: true) with credentials allowed execute-api:Invoke on it')
})
