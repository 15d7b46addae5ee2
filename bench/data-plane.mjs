#!/usr/bin/env node
// Data-plane benchmark against the built code (dist/): a sandbox started in process with the stand-in
// functions of fixtures/functions, the fixture APIs imported and deployed through the real AWS SDK, then
//   1. throughput and latency of `/restapis/{id}/{stage}/_user_request_/...` under a fixed number of
//      keep-alive connections, for (a) a MOCK integration (the thumbnail service's OPTIONS preflight),
//      (b) a Lambda-proxy binary download, (c) the image API's non-proxy Lambda GET through its request
//      and response templates (VTL), next to (d) a control-plane GetRestApi on the same server;
//   2. one 4.4 MiB upload and read-back through the Lambda proxy (base64 both ways), in MB/s;
//   3. full `verify` runs (the service behind `apigw-binfix verify`, in process) on both fixtures.
// Prints figures and ratios; asserts nothing. All traffic stays on 127.0.0.1; bounded in time (~16 s).
import {isolateAwsEnvironment} from './isolated-aws-env.mjs'
import {createHash, randomBytes} from 'node:crypto'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import http from 'node:http'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = new URL('../dist/src/', import.meta.url)
const NEEDED = ['sandbox/server.js', 'sandbox/data-plane/payload.js', 'services/verify-service.js']
if (NEEDED.some((file) => !existsSync(new URL(file, DIST)))) {
  console.error('bench: dist/ is missing; run `npm run build` first')
  process.exit(1)
}

isolateAwsEnvironment()

const {startSandbox} = await import(new URL('sandbox/server.js', DIST).href)
const {verifyStage} = await import(new URL('services/verify-service.js', DIST).href)
const {decodeBase64} = await import(new URL('sandbox/data-plane/payload.js', DIST).href)
const sdk = await import('@aws-sdk/client-api-gateway')

const HOST = '127.0.0.1'
const CONCURRENCY = 32
const WARMUP_MS = 500
const DURATION_MS = 3_000
const SMALL_BYTES = 256
const LARGE_BYTES = Math.round(4.4 * 1024 * 1024)
const LARGE_RUNS = 5
const VERIFY_RUNS = 10
const credentials = {accessKeyId: 'x', secretAccessKey: 'x'}

// ------------------------------------------------------------------------------------------ formatting

const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`
const pad = (text, width) => String(text).padEnd(width)
const padStart = (text, width) => String(text).padStart(width)
const int = (value) => Math.round(value).toLocaleString('en-US')
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const mbps = (bytes, milliseconds) => (bytes / 1e6 / (milliseconds / 1000)).toFixed(1)

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function timedSync(action, runs = LARGE_RUNS) {
  const times = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    action()
    times.push(performance.now() - started)
  }
  return median(times)
}

async function timed(action) {
  const started = performance.now()
  const result = await action()
  return {ms: performance.now() - started, result}
}

// --------------------------------------------------------------------------------------------- set-up

/** Every fixtures/functions/NAME.mjs as the Lambda function NAME, as `sandbox --functions` serves them. */
function standInFunctions() {
  const directory = join(ROOT, 'fixtures', 'functions')
  return Object.fromEntries(
    readdirSync(directory)
      .filter((name) => name.endsWith('.mjs'))
      .map((name) => [name.slice(0, -'.mjs'.length), join(directory, name)]),
  )
}

async function importAndDeploy(client, fixture, stageName) {
  const body = readFileSync(join(ROOT, 'fixtures', 'apis', fixture))
  const {id} = await client.send(new sdk.ImportRestApiCommand({body}))
  await client.send(new sdk.CreateDeploymentCommand({restApiId: id, stageName}))
  return id
}

async function addAnyBinaryType(client, restApiId) {
  await client.send(new sdk.UpdateRestApiCommand({restApiId, patchOperations: [{op: 'add', path: '/binaryMediaTypes/*~1*'}]}))
}

/** The thumbnail spec's fix: `*\/*`, CONVERT_TO_TEXT on every OPTIONS integration and its 200 response, redeployed. */
async function applyThumbnailFix(client, restApiId) {
  await addAnyBinaryType(client, restApiId)
  const patchOperations = [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]
  const {items = []} = await client.send(new sdk.GetResourcesCommand({restApiId, limit: 500, embed: ['methods']}))
  for (const resource of items) {
    if (!resource.resourceMethods?.OPTIONS) continue
    const target = {restApiId, resourceId: resource.id, httpMethod: 'OPTIONS'}
    await client.send(new sdk.UpdateIntegrationCommand({...target, patchOperations}))
    await client.send(new sdk.UpdateIntegrationResponseCommand({...target, statusCode: '200', patchOperations}))
  }
  await client.send(new sdk.CreateDeploymentCommand({restApiId, stageName: 'dev'}))
}

