#!/usr/bin/env node
// The README's main job on a fresh machine: start the sandbox with the CLI, import AWS's sample image API
// deployed to stage v1 with its `image` function stood in by fixtures/functions/image.mjs, break it the
// way real APIs break (binary media types lost, CONVERT_TO_TEXT gone from PUT, deployed), let
// `apigw-binfix audit` say what real requests experience and `verify` prove it with real bytes, `apply`
// fix and redeploy it, and a second verify show every byte intact.
import {spawn, spawnSync} from 'node:child_process'
import {once} from 'node:events'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'

if (!existsSync(new URL('../dist/commands/index.js', import.meta.url))) {
  console.error('demo: the CLI is not built yet; run `npm run build` first')
  process.exit(1)
}
// The SDK warns on Node 20 about releases after January 2027; the lockfile pins today's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
const {APIGatewayClient, CreateDeploymentCommand, GetResourcesCommand, UpdateIntegrationCommand, UpdateRestApiCommand} = await import('@aws-sdk/client-api-gateway')

const cli = new URL('../bin/run.js', import.meta.url).pathname
// AWS's sample with its two non-binary slips corrected (fixtures/README.md); its binary settings are as published.
const fixture = 'fixtures/apis/image-api.corrected.oas30.json'
const spec = 'fixtures/specs/image-api.binfix.yaml'
const root = new URL('..', import.meta.url).pathname
const sandboxArgs = ['sandbox', '--port', '0', '--import', fixture, '--deploy-stage', 'v1', '--lambda', 'image=fixtures/functions/image.mjs']
// Every line pastes as it is into a shell at the project's root.
const NEXT_STEPS = `
What to try next, by hand:
  # 1. a sandbox that keeps running (Ctrl-C stops it), with the sample image API and its function:
  ./bin/run.js sandbox --import ${fixture} --deploy-stage v1 --lambda image=fixtures/functions/image.mjs
  # 2. in another shell, point every command and the AWS CLI at it (the AWS CLI reads AWS_DEFAULT_REGION;
  #    the sandbox takes any credentials):
  export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_ENDPOINT_URL=http://127.0.0.1:4580
  aws apigateway get-rest-apis --query 'items[].[id,name]' --output text
  ./bin/run.js audit ApiName --stage v1 --spec ${spec}
  ./bin/run.js init ApiName                        # write a binfix.yaml of your own from the live API
  ./bin/run.js apply ApiName --stage v1 --binary-type image/png   # asks first; Ctrl-C stops between writes
  ./bin/run.js history ApiName                     # every apply, with the command that undoes it
  ./bin/run.js rollback ApiName --stage v1
  ./bin/run.js iac ApiName --format sam --spec ${spec}   # the same fix for the template that deploys it
  # On AWS: leave out AWS_ENDPOINT_URL and the test keys; the README lists the IAM permissions each command needs.`

const sandbox = spawn(process.execPath, [cli, ...sandboxArgs, '--json'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
})

try {
  const started = await readFirstJsonDocument(sandbox.stdout)
  const [api] = started.restApis
  const endpoint = started.endpoint
  say(`apigw-binfix ${sandboxArgs.join(' ')}`)
  console.log(`sandbox on ${endpoint}: REST API ${api.id} "${api.name}" deployed to ${api.stage}\n`)

  // Sandbox credentials are not checked, but the SDK and the CLI want some.
  const credentials = {accessKeyId: 'sandbox', secretAccessKey: 'sandbox'}
  const client = new APIGatewayClient({endpoint, region: started.region, credentials})
  const {items = []} = await client.send(new GetResourcesCommand({restApiId: api.id}))
  const lambda = items.find((resource) => resource.path === '/lambda')
  console.log('# Typical drift: a redeploy from an old template lost both binary media types and PUT\'s CONVERT_TO_TEXT.')
  await client.send(
    new UpdateRestApiCommand({
      restApiId: api.id,
      patchOperations: [
        {op: 'remove', path: '/binaryMediaTypes/application~1octet-stream'},
        {op: 'remove', path: '/binaryMediaTypes/image~1jpeg'},
      ],
    }),
  )
  await client.send(new UpdateIntegrationCommand({restApiId: api.id, resourceId: lambda.id, httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: ''}]}))
  await client.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'v1'}))
  client.destroy()

  const env = {...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_REGION: started.region}
  const run = (args) => {
    say(`apigw-binfix ${args.join(' ')}`)
    return spawnSync(process.execPath, [cli, ...args, '--endpoint-url', endpoint], {cwd: root, env, stdio: 'inherit'}).status
  }
  const target = [api.id, '--stage', 'v1', '--spec', spec]

  const audit = run(['audit', ...target])
  console.log(`\n(exit ${audit}: 3 means findings; audit only reads)`)

  const broken = run(['verify', ...target])
  console.log(`\n(exit ${broken}: 3 means some requests lost their bytes; each failure names the setting to blame)`)

  const history = mkdtempSync(join(tmpdir(), 'apigw-binfix-demo-'))
  const before = await (await fetch(`${endpoint}/_sandbox/calls`)).json()
  const apply = run(['apply', ...target, '--yes', '--history', history])
  const after = await (await fetch(`${endpoint}/_sandbox/calls`)).json()
  const writes = after.slice(before.length).filter((call) => call.mutating).map((call) => call.operation)
  console.log(`\n(exit ${apply}: 0 means converged; apply's writes: ${writes.join(', ')})`)
  rmSync(history, {recursive: true, force: true})

  const verified = run(['verify', ...target])
  console.log(`\n(exit ${verified}: 0 means every request kept its bytes)`)
  if (audit !== 3 || broken !== 3 || apply !== 0 || verified !== 0) {
    console.error(`demo: expected exits 3, 3, 0, 0 (audit, verify, apply, verify); got ${audit}, ${broken}, ${apply}, ${verified}`)
    process.exitCode = 1
  } else {
    console.log(NEXT_STEPS)
  }
} finally {
  sandbox.kill('SIGINT')
  await once(sandbox, 'exit')
}

function say(command) {
  console.log(`\n$ ${command}`)
}

async function readFirstJsonDocument(stream) {
  let text = ''
  for await (const line of createInterface({input: stream})) {
    text += `${line}\n`
    if (line === '}') return JSON.parse(text)
  }
  throw new Error('demo: the sandbox exited before it was ready')
}
