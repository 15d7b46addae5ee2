// Models written to stall the sandbox: each request is answered soon, as a body that fails validation
// (400 Invalid request body), while health keeps answering, and the next ordinary request is served.
// The sandbox runs in a child process, so one that hangs or overflows fails these tests instead of
// taking the test run with it.
import {type ChildSandbox, fetchWithin, healthWhile, startChildSandbox} from '../../helpers/child-sandbox.js'

// Generous: each answers within about a second (the sandbox's validation budget); unbounded, the
// exponential one runs for days.
const ANSWER_WITHIN_MS = 15_000
const INVALID_BODY = '{"message":"Invalid request body"}'
const ref = (name: string) => ({$ref: `#/components/schemas/${name}`})

const SCHEMAS: Record<string, object> = {
  Ok: {type: 'object', required: ['ok'], properties: {ok: {type: 'boolean'}}},
  // Every level tries both branches, and only the innermost value fails: 2^depth steps.
  Doubling: {type: 'object', properties: {n: {anyOf: [ref('Doubling'), ref('Doubling')]}}},
  // A reference to itself on the same value: recursion without end.
  Loop: ref('Loop'),
  // Catastrophic on a backtracking engine, linear on RE2.
  Pattern: {type: 'object', properties: {s: {type: 'string', pattern: '^(a+)+$'}}},
  // Past the sandbox's bound on schema text one model may reach.
  Huge: {type: 'object', properties: Object.fromEntries(Array.from({length: 20_000}, (_, i) => [`p${i}`, {type: 'string', description: 'x'.repeat(10)}]))},
}

const validatedPost = (model: string) => ({
  post: {
    requestBody: {content: {'application/json': {schema: ref(model)}}, required: true},
    responses: {'200': {description: 'ok'}},
    'x-amazon-apigateway-request-validator': 'body',
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: {'application/json': '{"statusCode": 200}'},
      responses: {default: {statusCode: '200', responseTemplates: {'application/json': '{"served": true}'}}},
    },
  },
})

let nested: unknown = {n: 5}
for (let depth = 0; depth < 60; depth++) nested = {n: nested}

const HOSTILE: Record<string, {what: string; body: string}> = {
  Doubling: {what: 'anyOf branches doubling with each of 60 levels', body: JSON.stringify(nested)},
  Loop: {what: 'a model that references itself', body: '{}'},
  Pattern: {what: 'a catastrophic pattern over 20,000 characters', body: JSON.stringify({s: `${'a'.repeat(20_000)}b`})},
  Huge: {what: 'a model of 20,000 properties', body: '{}'},
}

let sandbox: ChildSandbox

beforeAll(async () => {
  const paths = Object.fromEntries(Object.keys(SCHEMAS).map((name) => [`/${name.toLowerCase()}`, validatedPost(name)]))
  sandbox = await startChildSandbox({
    api: {
      openapi: '3.0.1',
      info: {title: 'hostile-models', version: '1'},
      'x-amazon-apigateway-request-validators': {body: {validateRequestBody: true, validateRequestParameters: false}},
      paths,
      components: {schemas: SCHEMAS},
    },
  })
}, 30_000)

afterAll(() => sandbox?.stop())

const post = (path: string, body: string) => fetchWithin(sandbox.url(path), ANSWER_WITHIN_MS, {method: 'POST', headers: {'content-type': 'application/json'}, body})

it('serves an ordinary validated body, and refuses one the model refuses', async () => {
  const served = await post('/ok', '{"ok": true}')
  expect({status: served.status, body: await served.text()}).toEqual({status: 200, body: '{"served": true}'})
  const refused = await post('/ok', '{"ok": "yes"}')
  expect({status: refused.status, body: await refused.text()}).toEqual({status: 400, body: INVALID_BODY})
})

it.each(Object.entries(HOSTILE).map(([name, {what, body}]) => [what, name, body] as const))('%s: 400 soon, health answers meanwhile, and the next request is served', async (_what, name, body) => {
  const answer = post(`/${name.toLowerCase()}`, body)
  const health = await healthWhile(sandbox.endpoint, answer, {everyMs: 50, timeoutMs: ANSWER_WITHIN_MS})
  const response = await answer
  expect({status: response.status, body: await response.text()}).toEqual({status: 400, body: INVALID_BODY})
  expect(health.answered).toBeGreaterThan(0)
  const next = await post('/ok', '{"ok": true}')
  expect(next.status).toBe(200)
  await next.arrayBuffer()
})