/** One request from the main thread, body collected (set-up, checks and the large payload). */
const oneShotAgent = new http.Agent({keepAlive: true, maxSockets: 1})
function send(sandbox, method, path, headers = {}, body = undefined) {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {host: HOST, port: sandbox.port, method, path, agent: oneShotAgent, headers: {...headers, ...(body === undefined ? {} : {'content-length': body.length})}},
      (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () => resolve({status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks)}))
        response.on('error', reject)
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

const stagePath = (restApiId, stage, path) => `/restapis/${restApiId}/${stage}/_user_request_${path}`
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')

/** PNG signature, then random bytes: binary that is not valid UTF-8, as an image is. */
function pngish(size) {
  const bytes = randomBytes(size)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes)
  return bytes
}

function expectStatus(what, answer, status = 200) {
  if (answer.status !== status) throw new Error(`bench: ${what} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`)
}

// ------------------------------------------------------------------------------------------ 1. load

/**
 * Nanoseconds the main thread (the sandbox and the functions it calls) has spent on a CPU, from Linux's
 * schedstat; undefined elsewhere. Unlike the event loop's busy time it leaves out the time the thread
 * was runnable but preempted (the load worker and the sandbox share the machine's cores).
 */
function mainThreadCpuNs() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0])
  } catch {
    return undefined
  }
}

function runLoad(sandbox, request) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./data-plane-load.mjs', import.meta.url), {
      workerData: {host: HOST, port: sandbox.port, request, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: DURATION_MS},
    })
    let elu
    let onCpu
    let finished = false
    worker.on('message', (message) => {
      if (message.phase === 'measuring') {
        elu = performance.eventLoopUtilization()
        onCpu = mainThreadCpuNs()
        return
      }
      finished = true
      message.serverElu = performance.eventLoopUtilization(elu)
      message.serverCpuNs = onCpu === undefined ? undefined : mainThreadCpuNs() - onCpu
      void worker.terminate()
      resolve(message)
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (!finished) reject(new Error(`load worker exited with ${code} before reporting`))
    })
  })
}

function loadFigures(result) {
  const sorted = result.latencies.sort()
  const rps = result.count / (result.elapsedMs / 1000)
  const failures = Object.entries(result.statuses)
    .filter(([status]) => status !== '200')
    .map(([status, count]) => `${count} x ${status}`)
  return {
    rps,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    elu: result.serverElu.utilization,
    // What one request costs the server: its main thread's CPU time (else its event loop's busy time) per request.
    cpuUsPerRequest: (result.serverCpuNs === undefined ? result.serverElu.active * 1e3 : result.serverCpuNs / 1e3) / result.count,
    count: result.count,
    ok: result.statuses['200'] ?? 0,
    failures,
    sizes: Object.keys(result.sizes).map(Number),
  }
}

