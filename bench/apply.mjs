#!/usr/bin/env node
// apply under API Gateway's control-plane quotas, against the built code (dist/): a sandbox enforcing the
// documented quotas (`sandbox --aws-quotas`, in process here) holds a 100-method API with 204 settings out
// of line (bench/apply-api.mjs). It measures
//   (a) apply --yes (the service behind `apigw-binfix apply`, in process, its default quota-aware call
//       policy): wall time, calls, throttled answers, failed calls;
//   (b) the least time the quotas allow for the very same sequence of calls (simulated token buckets);
//   (c) a hand-written fix on a fresh copy of the same drifted API (another sandbox, its own account):
//       one SDK call per setting, back to back, with the SDK's default retries (standard, 3 attempts),
//       then one CreateDeployment; and (c2) the same script sending the settings' calls all at once.
// Prints figures and ratios; asserts nothing. All traffic stays on 127.0.0.1; bounded in time (~1 min).
import {isolateAwsEnvironment} from './isolated-aws-env.mjs'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {setTimeout as delay} from 'node:timers/promises'

const DIST = new URL('../dist/src/', import.meta.url)
if (!existsSync(new URL('sandbox/server.js', DIST))) {
  console.error('bench: dist/ is missing; run `npm run build` first')
  process.exit(1)
}

