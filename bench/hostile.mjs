#!/usr/bin/env node
// Hostile-request benchmark against the built CLI (bin/run.js, dist/): a sandbox started as a user starts it
// (`sandbox --port 0 --json --import … --lambda …`, in a child process of its own) is sent requests written
// to take it down: catastrophic selection patterns, templates that would fill the heap or loop for hours,
// Lambda handlers that busy-loop, sleep or crash. Meanwhile GET /_sandbox/health is polled back to back.
// Prints, for each request, the answer it got, how long it took and the longest health answer while it ran;
// then how many the sandbox survived (still answering, and serving an ordinary request after) and the longest
// health answer overall. Asserts nothing; bounded in time (~30 s).
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
if (!existsSync(join(ROOT, 'dist/src/sandbox/data-plane/lambda-worker.mjs'))) {
  console.error('bench: dist/ is missing; run `npm run build` first')
  process.exit(1)
}

const REQUEST_TIMEOUT_MS = 30_000
const HEALTH_TIMEOUT_MS = 30_000

// ------------------------------------------------------------------------------------------ the API

const lambdaUri = (name) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`
const failing = (patterns) => ({
  post: {
    responses: {'200': {description: 'ok'}, '500': {description: 'matched'}},
    'x-amazon-apigateway-integration': {type: 'aws', httpMethod: 'POST', uri: lambdaUri('fail'), responses: {default: {statusCode: '200'}, ...Object.fromEntries(patterns.map((pattern) => [pattern, {statusCode: '500'}]))}},
  },
})
const mock = (requestTemplate) => ({
  post: {
    responses: {'200': {description: 'ok'}},
    'x-amazon-apigateway-integration': {type: 'mock', requestTemplates: {'application/json': requestTemplate}, responses: {default: {statusCode: '200', responseTemplates: {'application/json': '{"served": true}'}}}},
  },
})
const proxy = (name, timeoutInMillis) => ({
  get: {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': {type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri(name), timeoutInMillis}},
})

const OK = '{"statusCode": 200}'
const FUNCTIONS = {
  fail: 'export const handler = async (event) => { throw new Error(event.message) }\n',
  spin: 'export const handler = async () => { const until = Date.now() + 10_000; while (Date.now() < until); return {statusCode: 200, body: "spun"} }\n',
  sleepy: 'export const handler = async () => { await new Promise((resolve) => setTimeout(resolve, 3_000)); return {statusCode: 200, body: "slept"} }\n',
  crash: 'export const handler = async () => { setTimeout(() => { throw new Error("thrown in a timer") }); await new Promise((resolve) => setTimeout(resolve, 100)); return {statusCode: 200, body: "after"} }\n',
  exit: 'export const handler = async () => { process.exit(1) }\n',
  ok: 'export const handler = async () => ({statusCode: 200, body: "ok"})\n',
}

const randomAb = (length) => Array.from({length}, () => (Math.random() < 0.5 ? 'a' : 'b')).join('')

// [group, label, path, method, body]
const HOSTILE = [
  ['pattern', '(.*)*Error.* against a 10,000-character errorMessage', '/p/catastrophic', 'POST', JSON.stringify({message: 'x'.repeat(10_000)})],
  ['pattern', '(a+)+b against 32 a\'s', '/p/nested', 'POST', JSON.stringify({message: 'a'.repeat(32)})],
  // 67 instructions: 700,000 characters is just within the bound on one scan, 1,000,000 beyond it.
  ['pattern', '(a|b)*a(a|b){20} (defeats the DFA), 700 KB of a/b', '/p/dfa', 'POST', JSON.stringify({message: randomAb(700_000)})],
  ['pattern', '(a|b)*a(a|b){20} (defeats the DFA), 1 MB of a/b', '/p/dfa', 'POST', JSON.stringify({message: randomAb(1_000_000)})],
  ['pattern', 'lookahead (Java-only) selection pattern', '/p/lookahead', 'POST', JSON.stringify({message: 'An Error'})],
  ['template', '#foreach over [1..2000000000]', '/t/range', 'POST', '{}'],
  ['template', 'three nested #foreach of 1,000', '/t/nested', 'POST', '{}'],
  ['template', 'string doubled by #set 40 times', '/t/doubling', 'POST', '{}'],
  ['template', 'list doubled by addAll 40 times', '/t/list', 'POST', '{}'],
  ['template', 'a 400 KB template', '/t/large', 'POST', '{}'],
  ['template', '#foreach over 1,001 items', '/t/iterations', 'POST', JSON.stringify(Array.from({length: 1001}, (_, i) => i))],
  ['template', 'matches("(x+x+)+y") over a 5,000-character body', '/t/regex', 'POST', JSON.stringify('x'.repeat(5_000))],
  ['template', 'replaceAll over 4 MB, 4 million matches', '/t/replace', 'POST', JSON.stringify('a'.repeat(4_000_000))],
  ['function', 'busy-loops 10 s, integration timeout 300 ms', '/f/spin', 'GET', undefined],
  ['function', 'sleeps 3 s, integration timeout 300 ms', '/f/sleepy', 'GET', undefined],
  ['function', 'throws in a timer (uncaught)', '/f/crash', 'GET', undefined],
  ['function', 'calls process.exit(1)', '/f/exit', 'GET', undefined],
]

const API = {
  openapi: '3.0.1',
  info: {title: 'hostile', version: '1'},
  paths: {
    '/p/catastrophic': failing(['(.*)*Error.*']),
    '/p/nested': failing(['(a+)+b']),
    '/p/dfa': failing(['(a|b)*a(a|b){20}']),
    '/p/lookahead': failing(['(?=.*Error).*']),
    '/t/range': mock(`#foreach($i in [1..2000000000])#end${OK}`),
    '/t/nested': mock(`#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#set($x = $c)#end#end#end${OK}`),
    '/t/doubling': mock(`#set($s = "xxxxxxxx")#foreach($i in [1..40])#set($s = "$s$s")#end${OK}`),
    '/t/list': mock(`#set($l = [1..1000])#foreach($i in [1..40])#set($ignored = $l.addAll($l))#end${OK}`),
    '/t/large': mock(`## ${'x'.repeat(400 * 1024)}\n${OK}`),
    '/t/iterations': mock(`#foreach($x in $input.path('$'))#end${OK}`),
    '/t/regex': mock(`#if($input.body.matches("(x+x+)+y"))#end${OK}`),
    '/t/replace': mock(`#set($b = $input.body.replaceAll("a", "b"))${OK}`),
    '/t/ok': mock(OK),
    '/f/spin': proxy('spin', 300),
    '/f/sleepy': proxy('sleepy', 300),
    '/f/crash': proxy('crash', 5_000),
    '/f/exit': proxy('exit', 5_000),
    '/f/ok': proxy('ok', 5_000),
  },
}

