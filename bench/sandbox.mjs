#!/usr/bin/env node
// Sandbox benchmark against the built code (dist/): import/deploy/export of a 300-resource API through
// the real AWS SDK, then control-plane throughput under a read/write mix from concurrent keep-alive
// clients. Prints figures and ratios; asserts nothing. All traffic stays on 127.0.0.1; bounded in time.
import {existsSync, mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'
import {Worker} from 'node:worker_threads'

const SERVER = new URL('../dist/src/sandbox/server.js', import.meta.url)
if (!existsSync(SERVER)) {
  console.error('bench: dist/ is missing; run `npm run build` first')
  process.exit(1)
}
// The SDK warns on Node 20 about releases after January 2027; the lockfile pins today's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

// A full GC before each memory reading, without asking for `node --expose-gc`.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc')

const {startSandbox} = await import(SERVER.href)
const sdk = await import('@aws-sdk/client-api-gateway')
const {generateOpenApi} = await import('./sandbox-openapi.mjs')

const RESOURCES = 300
const WARM_RUNS = 3
const CONCURRENCY = 16
const REQUESTS = 20_000
const DEADLINE_MS = 10_000
const STATE_DEADLINE_MS = 4_000
const PREFILLED_LOG = 500_000
const TARGET_RPS = 2_000
const HOST = '127.0.0.1'

const credentials = {accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret'}
const sdkClient = (endpoint) => new sdk.APIGatewayClient({endpoint, region: 'us-east-1', credentials, maxAttempts: 1})

// ------------------------------------------------------------------------------------------ formatting

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`
const pad = (text, width) => String(text).padEnd(width)
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function memory() {
  gc()
  const {rss, heapUsed} = process.memoryUsage()
  return {rss, heapUsed}
}

async function timed(action) {
  const started = performance.now()
  const result = await action()
  return {ms: performance.now() - started, result}
}

// ------------------------------------------------------------------------------------ import / export

async function importExportRound(client, body) {
  const imported = await timed(() => client.send(new sdk.ImportRestApiCommand({body})))
  const restApiId = imported.result.id
  const deployed = await timed(() => client.send(new sdk.CreateDeploymentCommand({restApiId, stageName: 'bench'})))
  const exportAs = (accepts) =>
    timed(async () => {
      const output = await client.send(
        new sdk.GetExportCommand({restApiId, stageName: 'bench', exportType: 'oas30', parameters: {extensions: 'apigateway'}, accepts}),
      )
      return output.body.byteLength
    })
  const json = await exportAs('application/json')
  const yaml = await exportAs('application/yaml')
  const resources = await timed(async () => {
    let position
    let items = 0
    let pages = 0
    let methods = 0
    do {
      const page = await client.send(new sdk.GetResourcesCommand({restApiId, embed: ['methods'], limit: 500, position}))
      pages++
      items += page.items?.length ?? 0
      for (const item of page.items ?? []) methods += Object.keys(item.resourceMethods ?? {}).length
      position = page.position
    } while (position)
    return {items, pages, methods}
  })
  return {restApiId, imported, deployed, json, yaml, resources}
}

async function benchImportExport() {
  const document = generateOpenApi(RESOURCES)
  const body = Buffer.from(JSON.stringify(document))
  const sandbox = await startSandbox({port: 0, host: HOST})
  try {
    const client = sdkClient(sandbox.url)
    const rounds = []
    for (let run = 0; run <= WARM_RUNS; run++) rounds.push(await importExportRound(client, body))
    client.destroy()
    const [first, ...warm] = rounds
    const {items, pages, methods} = first.resources.result
    console.log(`\n== Import / deploy / export: ${RESOURCES} paths x 3 methods (GET, PUT, OPTIONS) through @aws-sdk/client-api-gateway`)
    console.log(`definition: OpenAPI 3.0 JSON, ${kb(body.length)} (${Object.keys(document.paths).length} paths); API holds ${items} resources, ${methods} methods`)
    const rows = [
      ['ImportRestApi', (r) => r.imported.ms, `request ${kb(body.length)}`],
      ['CreateDeployment', (r) => r.deployed.ms, 'snapshot of the working copy'],
      ['GetExport oas30 JSON', (r) => r.json.ms, `response ${kb(first.json.result)}`],
      ['GetExport oas30 YAML', (r) => r.yaml.ms, `response ${kb(first.yaml.result)}`],
      ['GetResources embed=methods', (r) => r.resources.ms, `limit 500: ${pages} pages, ${items} items`],
    ]
    console.log(`${pad('operation', 28)}${pad('first', 11)}${pad(`median of next ${WARM_RUNS}`, 19)}size`)
    for (const [name, pick, note] of rows) {
      console.log(`${pad(name, 28)}${pad(ms(pick(first)), 11)}${pad(ms(median(warm.map(pick))), 19)}${note}`)
    }
  } finally {
    await sandbox.close()
  }
}

// -------------------------------------------------------------------------------------------- throughput

/** A sandbox holding the generated API, deployed once; the load targets its GET/PUT integrations. */
async function prepareLoadSandbox(options = {}) {
  const sandbox = await startSandbox({port: 0, host: HOST, ...options})
  const client = sdkClient(sandbox.url)
  const api = await client.send(new sdk.ImportRestApiCommand({body: Buffer.from(JSON.stringify(generateOpenApi(RESOURCES)))}))
  await client.send(new sdk.CreateDeploymentCommand({restApiId: api.id, stageName: 'bench'}))
  client.destroy()
  const targets = []
  for (const resource of sandbox.store.state.apis.get(api.id).resources.values()) {
    for (const httpMethod of ['GET', 'PUT']) if (resource.resourceMethods?.[httpMethod]) targets.push({resourceId: resource.id, httpMethod})
  }
  return {sandbox, restApiId: api.id, targets}
}

function runLoad({sandbox, restApiId, targets}, {mode, total = REQUESTS, deadlineMs = DEADLINE_MS, seed = 1}) {
  const eluBefore = performance.eventLoopUtilization()
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sandbox-load.mjs', import.meta.url), {
      workerData: {endpoint: sandbox.url, restApiId, targets, mode, concurrency: CONCURRENCY, total, deadlineMs, seed},
    })
    let finished = false
    worker.once('message', (result) => {
      finished = true
      result.serverElu = performance.eventLoopUtilization(eluBefore).utilization
      // Its keep-alive sockets would otherwise hold it open until the sandbox closes.
      void worker.terminate()
      resolve(result)
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (!finished) reject(new Error(`load worker exited with ${code} before reporting`))
    })
  })
}

function report(label, result) {
  const rps = result.count / (result.elapsedMs / 1000)
  const sorted = Float64Array.from(result.latencies).sort()
  const failures = Object.entries(result.statuses)
    .filter(([status]) => !(Number(status) >= 200 && Number(status) < 300))
    .reduce((sum, [, count]) => sum + count, 0)
  console.log(
    `${pad(label, 34)}${pad(`${Math.round(rps).toLocaleString('en-US')} rps`, 11)}` +
      `p50 ${pad(ms(percentile(sorted, 50)), 9)}p99 ${pad(ms(percentile(sorted, 99)), 9)}` +
      `x${(rps / TARGET_RPS).toFixed(2)} of ${TARGET_RPS.toLocaleString('en-US')} rps  ` +
      `${result.count.toLocaleString('en-US')} req in ${(result.elapsedMs / 1000).toFixed(2)} s, non-2xx ${failures}, ` +
      `server event loop ${Math.round(result.serverElu * 100)}% busy${result.serverElu < 0.5 ? ' (client-bound)' : ''}`,
  )
  return rps
}

function reportPerOperation(result) {
  const byKind = result.kindNames.map(() => [])
  for (let index = 0; index < result.count; index++) byKind[result.kinds[index]].push(result.latencies[index])
  const parts = result.kindNames.map((name, index) => {
    const sorted = Float64Array.from(byKind[index]).sort()
    return `${name} ${byKind[index].length} (p50 ${ms(percentile(sorted, 50))})`
  })
  console.log(`  mix: ${parts.join(', ')}`)
}

async function benchThroughput() {
  const load = await prepareLoadSandbox()
  const {sandbox} = load
  try {
    console.log(`\n== Throughput: ${CONCURRENCY} concurrent keep-alive clients, ${REQUESTS.toLocaleString('en-US')} requests or ${DEADLINE_MS / 1000} s, whichever is first`)
    console.log('clients: node:http keep-alive (one socket each) in a worker thread, then AWS SDK v3 clients\nmix: 30% GetRestApi, 25% GetResources(limit 25), 25% GetIntegration, 10% UpdateIntegration contentHandling toggle, 10% UpdateRestApi binaryMediaTypes add/remove')
    console.log(`API under load: ${load.targets.length / 2} leaf resources, ${sandbox.store.state.apis.get(load.restApiId).resources.size} resources in all, deployed`)
    // Warm-up (JIT, sockets), not reported.
    await runLoad(load, {mode: 'http', total: 2_000, seed: 99})

    sandbox.calls.clear()
    const before = memory()
    const fresh = await runLoad(load, {mode: 'http', seed: 1})
    const after = memory()
    const logged = sandbox.calls.list().length
    report('raw HTTP, call log empty', fresh)
    reportPerOperation(fresh)
    console.log(
      `  memory: rss ${mb(before.rss)} -> ${mb(after.rss)}, main heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}; call log now ${logged.toLocaleString('en-US')} records`,
    )

    // The call log is always on: a sandbox that ran for minutes holds hundreds of thousands of records.
    const beforeFill = memory()
    const now = Date.now()
    for (let index = logged; index < PREFILLED_LOG; index++) {
      // A fresh path string per record, as the server's URL parsing makes one per request.
      const target = load.targets[index % load.targets.length]
      const path = `/restapis/${load.restApiId}/resources/${target.resourceId}/methods/${target.httpMethod}/integration`
      sandbox.calls.record({operation: 'GetIntegration', method: 'GET', path, status: 200, mutating: false, at: now + index})
    }
    const afterFill = memory()
    const perRecord = (afterFill.heapUsed - beforeFill.heapUsed) / (PREFILLED_LOG - logged)
    const full = await runLoad(load, {mode: 'http', seed: 2})
    const afterFull = memory()
    report(`raw HTTP, log at ${(PREFILLED_LOG / 1000).toFixed(0)}k records`, full)
    console.log(
      `  memory: filling the log to ${PREFILLED_LOG.toLocaleString('en-US')} records took main heap ${mb(beforeFill.heapUsed)} -> ${mb(afterFill.heapUsed)} ` +
        `(~${Math.round(perRecord)} bytes/record); after the run rss ${mb(afterFull.rss)}, main heap ${mb(afterFull.heapUsed)}, ` +
        `log ${sandbox.calls.list().length.toLocaleString('en-US')} records`,
    )
    const dump = await timed(async () => (await fetch(`${sandbox.url}/_sandbox/calls`)).arrayBuffer())
    console.log(`  GET /_sandbox/calls with ${sandbox.calls.list().length.toLocaleString('en-US')} records: ${ms(dump.ms)}, ${mb(dump.result.byteLength)}`)

    sandbox.calls.clear()
    await runLoad(load, {mode: 'sdk', total: 2_000, seed: 98})
    const viaSdk = await runLoad(load, {mode: 'sdk', seed: 3})
    report(`AWS SDK v3 (${CONCURRENCY} APIGatewayClient)`, viaSdk)
    reportPerOperation(viaSdk)
  } finally {
    await sandbox.close()
  }
}

/** --state FILE rewrites the whole state after every write; measure what that costs under the same mix. */
async function benchWithStateFile() {
  const directory = mkdtempSync(join(tmpdir(), 'apigw-binfix-bench-'))
  const stateFile = join(directory, 'state.json')
  try {
    const load = await prepareLoadSandbox({stateFile})
    try {
      const result = await runLoad(load, {mode: 'http', deadlineMs: STATE_DEADLINE_MS, seed: 4})
      console.log(`\n== With --state FILE (state file ${kb(statSync(stateFile).size)}, rewritten on every write; ${STATE_DEADLINE_MS / 1000} s at most)`)
      report('raw HTTP, --state', result)
    } finally {
      await load.sandbox.close()
    }
  } finally {
    rmSync(directory, {recursive: true, force: true})
  }
}

const started = performance.now()
console.log(`apigw-binfix sandbox bench — Node ${process.version}, ${process.platform}/${process.arch}, dist/ build`)
await benchImportExport()
await benchThroughput()
await benchWithStateFile()
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`)
