// Load generator for bench/sandbox.mjs, run in a worker thread so the clients do not share the
// sandbox's event loop. N concurrent keep-alive clients send a read/write mix until `total` requests
// or `deadlineMs` (whichever is first) and report each latency.
import http from 'node:http'
import {performance} from 'node:perf_hooks'
import {parentPort, workerData} from 'node:worker_threads'

const {endpoint, restApiId, targets, mode, concurrency, total, deadlineMs, seed} = workerData

// The mix: 80 % reads, 20 % writes. Cumulative thresholds.
const MIX = [
  ['GetRestApi', 0.3],
  ['GetResources', 0.55],
  ['GetIntegration', 0.8],
  ['UpdateIntegration', 0.9],
  ['UpdateRestApi', 1],
]

function prng(state) {
  let s = state >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4_294_967_296
  }
}

function pickKind(random) {
  const r = random()
  for (const [kind, threshold] of MIX) if (r < threshold) return kind
  return MIX.at(-1)[0]
}

// ------------------------------------------------------------------------- raw HTTP (node:http, keep-alive)

// One keep-alive agent per client, one socket each: a client is one connection, as an SDK client with
// its own pool would use under sequential calls. node:http costs the client less than fetch (undici),
// so the figure says more about the server.
function httpClient() {
  const {hostname, port} = new URL(endpoint)
  const agent = new http.Agent({keepAlive: true, maxSockets: 1})
  const base = `/restapis/${restApiId}`
  const send = (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const headers = {accept: 'application/json'}
      if (payload !== undefined) {
        headers['content-type'] = 'application/json'
        headers['content-length'] = Buffer.byteLength(payload)
      }
      const request = http.request({host: hostname, port, method, path: base + path, agent, headers}, (response) => {
        response.on('data', () => {})
        response.on('end', () => resolve(response.statusCode))
        response.on('error', reject)
      })
      request.on('error', reject)
      request.end(payload)
    })
  return {
    GetRestApi: () => send('GET', ''),
    GetResources: () => send('GET', '/resources?limit=25'),
    GetIntegration: (t) => send('GET', `/resources/${t.resourceId}/methods/${t.httpMethod}/integration`),
    UpdateIntegration: (t, value) =>
      send('PATCH', `/resources/${t.resourceId}/methods/${t.httpMethod}/integration`, {
        patchOperations: [{op: 'replace', path: '/contentHandling', value}],
      }),
    UpdateRestApi: (op, escapedType) => send('PATCH', '', {patchOperations: [{op, path: `/binaryMediaTypes/${escapedType}`}]}),
  }
}

// ------------------------------------------------------------------------------------------- AWS SDK

async function sdkClientFactory() {
  const sdk = await import('@aws-sdk/client-api-gateway')
  return () => {
    const client = new sdk.APIGatewayClient({
      endpoint,
      region: 'us-east-1',
      credentials: {accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret'},
      maxAttempts: 1,
    })
    const send = async (command) => {
      try {
        const output = await client.send(command)
        return output.$metadata.httpStatusCode ?? 200
      } catch (error) {
        return error.$metadata?.httpStatusCode ?? 0
      }
    }
    return {
      GetRestApi: () => send(new sdk.GetRestApiCommand({restApiId})),
      GetResources: () => send(new sdk.GetResourcesCommand({restApiId, limit: 25})),
      GetIntegration: (t) => send(new sdk.GetIntegrationCommand({restApiId, resourceId: t.resourceId, httpMethod: t.httpMethod})),
      UpdateIntegration: (t, value) =>
        send(
          new sdk.UpdateIntegrationCommand({
            restApiId,
            resourceId: t.resourceId,
            httpMethod: t.httpMethod,
            patchOperations: [{op: 'replace', path: '/contentHandling', value}],
          }),
        ),
      UpdateRestApi: (op, escapedType) => send(new sdk.UpdateRestApiCommand({restApiId, patchOperations: [{op, path: `/binaryMediaTypes/${escapedType}`}]})),
    }
  }
}

// ---------------------------------------------------------------------------------------------- run

const makeClient = mode === 'sdk' ? await sdkClientFactory() : httpClient
const latencies = new Float64Array(total)
const kinds = new Uint8Array(total)
const kindNames = MIX.map(([kind]) => kind)
const statuses = {}
let issued = 0

async function clientLoop(clientIndex, stopAt) {
  const random = prng(seed * 7919 + clientIndex + 1)
  const client = makeClient()
  const escapedType = `application~1x-bench-${clientIndex}`
  let typePresent = false
  let toggle = false
  while (issued < total && performance.now() < stopAt) {
    const slot = issued++
    const kind = pickKind(random)
    const target = targets[Math.floor(random() * targets.length)]
    const started = performance.now()
    let status
    if (kind === 'UpdateIntegration') {
      toggle = !toggle
      status = await client.UpdateIntegration(target, toggle ? 'CONVERT_TO_BINARY' : 'CONVERT_TO_TEXT')
    } else if (kind === 'UpdateRestApi') {
      typePresent = !typePresent
      status = await client.UpdateRestApi(typePresent ? 'add' : 'remove', escapedType)
    } else {
      status = await client[kind](target)
    }
    latencies[slot] = performance.now() - started
    kinds[slot] = kindNames.indexOf(kind)
    statuses[status] = (statuses[status] ?? 0) + 1
  }
}

const started = performance.now()
const stopAt = started + deadlineMs
await Promise.all(Array.from({length: concurrency}, (_, index) => clientLoop(index, stopAt)))
const elapsedMs = performance.now() - started
const done = Math.min(issued, total)
parentPort.postMessage(
  {count: done, elapsedMs, latencies: latencies.slice(0, done), kinds: kinds.slice(0, done), kindNames, statuses},
)