// ------------------------------------------------------------------------------------------ the sandbox

function startSandbox(scratch) {
  const apiFile = join(scratch, 'api.json')
  writeFileSync(apiFile, JSON.stringify(API))
  const lambdaFlags = Object.entries(FUNCTIONS).flatMap(([name, source]) => {
    const file = join(scratch, `${name}.mjs`)
    writeFileSync(file, source)
    return ['--lambda', `${name}=${file}`]
  })
  const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), 'sandbox', '--port', '0', '--json', '--import', apiFile, '--deploy-stage', 'b', ...lambdaFlags], {
    cwd: ROOT,
    env: {...process.env, NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({code, signal})))
  const ready = new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const end = stdout.search(/^\}$/m)
      if (end === -1) return
      clearInterval(poll)
      resolve(JSON.parse(stdout.slice(0, end + 1)))
    }, 20)
    void exited.then(() => {
      clearInterval(poll)
      reject(new Error(`the sandbox exited before it was ready: ${stderr}`))
    })
  })
  return {child, ready, exited, stderr: () => stderr}
}

async function timedFetch(url, init = {}, timeoutMs = REQUEST_TIMEOUT_MS) {
  const started = performance.now()
  try {
    const response = await fetch(url, {...init, signal: AbortSignal.timeout(timeoutMs)})
    const body = await response.text()
    return {status: response.status, body, ms: performance.now() - started}
  } catch (error) {
    return {status: 0, body: error.name === 'TimeoutError' ? 'no answer (timed out)' : `no answer (${error.cause?.code ?? error.message})`, ms: performance.now() - started}
  }
}

