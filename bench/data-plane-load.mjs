// Load generator for bench/data-plane.mjs, run in a worker thread so the clients do not share the
// sandbox's event loop (the sandbox, and the Lambda stand-ins it calls, run on the main thread).
// `concurrency` clients, each one keep-alive connection (node:http Agent, maxSockets 1), send the same
// request back to back: first for `warmupMs` (not recorded), then for `durationMs`, recording each
// latency, status and response size. The worker tells the main thread when the measured window opens
// so that the sandbox's event-loop utilisation can be read over the same window.
import http from 'node:http'
import {performance} from 'node:perf_hooks'
import {parentPort, workerData} from 'node:worker_threads'

const {host, port, request, concurrency, warmupMs, durationMs} = workerData
const body = request.body === undefined ? undefined : Buffer.from(request.body)
const headers = {...request.headers, ...(body === undefined ? {} : {'content-length': body.length})}

function send(agent) {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({host, port, method: request.method, path: request.path, agent, headers}, (response) => {
      let bytes = 0
      response.on('data', (chunk) => {
        bytes += chunk.length
      })
      response.on('end', () => resolve({status: response.statusCode, bytes}))
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

const latencies = []
const statuses = {}
const sizes = {}
let recording = false

async function client(agent, stopAt) {
  while (performance.now() < stopAt) {
    const started = performance.now()
    const {status, bytes} = await send(agent)
    if (!recording) continue
    latencies.push(performance.now() - started)
    statuses[status] = (statuses[status] ?? 0) + 1
    sizes[bytes] = (sizes[bytes] ?? 0) + 1
  }
}

const agents = Array.from({length: concurrency}, () => new http.Agent({keepAlive: true, maxSockets: 1}))
// Warm-up: JIT on both sides, every socket connected.
const warmStop = performance.now() + warmupMs
await Promise.all(agents.map((agent) => client(agent, warmStop)))

recording = true
parentPort.postMessage({phase: 'measuring'})
const started = performance.now()
await Promise.all(agents.map((agent) => client(agent, started + durationMs)))
const elapsedMs = performance.now() - started
for (const agent of agents) agent.destroy()
parentPort.postMessage({phase: 'done', count: latencies.length, elapsedMs, latencies: Float64Array.from(latencies), statuses, sizes})
