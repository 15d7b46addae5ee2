// Lambda handler modules run outside the sandbox's event loop: while one busy-loops past its integration
// timeout, health and the control plane keep answering, the request gets API Gateway's 504, and the function
// runtime is restarted for the next one. The sandbox runs in a child process, so one that blocks fails these
// tests instead of hanging them.
import {type ChildSandbox, fetchWithin, healthWhile, startChildSandbox} from '../../helpers/child-sandbox.js'

const lambdaUri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`
const proxyRoute = (name: string, timeoutInMillis = 29_000) => ({
  get: {
    responses: {'200': {description: 'ok'}},
    'x-amazon-apigateway-integration': {type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri(name), timeoutInMillis},
  },
})

// Generous next to the 6 s the function spins; a sandbox that runs handlers in its own thread answers after it.
const ANSWER_WITHIN_MS = 2_500
const TIMED_OUT = '{"message": "Endpoint request timed out"}'

let sandbox: ChildSandbox

beforeAll(async () => {
  sandbox = await startChildSandbox({
    api: {openapi: '3.0.1', info: {title: 'slow-functions', version: '1'}, paths: {'/spin': proxyRoute('spin', 300), '/sleep': proxyRoute('sleepy', 300), '/count': proxyRoute('counter'), '/exit': proxyRoute('exit')}},
    functions: {
      spin: 'export const handler = async () => {\n  const until = Date.now() + 6000\n  while (Date.now() < until);\n  return {statusCode: 200, body: "spun"}\n}\n',
      sleepy: 'export const handler = async () => {\n  await new Promise((resolve) => setTimeout(resolve, 1500))\n  return {statusCode: 200, body: "slept"}\n}\n',
      // Module state, kept between invocations as a warm Lambda environment keeps it.
      counter: 'let count = 0\nexport const handler = async () => ({statusCode: 200, body: String(++count)})\n',
      exit: 'export const handler = async () => process.exit(1)\n',
    },
  })
}, 30_000)

afterAll(() => sandbox?.stop())

const get = (path: string, timeoutMs = ANSWER_WITHIN_MS) => fetchWithin(sandbox.url(path), timeoutMs)
const text = async (answer: Promise<Response>) => {
  const response = await answer
  return {status: response.status, body: await response.text()}
}

it('a function waiting past its timeout (not blocking) gets 504 and leaves the runtime, module state and all, as it was', async () => {
  expect(await text(get('/count'))).toEqual({status: 200, body: '1'})
  expect(await text(get('/sleep'))).toEqual({status: 504, body: TIMED_OUT})
  expect(await text(get('/count'))).toEqual({status: 200, body: '2'})
})

it('a function busy-looping past its timeout: health and GetRestApi keep answering, the request gets 504, the runtime is restarted', async () => {
  const spinning = text(get('/spin', 15_000))
  const restApiId = sandbox.restApis[0]!.id
  const controlPlane = (async () => {
    const answers: number[] = []
    for (let i = 0; i < 5; i++) {
      const answer = await fetchWithin(`${sandbox.endpoint}/restapis/${restApiId}`, ANSWER_WITHIN_MS)
      answers.push(answer.status)
      await answer.arrayBuffer()
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    return answers
  })()
  const health = await healthWhile(sandbox.endpoint, spinning, {everyMs: 100, timeoutMs: ANSWER_WITHIN_MS})
  expect(await spinning).toEqual({status: 504, body: TIMED_OUT})
  expect(await controlPlane).toEqual([200, 200, 200, 200, 200])
  expect(health.longestMs).toBeLessThan(ANSWER_WITHIN_MS)

  // Sent while the runtime may still be held, it waits for the restart and runs in the fresh runtime: the
  // counter's module state starts again.
  expect(await text(get('/count'))).toEqual({status: 200, body: '1'})
  const reports = sandbox.stderr().split('\n').filter((line) => line.includes('function runtime'))
  expect(reports).toEqual([expect.stringMatching(/^sandbox: Lambda function spin ran past its integration timeout and kept the sandbox's function runtime busy/)])
})

it('a function that ends its runtime (process.exit) fails as a killed Lambda runtime does (502 through a proxy); the sandbox and the next invocation carry on', async () => {
  expect(await text(get('/exit'))).toEqual({status: 502, body: '{"message": "Internal server error"}'})
  expect((await fetchWithin(`${sandbox.endpoint}/_sandbox/health`, ANSWER_WITHIN_MS)).status).toBe(200)
  expect((await text(get('/count'))).status).toBe(200)
  expect(sandbox.stderr()).toContain("sandbox: the sandbox's function runtime exited (exit status 1) while it ran Lambda function exit")
})