/** Health, polled back to back until stopped; `window()` opens a measurement of the longest answer. */
function healthPoller(endpoint) {
  let running = true
  let longest = 0
  let windowLongest = 0
  let failures = 0
  const loop = (async () => {
    while (running) {
      const answer = await timedFetch(`${endpoint}/_sandbox/health`, {}, HEALTH_TIMEOUT_MS)
      if (answer.status !== 200) failures++
      longest = Math.max(longest, answer.ms)
      windowLongest = Math.max(windowLongest, answer.ms)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  })()
  return {
    window: () => {
      windowLongest = 0
      return () => windowLongest
    },
    stop: async () => {
      running = false
      await loop
      return {longest, failures}
    },
  }
}

// ------------------------------------------------------------------------------------------ the run

const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`)
const pad = (text, width) => String(text).padEnd(width)
const shown = (body) => {
  const text = body.replaceAll(/\s+/g, ' ')
  return text.length > 47 ? `${text.slice(0, 44)}...` : text
}

const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-hostile-'))
const sandbox = startSandbox(scratch)
let exitCode = 0
try {
  const started = await sandbox.ready
  const endpoint = started.endpoint
  const base = `${endpoint}/restapis/${started.restApis[0].id}/b/_user_request_`
  console.log(`apigw-binfix hostile-request bench — Node ${process.version}, ${process.platform}/${process.arch}, dist/ build, sandbox in its own process`)
  console.log(`health polled back to back; each request given ${REQUEST_TIMEOUT_MS / 1000} s\n`)
  console.log(`${pad('', 9)}${pad('request', 56)}${pad('answer', 53)}${pad('took', 10)}health, longest`)
  const health = healthPoller(endpoint)
  let survived = 0
  for (const [group, label, path, method, body] of HOSTILE) {
    const measured = health.window()
    const answer = await timedFetch(`${base}${path}`, {method, ...(body === undefined ? {} : {headers: {'content-type': 'application/json'}, body})})
    // Survived: the sandbox still answers health and serves an ordinary request.
    const after = await timedFetch(`${base}${group === 'function' ? '/f/ok' : '/t/ok'}`, group === 'function' ? {} : {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'})
    const alive = sandbox.child.exitCode === null && after.status === 200
    if (alive) survived++
    console.log(`${pad(group, 9)}${pad(label, 56)}${pad(`${answer.status || '-'} ${shown(answer.body)}`, 53)}${pad(ms(answer.ms), 10)}${ms(measured())}${alive ? '' : '   (sandbox down)'}`)
  }
  const {longest, failures} = await health.stop()
  const diagnoses = sandbox
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith('sandbox: '))
  console.log(`\nsandbox's diagnosis lines (each logged once):`)
  for (const line of diagnoses) console.log(`  ${line.length > 160 ? `${line.slice(0, 157)}...` : line}`)
  console.log(`\n== Summary\nsurvived ${survived} of ${HOSTILE.length} hostile requests (still answering, and serving an ordinary request after each); longest health answer meanwhile ${ms(longest)}${failures > 0 ? `, ${failures} health requests failed` : ''}`)
  if (survived !== HOSTILE.length) exitCode = 1
} finally {
  sandbox.child.kill('SIGKILL')
  await sandbox.exited
  rmSync(scratch, {recursive: true, force: true})
}
process.exit(exitCode)
