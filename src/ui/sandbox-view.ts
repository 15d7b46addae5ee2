// What `sandbox` says once it listens: where, what it holds (what the state file restored first, then the
// imports), and how to point a client at it.

import type {RunningSandbox} from '../services/sandbox-service.js'

export type SandboxStarted = Pick<RunningSandbox, 'endpoint' | 'region' | 'restApis' | 'stacks' | 'restored' | 'functions' | 'fleet'>

export function renderSandboxStarted(running: SandboxStarted): string {
  const lines = [`apigw-binfix sandbox listening on ${running.endpoint} (region ${running.region})`]
  if (running.restored) {
    const {file, restApis, stacks} = running.restored
    for (const api of restApis) {
      const stages = api.stages.map((stage) => `${stage.stage} (${stage.deploymentId})`)
      lines.push(`  ${api.id}  ${api.name}  restored from ${file}  ${stages.length > 0 ? `stages ${stages.join(', ')}` : 'no stages'}`)
    }
    for (const stack of stacks) lines.push(`  stack ${stack.stackName}  restored from ${file}  (${stackApis(stack.restApis)})`)
  }
  for (const api of running.restApis) {
    lines.push(`  ${api.id}  ${api.name}  from ${api.file}${api.stage ? `  deployed to ${api.stage} (${api.deploymentId})` : ''}`)
  }
  for (const stack of running.stacks) lines.push(`  stack ${stack.stackName}  from ${stack.file}  (${stackApis(stack.restApis)})`)
  if (running.functions.length > 0) lines.push(`  Lambda functions: ${running.functions.join(', ')}`)
  if (running.fleet) {
    const {file, accounts, accountRegions, restApis, stacks} = running.fleet
    lines.push(`  fleet from ${file}: ${accounts} accounts, ${restApis} REST APIs (${stacks} owned by stacks) in ${accountRegions} account-Regions; STS, Organizations and Account answer on the same endpoint`)
  }
  const servesStacks = running.stacks.length > 0 || (running.restored?.stacks.length ?? 0) > 0
  lines.push(
    `Use it with: --endpoint-url ${running.endpoint}  (or AWS_ENDPOINT_URL_API_GATEWAY=${running.endpoint}${servesStacks ? `, AWS_ENDPOINT_URL_CLOUDFORMATION=${running.endpoint}` : ''})`,
    'Press Ctrl-C to stop.',
  )
  return lines.join('\n')
}

/** Said on stderr in both modes: whoever reads a pipeline's log learns the sandbox is reachable from the network. */
export function exposureWarning(host: string): string {
  return `Warning: listening on ${host}: the sandbox has no authentication`
}

/** "ApiName → k3q9z1x7ab": each RestApi logical id of a stack and the REST API it is. */
function stackApis(restApis: Record<string, string>): string {
  return Object.entries(restApis)
    .map(([logicalId, id]) => `${logicalId} → ${id}`)
    .join(', ')
}
