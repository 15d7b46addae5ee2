// Mapping templates written to exhaust the sandbox: each answers API Gateway's 500 for a template that fails,
// soon, while health keeps answering, and the next ordinary request is served. The sandbox runs in a child
// process, so one that runs out of memory or hangs fails these tests instead of taking the test run with it.
import {type ChildSandbox, fetchWithin, healthWhile, startChildSandbox} from '../../helpers/child-sandbox.js'

// Generous: each answers within about a second (the sandbox's render budget); unbounded, they run out of
// memory or run for hours.
const ANSWER_WITHIN_MS = 15_000
const INTERNAL_SERVER_ERROR = '{"message": "Internal server error"}'

const mockRoute = (requestTemplate: string) => ({
  post: {
    responses: {'200': {description: 'ok'}},
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: {'application/json': requestTemplate},
      responses: {default: {statusCode: '200', responseTemplates: {'application/json': '{"served": true}'}}},
    },
  },
})

const OK = '{"statusCode": 200}'
const HOSTILE: Record<string, {template: string; body?: string; what: string; status?: number}> = {
  '/range': {what: 'a two-billion-item range', template: `#foreach($i in [1..2000000000])#end${OK}`},
  '/nested': {what: 'three nested loops of 1,000 (a billion steps)', template: `#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#set($x = $c)#end#end#end${OK}`},
  '/doubling': {what: 'a string doubled by #set in a loop', template: `#set($s = "xxxxxxxx")#foreach($i in [1..40])#set($s = "$s$s")#end${OK}`},
  '/list-doubling': {what: 'a list doubled by addAll in a loop', template: `#set($l = [1..1000])#foreach($i in [1..40])#set($ignored = $l.addAll($l))#end${OK}`},
  '/large': {what: 'a 400 KB template', template: `## ${'x'.repeat(400 * 1024)}\n${OK}`},
  '/iterations': {what: 'a #foreach over 1,001 items', template: `#foreach($x in $input.path('$'))#end${OK}`, body: JSON.stringify(Array.from({length: 1001}, (_, i) => i))},
  // Linear time on RE2: this one renders, and the request is served.
  '/regex': {what: 'a catastrophic regex over the body', template: `#if($input.body.matches("(x+x+)+y"))#end${OK}`, body: JSON.stringify('x'.repeat(5000)), status: 200},
}

let sandbox: ChildSandbox

beforeAll(async () => {
  const paths: Record<string, unknown> = {'/ok': mockRoute(OK)}
  for (const [path, {template}] of Object.entries(HOSTILE)) paths[path] = mockRoute(template)
  sandbox = await startChildSandbox({api: {openapi: '3.0.1', info: {title: 'hostile-templates', version: '1'}, paths}})
}, 30_000)

afterAll(() => sandbox?.stop())

const post = (path: string, body = '{}') => fetchWithin(sandbox.url(path), ANSWER_WITHIN_MS, {method: 'POST', headers: {'content-type': 'application/json'}, body})

it('serves an ordinary template', async () => {
  const answer = await post('/ok')
  expect({status: answer.status, body: await answer.text()}).toEqual({status: 200, body: '{"served": true}'})
})

it.each(Object.entries(HOSTILE).map(([path, {what, body, status = 500}]) => [what, status, path, body] as const))('%s: %i soon, health answers meanwhile, and the next request is served', async (_what, status, path, body) => {
  const answer = post(path, body)
  const health = await healthWhile(sandbox.endpoint, answer, {everyMs: 50, timeoutMs: ANSWER_WITHIN_MS})
  const response = await answer
  expect({status: response.status, body: await response.text()}).toEqual({status, body: status === 500 ? INTERNAL_SERVER_ERROR : '{"served": true}'})
  expect(health.answered).toBeGreaterThan(0)
  const next = await post('/ok')
  expect(next.status).toBe(200)
  await next.arrayBuffer()
})
