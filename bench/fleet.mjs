#!/usr/bin/env node
// fleet audit at the quota limit, against the built code (dist/): a sandbox in a child process
// (`sandbox --fleet --aws-quotas`: API Gateway's quotas per account and Region) holds N copies of AWS's
// sample image API spread over 10 accounts x 2 Regions of an organization. The audit (the service behind
// `fleet audit --organization --role-name …`, in this process, --output jsonl to /dev/null) is measured:
// wall time against the quota-bound minimum (the busiest account-Region's calls at its rates: 10/s burst
// 40 in all, GetResources 5 per 2 s), calls per API, throttled answers, failed reads, peak RSS of this
// process. Runs 1,000 APIs, then 10,000 (BENCH_FLEET_LARGE=0 skips it). Prints figures; asserts nothing.
// All traffic stays on 127.0.0.1.
import {isolateAwsEnvironment} from './isolated-aws-env.mjs'
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

const DIST = new URL('../dist/src/', import.meta.url)
if (!existsSync(new URL('services/fleet/fleet-audit-service.js', DIST))) {
  console.error('bench: dist/ is missing; run `npm run build` first')
  process.exit(1)
}
isolateAwsEnvironment({accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret'})

const {auditFleet} = await import(new URL('services/fleet/fleet-audit-service.js', DIST).href)
const {fleetOutputSink} = await import(new URL('services/fleet/fleet-output.js', DIST).href)

const ACCOUNTS = 10
const REGIONS = ['us-east-1', 'eu-west-1']
const IMAGE_API = fileURLToPath(new URL('../fixtures/apis/image-api.oas30.json', import.meta.url))

/** The sandbox's fleet file: a management account and ACCOUNTS members, `perAccountRegion` copies in each of their Regions. */
function fleetFile(perAccountRegion) {
  const members = Array.from({length: ACCOUNTS}, (_, index) => [
    `  - id: "${String(100_000_000_001 + index)}"`,
    `    name: member-${index + 1}`,
    `    regions: [${REGIONS.join(', ')}]`,
  ].join('\n'))
  return ['version: 1', 'organization:', '  managementAccount: "123456789012"', 'apis:', `  - definition: ${IMAGE_API}`, `    copies: ${perAccountRegion}`, '    name: "images-{n}"', '    stage: v1', 'accounts:', ...members, ''].join('\n')
}

function startSandbox(file) {
  const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))
  const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--fleet', file, '--aws-quotas'], {stdio: ['ignore', 'pipe', 'inherit']})
  return new Promise((resolve, reject) => {
    let text = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      text += chunk
      const url = /listening on (http:\/\/[^\s]+)/.exec(text)?.[1]
      if (url) resolve({url, stop: () => child.kill('SIGTERM')})
    })
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}: ${text}`)))
  })
}

/** The least time the quotas allow one account-Region for `apis` APIs of one stage each: GetRestApis, then per API GetStages, GetResources, GetExport. */
function quotaMinimumSeconds(apis) {
  const calls = Math.ceil(apis / 500) + 3 * apis
  const total = Math.max(0, calls - 40) / 10
  const getResources = Math.max(0, apis - 5) / 2.5
  return Math.max(total, getResources)
}

async function run(totalApis) {
  const perAccountRegion = totalApis / (ACCOUNTS * REGIONS.length)
  const dir = mkdtempSync(join(tmpdir(), 'apigw-binfix-bench-fleet-'))
  const file = join(dir, 'fleet.yaml')
  writeFileSync(file, fleetFile(perAccountRegion))
  const sandbox = await startSandbox(file)
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  let lines = 0
  const output = {write: async () => void lines++, finish: async () => {}, abandon: async () => {}}
  try {
    const started = performance.now()
    const report = await auditFleet(
      {profiles: [], organization: {roleName: 'BinfixAudit', ous: []}, onlyAccounts: [], regions: REGIONS, connection: {region: 'us-east-1', endpointUrl: sandbox.url}, cwd: dir},
      fleetOutputSink('jsonl', output),
    )
    const seconds = (performance.now() - started) / 1000
    const minimum = quotaMinimumSeconds(perAccountRegion)
    console.log(`fleet audit, ${report.totals.apis} APIs (${perAccountRegion} per account-Region, ${ACCOUNTS} accounts x ${REGIONS.length} Regions), --output jsonl`)
    console.log(`  wall time           ${seconds.toFixed(1)} s`)
    console.log(`  quota-bound minimum ${minimum.toFixed(1)} s (busiest account-Region: GetResources 5 per 2 s, 10/s burst 40)`)
    console.log(`  ratio               ${(seconds / minimum).toFixed(2)}x (aim: within 1.2x)`)
    console.log(`  calls per API       ${(report.calls.calls / Math.max(1, report.totals.apis)).toFixed(2)} (API Gateway)`)
    console.log(`  throttled answers   ${report.calls.throttled}; retries ${report.calls.retries}; APIs not read ${report.totals.apisFailed}; access failures ${report.failures.length}`)
    console.log(`  peak RSS            ${(peak / 1024 / 1024).toFixed(0)} MB (this process: the audit; the sandbox runs in a child)`)
  } finally {
    clearInterval(sampler)
    sandbox.stop()
    rmSync(dir, {recursive: true, force: true})
  }
}

await run(1000)
if (process.env.BENCH_FLEET_LARGE !== '0') await run(10_000)