async function benchThroughput(sandbox, client) {
  // (a) MOCK preflight, the thumbnail service as imported (no binary media types).
  const mockApi = await importAndDeploy(client, 'thumbnail-service.oas30.json', 'dev')
  const preflight = {method: 'OPTIONS', path: stagePath(mockApi, 'dev', '/upload'), headers: {origin: 'https://example.com', 'access-control-request-method': 'POST'}}
  expectStatus('OPTIONS /upload', await send(sandbox, preflight.method, preflight.path, preflight.headers))

  // (b) Lambda proxy binary download: */* added, redeployed, a 256-byte image uploaded.
  const proxyApi = await importAndDeploy(client, 'thumbnail-service.oas30.json', 'dev')
  await addAnyBinaryType(client, proxyApi)
  await client.send(new sdk.CreateDeploymentCommand({restApiId: proxyApi, stageName: 'dev'}))
  const small = pngish(SMALL_BYTES)
  const uploaded = await send(sandbox, 'POST', stagePath(proxyApi, 'dev', '/upload?key=k'), {'content-type': 'image/png'}, small)
  expectStatus('POST /upload', uploaded)
  if (JSON.parse(uploaded.body).sha256 !== sha256(small)) throw new Error(`bench: upload stored other bytes: ${uploaded.body}`)
  const download = {method: 'GET', path: stagePath(proxyApi, 'dev', '/thumbnails/k'), headers: {accept: 'image/png'}}
  const downloaded = await send(sandbox, download.method, download.path, download.headers)
  expectStatus('GET /thumbnails/k', downloaded)
  if (!downloaded.body.equals(small)) throw new Error('bench: GET /thumbnails/k did not return the uploaded bytes')

  // (c) Image API, non-proxy Lambda: request template builds the event, response template wraps the result.
  const imageApi = await importAndDeploy(client, 'image-api.corrected.oas30.json', 'v1')
  expectStatus('PUT /lambda', await send(sandbox, 'PUT', stagePath(imageApi, 'v1', '/lambda?key=k'), {'content-type': 'application/octet-stream'}, small))
  const vtl = {method: 'GET', path: stagePath(imageApi, 'v1', '/lambda?key=k'), headers: {accept: 'application/json'}}
  const vtlAnswer = await send(sandbox, vtl.method, vtl.path, vtl.headers)
  expectStatus('GET /lambda', vtlAnswer)
  if (JSON.parse(vtlAnswer.body).image !== small.toString('base64')) throw new Error(`bench: GET /lambda answered ${vtlAnswer.body}`)

  // (d) Control plane on the same server.
  const control = {method: 'GET', path: `/restapis/${imageApi}`, headers: {accept: 'application/json'}}
  expectStatus('GetRestApi', await send(sandbox, control.method, control.path, control.headers))

  const cases = [
    ['(a) MOCK  OPTIONS /upload (preflight)', preflight],
    ['(b) AWS_PROXY  GET /thumbnails/k (256 B PNG)', download],
    ['(c) AWS + VTL  GET /lambda?key=k (JSON)', vtl],
    ['(d) control plane  GetRestApi', control],
  ]
  console.log(`\n== 1. Throughput: ${CONCURRENCY} keep-alive connections (node:http, one socket each, in a worker thread), ${DURATION_MS / 1000} s each after ${WARMUP_MS} ms warm-up`)
  console.log(
    `server CPU/req: the sandbox thread's on-CPU time per request (${mainThreadCpuNs() === undefined ? 'event-loop busy time: no Linux schedstat here' : 'Linux schedstat'}), ` +
      'Lambda stand-ins not counted (they run in the function runtime thread); loop busy below 90% means the load worker, not the sandbox, set the pace',
  )
  console.log(`${pad('request', 46)}${padStart('req/s', 8)}${padStart('p50', 10)}${padStart('p99', 10)}${padStart('server CPU/req', 17)}${padStart('loop busy', 11)}  answers`)
  const figures = {}
  for (const [label, request] of cases) {
    sandbox.calls.clear()
    const result = loadFigures(await runLoad(sandbox, request))
    figures[label.slice(1, 2)] = result
    const answers = `${int(result.ok)} x 200${result.failures.length ? `, ${result.failures.join(', ')}` : ''}, ${result.sizes.map((size) => `${size} B`).join('/')}`
    console.log(
      `${pad(label, 46)}${padStart(int(result.rps), 8)}${padStart(ms(result.p50), 10)}${padStart(ms(result.p99), 10)}` +
        `${padStart(`${result.cpuUsPerRequest.toFixed(0)} µs`, 17)}${padStart(`${Math.round(result.elu * 100)}%`, 11)}  ${answers}${result.elu < 0.9 ? ' (client-bound)' : ''}`,
    )
  }
  const {a, b, c, d} = figures
  console.log(
    `server CPU per request vs the control plane: MOCK ${(a.cpuUsPerRequest / d.cpuUsPerRequest).toFixed(2)}x, ` +
      `Lambda proxy ${(b.cpuUsPerRequest / d.cpuUsPerRequest).toFixed(2)}x, VTL + Lambda ${(c.cpuUsPerRequest / d.cpuUsPerRequest).toFixed(2)}x; ` +
      `req/s vs GetRestApi: ${(a.rps / d.rps).toFixed(2)}x, ${(b.rps / d.rps).toFixed(2)}x, ${(c.rps / d.rps).toFixed(2)}x`,
  )
  return {figures, proxyApi}
}

