// Selection patterns that make a backtracking engine take exponential time, matched against a Lambda
// errorMessage: the request answers and the sandbox keeps answering everyone else meanwhile. The sandbox
// runs in a child process, so a sandbox that hangs fails these tests instead of hanging them.
import {APIGatewayClient, GetIntegrationResponseCommand, GetResourcesCommand} from '@aws-sdk/client-api-gateway'

import {type ChildSandbox, fetchWithin, healthWhile, startChildSandbox} from '../../helpers/child-sandbox.js'
import {TEST_CREDENTIALS} from '../../helpers/sandbox.js'

const LAMBDA = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fail/invocations'
// Generous: these answer in milliseconds; a backtracking engine needs minutes (32 a's) or forever (10,000 x's).
const ANSWER_WITHIN_MS = 15_000

const failingRoute = (selectionPatterns: Record<string, string>) => ({
  post: {
    responses: {'200': {description: 'ok'}, '400': {description: 'matched'}, '500': {description: 'matched'}},
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      uri: LAMBDA,
      responses: {default: {statusCode: '200'}, ...Object.fromEntries(Object.entries(selectionPatterns).map(([pattern, statusCode]) => [pattern, {statusCode}]))},
    },
  },
})

let sandbox: ChildSandbox

beforeAll(async () => {
  sandbox = await startChildSandbox({
    api: {
      openapi: '3.0.1',
      info: {title: 'hostile-patterns', version: '1'},
      paths: {
        '/catastrophic': failingRoute({'(.*)*Error.*': '500'}),
        '/nested': failingRoute({'(a+)+b': '400'}),
        '/lookahead': failingRoute({'(?=.*Error).*': '500'}),
      },
    },
    // The function fails with the message it is sent: API Gateway matches the patterns against it.
    functions: {fail: 'export const handler = async (event) => { throw new Error(event.message) }\n'},
  })
}, 30_000)

afterAll(() => sandbox?.stop())

const failWith = (path: string, message: string) =>
  fetchWithin(sandbox.url(path), ANSWER_WITHIN_MS, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({message})})

describe('catastrophic selection patterns', () => {
  it.each([
    ['/catastrophic', '(.*)*Error.*', 10_000, 'x'],
    ['/nested', '(a+)+b', 32, 'a'],
  ])('%s: %s against a %i-character errorMessage answers, and health answers meanwhile', async (path, _pattern, length, character) => {
    const message = character.repeat(length)
    const answer = failWith(path, message)
    const health = await healthWhile(sandbox.endpoint, answer, {everyMs: 50, timeoutMs: ANSWER_WITHIN_MS})
    const response = await answer
    // The pattern does not match the message, so the default integration response (200) passes the error on.
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({errorMessage: message, errorType: 'Error'})
    expect(health.answered).toBeGreaterThan(0)
  })
})

describe('a pattern that uses what only Java has (lookahead)', () => {
  it('is stored as given, matches nothing at request time (the default response answers), and is reported once', async () => {
    const client = new APIGatewayClient({endpoint: sandbox.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1})
    const restApiId = sandbox.restApis[0]!.id
    const {items = []} = await client.send(new GetResourcesCommand({restApiId}))
    const resourceId = items.find((resource) => resource.path === '/lookahead')!.id!
    const stored = await client.send(new GetIntegrationResponseCommand({restApiId, resourceId, httpMethod: 'POST', statusCode: '500'}))
    client.destroy()
    expect(stored.selectionPattern).toBe('(?=.*Error).*')

    for (let attempt = 0; attempt < 2; attempt++) expect((await failWith('/lookahead', 'An Error happened')).status).toBe(200)
    const reports = sandbox.stderr().split('\n').filter((line) => line.includes('(?=.*Error).*'))
    expect(reports).toEqual([expect.stringMatching(/^sandbox: selectionPattern "\(\?=\.\*Error\)\.\*" \(status 500\) cannot run on the sandbox's RE2 engine: lookahead and lookbehind .* are Java-only; it matches nothing here/)])
  })
})