isolateAwsEnvironment({accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret'})

const {startSandbox} = await import(new URL('sandbox/server.js', DIST).href)
const {applyChanges} = await import(new URL('services/apply-service.js', DIST).href)
const {API_GATEWAY_QUOTAS} = await import(new URL('aws/call-policy.js', DIST).href)
const sdk = await import('@aws-sdk/client-api-gateway')
const {driftedSettings, generateApplyApi} = await import('./apply-api.mjs')

const RESOURCES = 100
const STAGE = 'v1'
const HOST = '127.0.0.1'
const TARGET_RATIO = 1.3
const credentials = {accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret'}

// ------------------------------------------------------------------------------------------ formatting

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`
const pad = (text, width) => String(text).padEnd(width)
const ratio = (a, b) => `${(a / b).toFixed(2)}x`

function countBy(values) {
  const counts = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

const byOperation = (counts) =>
  Object.entries(counts)
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ')

// ------------------------------------------------------------------------------------- the quota model

/**
 * The least time API Gateway's quotas allow for `operations`, sent in this order one after another, from
 * rested buckets (every bucket full), with zero latency. Each call draws one token from the account's
 * total bucket and one from its operation's own bucket if it has one (API_GATEWAY_QUOTAS: capacity C,
 * refill rate r per second, continuous). A bucket holding x tokens at time t holds min(C, x + r (t' - t))
 * at t' > t, so it can pay for a call from t + (1 - x) / r on when x < 1. Call k goes at the earliest
 * moment at or after call k-1 at which every bucket it draws from holds a token:
 *   t_k = max(t_{k-1}, max over its buckets b of (last_b + (1 - x_b) / r_b)),
 * then pays one token to each. Sending as early as possible is optimal (a token bucket never rewards
 * waiting), so t_last - t_first is the minimum. When only the total bucket binds this is
 * max(0, N - C) / r = (N - 40) / 10 s for N calls; CreateDeployment (C 1, r 1/5) and GetResources
 * (C 5, r 5/2) can add to it when they come close together.
 * Returns the time (ms from the first call) of every call.
 */
function quotaSchedule(operations, quotas = API_GATEWAY_QUOTAS) {
  const bucket = (quota) => ({capacity: quota.capacity, rate: quota.ratePerSecond / 1000, tokens: quota.capacity, at: 0})
  const total = bucket(quotas.total)
  const own = new Map(Object.entries(quotas.operations).map(([operation, quota]) => [operation, bucket(quota)]))
  const level = (b, t) => Math.min(b.capacity, b.tokens + b.rate * (t - b.at))
  const times = []
  let t = 0
  for (const operation of operations) {
    const draws = [total, ...(own.has(operation) ? [own.get(operation)] : [])]
    for (const b of draws) {
      const x = level(b, t)
      if (x < 1) t += (1 - x) / b.rate
    }
    for (const b of draws) {
      b.tokens = level(b, t) - 1
      b.at = t
    }
    times.push(t)
  }
  return times
}

// ------------------------------------------------------------------------------------------- set-up

function sdkClient(endpoint, extra = {}) {
  return new sdk.APIGatewayClient({endpoint, region: 'us-east-1', credentials, ...extra})
}

/**
 * A sandbox enforcing the quotas holding the drifted API, deployed: one ImportRestApi and one
 * CreateDeployment, within the quotas. Then it waits until every bucket is full again (CreateDeployment
 * refills in 5 s), so each run starts from a rested account, as the quota model does.
 */
async function driftedSandbox() {
  const sandbox = await startSandbox({port: 0, host: HOST, awsQuotas: true})
  const client = sdkClient(sandbox.url, {maxAttempts: 1})
  const body = Buffer.from(JSON.stringify(generateApplyApi(RESOURCES, {drifted: true})))
  const {id: restApiId} = await client.send(new sdk.ImportRestApiCommand({body}))
  await client.send(new sdk.CreateDeploymentCommand({restApiId, stageName: STAGE}))
  client.destroy()
  await delay(5_100)
  sandbox.calls.clear()
  return {sandbox, restApiId}
}

/** The sandbox's record of the calls of one run: every request that reached it, throttled ones included. */
function callLog(sandbox) {
  const calls = sandbox.calls.list()
  return {
    calls,
    spanMs: calls.length === 0 ? 0 : calls.at(-1).at - calls[0].at,
    throttled: calls.filter((call) => call.status === 429).length,
    byOperation: countBy(calls.map((call) => call.operation)),
  }
}

// ------------------------------------------------------------------------------------------ (a) apply

async function benchApply(scratch) {
  const {sandbox, restApiId} = await driftedSandbox()
  try {
    const specFile = join(scratch, 'spec.oas30.json')
    writeFileSync(specFile, JSON.stringify(generateApplyApi(RESOURCES)))
    // Told nothing (the bench times the calls, not the drawing) and never asked.
    const io = {
      notify: async () => {},
      requestResponse: (request) => Promise.reject(new Error(`bench: apply --yes asked a question: ${request.message}`)),
    }
    const request = {
      api: restApiId,
      specFile,
      stage: STAGE,
      yes: true,
      dryRun: false,
      deploy: true,
      interactive: false,
      historyDir: join(scratch, 'history'),
      cwd: scratch,
      connection: {region: 'us-east-1', endpointUrl: sandbox.url},
    }
    const started = performance.now()
    const report = await applyChanges(request, {io})
    const wallMs = performance.now() - started
    return {report, wallMs, log: callLog(sandbox)}
  } finally {
    await sandbox.close()
  }
}

// ------------------------------------------------------------------------------------------ (c) naive

/**
 * What a hand-written fix script does: one call per setting, errors logged and skipped. `concurrent`:
 * all the settings' calls at once (Promise.all), as scripts also do; else back to back.
 */
async function benchNaive({concurrent = false} = {}) {
  const {sandbox, restApiId} = await driftedSandbox()
  // The SDK's defaults: standard retry strategy, 3 attempts, honouring Retry-After.
  const client = sdkClient(sandbox.url)
  try {
    let sent = 0
    let failed = 0
    let settingsFailed = 0
    const errors = {}
    const send = async (command, isSetting = false) => {
      sent++
      try {
        return await client.send(command)
      } catch (error) {
        failed++
        if (isSetting) settingsFailed++
        errors[error.name] = (errors[error.name] ?? 0) + 1
        return undefined
      }
    }
    const started = performance.now()
    const ids = new Map()
    let position
    do {
      const page = await send(new sdk.GetResourcesCommand({restApiId, limit: 500, position}))
      for (const item of page?.items ?? []) ids.set(item.path, item.id)
      position = page?.position
    } while (position)
    const settings = driftedSettings(RESOURCES)
    const fix = (setting) => {
      const patch = [{op: 'replace', path: '/contentHandling', value: setting.contentHandling}]
      if (setting.setting === 'binaryMediaType') {
        const path = `/binaryMediaTypes/${setting.mediaType.replaceAll('~', '~0').replaceAll('/', '~1')}`
        return send(new sdk.UpdateRestApiCommand({restApiId, patchOperations: [{op: 'add', path}]}), true)
      }
      const {resourcePath: path, httpMethod} = setting
      if (setting.setting === 'integration') {
        return send(new sdk.UpdateIntegrationCommand({restApiId, resourceId: ids.get(path), httpMethod, patchOperations: patch}), true)
      }
      return send(new sdk.UpdateIntegrationResponseCommand({restApiId, resourceId: ids.get(path), httpMethod, statusCode: setting.statusCode, patchOperations: patch}), true)
    }
    if (concurrent) await Promise.all(settings.map(fix))
    else for (const setting of settings) await fix(setting)
    const deployed = await send(new sdk.CreateDeploymentCommand({restApiId, stageName: STAGE}))
    const wallMs = performance.now() - started
    return {wallMs, sent, failed, settingsFailed, errors, deployed: deployed !== undefined, settings: settings.length, log: callLog(sandbox)}
  } finally {
    client.destroy()
    await sandbox.close()
  }
}

// --------------------------------------------------------------------------------------------- report

function reportApply({report, wallMs, log}) {
  const operations = log.calls.map((call) => call.operation)
  const schedule = quotaSchedule(operations)
  const minimumMs = schedule.at(-1)
  const firstWrite = log.calls.findIndex((call) => call.mutating)
  const lastWrite = log.calls.findLastIndex((call) => call.mutating)
  const writes = lastWrite - firstWrite + 1
  const writeSpanMs = log.calls[lastWrite].at - log.calls[firstWrite].at
  const minimumWriteSpanMs = schedule[lastWrite] - schedule[firstWrite]
  const failedAnswers = log.calls.filter((call) => call.status < 200 || call.status >= 300).length
  const {total, throttled, failed, retries} = report.calls

  console.log(`\n== (a) apply --yes, default call policy (client-side limiter at the published ${API_GATEWAY_QUOTAS.total.ratePerSecond}/s, 800 ms of each bucket kept unused; a bucket of one at 0.9 of its rate)`)
  console.log(`outcome ${report.outcome}, converged ${report.converged}; ${report.changes.length} changes in ${report.requests.length} writes`)
  console.log(`calls: ${total} (${byOperation(report.calls.byOperation)})`)
  console.log(`throttled answers ${throttled} (sandbox log: ${log.throttled} x 429), retries ${retries}, failed calls ${failed} (non-2xx answers ${failedAnswers})`)
  console.log(`${pad('wall time, whole apply', 44)}${seconds(wallMs)}  (reads, ${writes} writes, re-read and re-audit)`)
  console.log(`${pad('first call -> last call, as the sandbox saw', 44)}${seconds(log.spanMs)}`)
  console.log(`${pad('first write -> CreateDeployment', 44)}${seconds(writeSpanMs)}`)

  console.log(`\n== (b) the least time the quotas allow for the same ${operations.length} calls in the same order (rested buckets, zero latency)`)
  const {total: t} = API_GATEWAY_QUOTAS
  console.log(`total bucket ${t.capacity} calls burst, ${t.ratePerSecond}/s: (${operations.length} - ${t.capacity}) / ${t.ratePerSecond} = ${seconds((Math.max(0, operations.length - t.capacity) / t.ratePerSecond) * 1000)}; with every bucket simulated:`)
  console.log(`${pad('first call -> last call', 44)}${seconds(minimumMs)}`)
  console.log(`${pad('first write -> CreateDeployment', 44)}${seconds(minimumWriteSpanMs)}`)
  const headline = wallMs / minimumMs
  console.log(`apply wall time / minimum: ${ratio(wallMs, minimumMs)} ${headline <= TARGET_RATIO ? `(within the ${TARGET_RATIO}x aim)` : `(ABOVE the ${TARGET_RATIO}x aim)`}`)
  console.log(`apply call span / minimum: ${ratio(log.spanMs, minimumMs)}; write span / minimum: ${ratio(writeSpanMs, minimumWriteSpanMs)} (the limiter starts with 800 ms of each bucket unused, and runs CreateDeployment's bucket of one at 0.9 of its rate)`)
  return {wallMs, calls: total, minimumMs}
}

function reportNaive(title, naive) {
  const {wallMs, sent, failed, settingsFailed, errors, deployed, settings, log} = naive
  console.log(`\n== ${title}`)
  console.log(`SDK calls ${sent} (1 GetResources, ${settings} settings, 1 CreateDeployment); requests that reached the sandbox ${log.calls.length} (${byOperation(log.byOperation)})`)
  console.log(`throttled answers ${log.throttled}, failed calls ${failed}${failed === 0 ? '' : ` (${byOperation(errors)})`}; settings left out of line ${settingsFailed}; redeployed: ${deployed ? 'yes' : 'NO'}`)
  console.log(`${pad('wall time', 44)}${seconds(wallMs)}`)
}

function summary(applied, sequential, concurrent) {
  console.log('\n== Summary')
  console.log(`${pad('', 30)}${pad('wall time', 12)}${pad('requests', 10)}${pad('429s', 6)}${pad('failed', 8)}settings left`)
  const row = (name, ms, requests, throttled, failed, left) => console.log(`${pad(name, 30)}${pad(seconds(ms), 12)}${pad(requests, 10)}${pad(throttled, 6)}${pad(failed, 8)}${left}`)
  row('apply', applied.wallMs, applied.calls, applied.throttled, applied.failed, 0)
  row('quota minimum (same calls)', applied.minimumMs, applied.calls, 0, 0, 0)
  row('script, back to back', sequential.wallMs, sequential.log.calls.length, sequential.log.throttled, sequential.failed, sequential.settingsFailed)
  row('script, all at once', concurrent.wallMs, concurrent.log.calls.length, concurrent.log.throttled, concurrent.failed, concurrent.settingsFailed)
  console.log(
    `apply / minimum ${ratio(applied.wallMs, applied.minimumMs)}; back-to-back script / apply ${ratio(sequential.wallMs, applied.wallMs)}, ` +
      `its requests / apply's ${ratio(sequential.log.calls.length, applied.calls)}`,
  )
}

const started = performance.now()
console.log(`apigw-binfix apply bench — Node ${process.version}, ${process.platform}/${process.arch}, dist/ build`)
console.log(`API: ${RESOURCES} GET methods (AWS and HTTP non-proxy), each integration and its 200 response out of line, 4 binary media types missing: ${driftedSettings(RESOURCES).length} settings; sandbox enforcing the AWS quotas`)
const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-bench-apply-'))
try {
  const applied = await benchApply(scratch)
  const figures = reportApply(applied)
  const sequential = await benchNaive()
  reportNaive('(c) hand-written fix: one SDK call per setting, back to back, SDK default retries (standard, 3 attempts)', sequential)
  const concurrent = await benchNaive({concurrent: true})
  reportNaive('(c2) the same script sending the settings\' calls all at once (Promise.all), SDK default retries', concurrent)
  summary({...figures, throttled: applied.log.throttled, failed: applied.report.calls.failed}, sequential, concurrent)
} finally {
  rmSync(scratch, {recursive: true, force: true})
}
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`)