// ------------------------------------------------------------------------------------ 2. large payload

async function benchLargePayload(sandbox, proxyApi) {
  const large = pngish(LARGE_BYTES)
  const digest = sha256(large)
  const runs = []
  for (let run = 0; run < LARGE_RUNS; run++) {
    const key = `large-${run}`
    const up = await timed(() => send(sandbox, 'POST', stagePath(proxyApi, 'dev', `/upload?key=${key}`), {'content-type': 'image/png'}, large))
    expectStatus('large POST /upload', up.result)
    const stored = JSON.parse(up.result.body)
    if (stored.bytes !== LARGE_BYTES || stored.sha256 !== digest) throw new Error(`bench: large upload stored ${up.result.body}`)
    const down = await timed(() => send(sandbox, 'GET', stagePath(proxyApi, 'dev', `/thumbnails/${key}`), {accept: 'image/png'}))
    expectStatus('large GET /thumbnails', down.result)
    if (!down.result.body.equals(large)) throw new Error('bench: large read-back returned other bytes')
    runs.push({up: up.ms, down: down.ms, total: up.ms + down.ms})
  }
  const [first] = runs
  const mid = {up: median(runs.map((r) => r.up)), down: median(runs.map((r) => r.down)), total: median(runs.map((r) => r.total))}
  const base64Bytes = Math.ceil(LARGE_BYTES / 3) * 4
  console.log(`\n== 2. Large payload: ${(LARGE_BYTES / 1024 / 1024).toFixed(1)} MiB (${int(LARGE_BYTES)} B) through the Lambda proxy, */* binary, bytes checked (sha256)`)
  console.log(`the event and the result each carry it as ${int(base64Bytes)} B of base64 (Lambda's 6,291,456 B event limit); ${LARGE_RUNS} runs`)
  console.log(`${pad('', 42)}${padStart('first', 10)}${padStart(`median of ${LARGE_RUNS}`, 14)}${padStart('MB/s (median)', 15)}`)
  const row = (label, key, bytes) => console.log(`${pad(label, 42)}${padStart(ms(first[key]), 10)}${padStart(ms(mid[key]), 14)}${padStart(mbps(bytes, mid[key]), 15)}`)
  row('POST /upload  image/png', 'up', LARGE_BYTES)
  row('GET /thumbnails/k  Accept image/png', 'down', LARGE_BYTES)
  row('upload + read back', 'total', 2 * LARGE_BYTES)
  // Where the read-back's time goes: the sandbox checks the function's base64 before decoding it.
  const text = large.toString('base64')
  const check = timedSync(() => decodeBase64(text))
  const decode = timedSync(() => Buffer.from(text, 'base64'))
  console.log(
    `of the read-back: decodeBase64 (data-plane/payload.ts) of the ${int(text.length)} B result body ${ms(check)}, ` +
      `of which Buffer.from(text, 'base64') ${ms(decode)} (median of ${LARGE_RUNS})`,
  )
  return {...mid, decodeBase64Ms: check}
}

// ---------------------------------------------------------------------------------------------- 3. verify

