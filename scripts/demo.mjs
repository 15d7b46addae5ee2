#!/usr/bin/env node
// The README's main job on a fresh machine: start the sandbox with the CLI, import AWS's sample image
// API deployed to stage v1, and show what the API holds, through the real AWS SDK over HTTP.
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {existsSync} from 'node:fs'
import {createInterface} from 'node:readline'

if (!existsSync(new URL('../dist/commands/index.js', import.meta.url))) {
  console.error('demo: the CLI is not built yet; run `npm run build` first')
  process.exit(1)
}
// The SDK warns on Node 20 about releases after January 2027; the lockfile pins today's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
const {APIGatewayClient, GetExportCommand, GetResourcesCommand, GetRestApiCommand, GetStageCommand} = await import('@aws-sdk/client-api-gateway')

const cli = new URL('../bin/run.js', import.meta.url).pathname
const fixture = new URL('../fixtures/apis/image-api.oas30.json', import.meta.url).pathname
const sandbox = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--json', '--import', fixture, '--deploy-stage', 'v1'], {
  stdio: ['ignore', 'pipe', 'inherit'],
})

try {
  const started = await readFirstJsonDocument(sandbox.stdout)
  const [api] = started.restApis
  console.log(`$ apigw-binfix sandbox --import ${fixture.split('/').slice(-3).join('/')} --deploy-stage v1`)
  console.log(`sandbox on ${started.endpoint}: REST API ${api.id} "${api.name}" deployed to ${api.stage} (deployment ${api.deploymentId})\n`)

  const client = new APIGatewayClient({
    endpoint: started.endpoint,
    region: started.region,
    credentials: {accessKeyId: 'sandbox', secretAccessKey: 'sandbox'},
  })
  const restApi = await client.send(new GetRestApiCommand({restApiId: api.id}))
  console.log(`binaryMediaTypes: ${JSON.stringify(restApi.binaryMediaTypes ?? [])}`)
  const {items = []} = await client.send(new GetResourcesCommand({restApiId: api.id, embed: ['methods'], limit: 500}))
  for (const resource of items) {
    for (const [httpMethod, method] of Object.entries(resource.resourceMethods ?? {})) {
      const integration = method.methodIntegration ?? {}
      console.log(`${httpMethod.padEnd(7)} ${resource.path}  ${integration.type} integration, request contentHandling ${integration.contentHandling ?? 'PASSTHROUGH'}`)
      for (const [status, response] of Object.entries(integration.integrationResponses ?? {})) {
        console.log(`          response ${status}: contentHandling ${response.contentHandling ?? 'PASSTHROUGH'}`)
      }
    }
  }
  const stage = await client.send(new GetStageCommand({restApiId: api.id, stageName: 'v1'}))
  const exported = await client.send(
    new GetExportCommand({restApiId: api.id, stageName: 'v1', exportType: 'oas30', parameters: {extensions: 'apigateway'}, accepts: 'application/json'}),
  )
  const document = JSON.parse(Buffer.from(exported.body).toString('utf8'))
  console.log(`\nstage v1 serves deployment ${stage.deploymentId}; its export lists ${Object.keys(document.paths).length} path(s) and binary types ${JSON.stringify(document['x-amazon-apigateway-binary-media-types'])}`)
} finally {
  sandbox.kill('SIGINT')
  await once(sandbox, 'exit')
}

async function readFirstJsonDocument(stream) {
  let text = ''
  for await (const line of createInterface({input: stream})) {
    text += `${line}\n`
    if (line === '}') return JSON.parse(text)
  }
  throw new Error('demo: the sandbox exited before it was ready')
}