async function benchVerify(sandbox, client) {
  const fixtures = [
    {name: 'image API', fixture: 'image-api.corrected.oas30.json', stage: 'v1', spec: 'fixtures/specs/image-api.binfix.yaml'},
    {name: 'thumbnail service (fixed)', fixture: 'thumbnail-service.oas30.json', stage: 'dev', spec: 'fixtures/specs/thumbnail-service.binfix.yaml', fix: applyThumbnailFix},
  ]
  console.log(`\n== 3. verify (verifyStage from dist/, SDK reader + HTTP probes to the sandbox), ${VERIFY_RUNS} runs per fixture`)
  console.log(`${pad('fixture', 28)}${padStart('first', 10)}${padStart('median', 10)}${padStart('min-max', 18)}${padStart('stage reqs', 12)}${padStart('control calls', 15)}  payload, outcome`)
  const results = {}
  for (const {name, fixture, stage, spec, fix} of fixtures) {
    const restApiId = await importAndDeploy(client, fixture, stage)
    if (fix) await fix(client, restApiId)
    const runs = []
    for (let run = 0; run < VERIFY_RUNS; run++) {
      sandbox.calls.clear()
      const {ms: wall, result: report} = await timed(() =>
        verifyStage({api: restApiId, stage, specFile: spec, cwd: ROOT, connection: {region: 'us-east-1', endpointUrl: sandbox.url}}),
      )
      const logged = sandbox.calls.list()
      const invokes = logged.filter((call) => call.operation === 'execute-api:Invoke').length
      runs.push({wall, report, invokes, controlLogged: logged.length - invokes})
    }
    const walls = runs.map((r) => r.wall)
    const {report, invokes, controlLogged} = runs.at(-1)
    const passed = runs.every((r) => r.report.allPassed)
    const failedSteps = report.steps.filter((step) => !step.pass).map((step) => `${step.request.method} ${step.request.path} ${step.status}`)
    console.log(
      `${pad(name, 28)}${padStart(ms(walls[0]), 10)}${padStart(ms(median(walls)), 10)}${padStart(`${ms(Math.min(...walls))}-${ms(Math.max(...walls))}`, 18)}` +
        `${padStart(report.calls.stage, 12)}${padStart(report.calls.controlPlane, 15)}  ${int(report.payload.bytes)} B, ${passed ? 'all passed' : `FAILED: ${failedSteps.join('; ')}`}`,
    )
    console.log(`${pad('', 28)}sandbox log, last run: ${invokes} data-plane requests, ${controlLogged} control-plane calls`)
    results[name] = {median: median(walls), stage: report.calls.stage, control: report.calls.controlPlane}
  }
  return results
}

// --------------------------------------------------------------------------------------------------- run

const started = performance.now()
console.log(`apigw-binfix data-plane bench — Node ${process.version}, ${process.platform}/${process.arch}, dist/ build`)
const sandbox = await startSandbox({port: 0, host: HOST, lambdas: standInFunctions()})
const client = new sdk.APIGatewayClient({endpoint: sandbox.url, region: 'us-east-1', credentials, maxAttempts: 1})
try {
  const {figures, proxyApi} = await benchThroughput(sandbox, client)
  const large = await benchLargePayload(sandbox, proxyApi)
  const verify = await benchVerify(sandbox, client)
  const {a, b, c, d} = figures
  const [image, thumbnail] = Object.values(verify)
  console.log('\n== Summary')
  console.log(
    `req/s MOCK ${int(a.rps)}, Lambda proxy ${int(b.rps)}, VTL + Lambda ${int(c.rps)}, GetRestApi ${int(d.rps)} ` +
      `(data plane / control plane: ${(a.rps / d.rps).toFixed(2)}x, ${(b.rps / d.rps).toFixed(2)}x, ${(c.rps / d.rps).toFixed(2)}x; ` +
      `server CPU per request ${(a.cpuUsPerRequest / d.cpuUsPerRequest).toFixed(2)}x, ${(b.cpuUsPerRequest / d.cpuUsPerRequest).toFixed(2)}x, ${(c.cpuUsPerRequest / d.cpuUsPerRequest).toFixed(2)}x); ` +
      `4.4 MiB up + back ${ms(large.total)} (${mbps(2 * LARGE_BYTES, large.total)} MB/s, decodeBase64 ${ms(large.decodeBase64Ms)} of the read-back's ${ms(large.down)}); ` +
      `verify median: image API ${ms(image.median)} (${image.stage} stage + ${image.control} control calls), thumbnail ${ms(thumbnail.median)} (${thumbnail.stage} + ${thumbnail.control})`,
  )
} finally {
  client.destroy()
  oneShotAgent.destroy()
  await sandbox.close()
}
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`)
