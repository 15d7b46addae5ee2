// `init`: writes a desired spec from the live working copy of an API. Reads only; the one write is the
// local file, made after every question is answered (write-then-rename, so a failure leaves no half file).

import {existsSync, statSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import type {ApiGatewayReader, AwsConnectionOptions} from './api-gateway-port.js'
import {createApiGatewayReader} from '../aws/clients.js'
import {apiConfigFromResources} from '../core/api-config-readers.js'
import type {DesiredSpec} from '../core/desired-spec.js'
import {DeclinedError, UsageError} from '../core/errors.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'
import {type LiveApi, type SpecProposal, describeRouteRule, leftOutWarning, narrowSpec, proposeSpec, renderSpecYaml} from '../desired-spec/write-spec.js'
import {type IoHost, checklist, confirmation, message} from './io-host.js'
import {writeAtomically} from './out-file.js'
import {type CloudFormationFactory, LazyCloudFormation} from './cloudformation-connection.js'
import {type StackTarget, resolveApi, specTarget} from './target.js'

export interface InitRequest {
  /** The `<api>` argument: an id or a name. Without it, `api:` (and `region:`) of ./binfix.yaml. */
  api?: string
  /** --stack/--logical-id: the REST API that stack deploys. */
  stack?: StackTarget
  /** The Region, when given, is written into the spec too. */
  connection: AwsConnectionOptions
  /** --out, relative to cwd. */
  out: string
  /** Keep the live state as it is, without asking. */
  yes: boolean
  /** Overwrite `out` without asking. */
  force: boolean
  /** stdin and stdout are a terminal. */
  interactive: boolean
  cwd: string
}

export type ReaderFactory = (options: AwsConnectionOptions) => Promise<ApiGatewayReader & {close?(): void}>

export interface InitDependencies {
  /** Warns about what the spec leaves out and asks what to keep. */
  io: IoHost
  now: () => Date
  /** createApiGatewayReader unless a test says otherwise. */
  createReader?: ReaderFactory
  createCloudFormation?: CloudFormationFactory
}

export interface InitResult {
  /** As given with --out. */
  out: string
  spec: DesiredSpec
  api: {id: string; name: string}
}


export async function initSpec(request: InitRequest, dependencies: InitDependencies): Promise<InitResult> {
  const target = resolve(request.cwd, request.out)
  const exists = checkOut(request.out, target)
  if (!request.yes && !request.interactive) {
    throw new UsageError('init asks which settings to keep, and this is not a terminal: pass --yes to write the live state as it is')
  }
  if (exists && !request.force) {
    if (request.yes) throw new UsageError(`--out ${request.out}: already exists; pass --force to overwrite it`)
    // --yes alone never replaces a file (it needs --force).
    const overwrite = await dependencies.io.requestResponse(confirmation('init.overwrite', `${request.out} exists. Overwrite it?`, false))
    if (!overwrite) throw new DeclinedError(`${request.out} left as it was`)
  }
  // Read only when no <api> is given: a broken binfix.yaml must not stand in the way of `init <api>`.
  const named = request.api !== undefined || request.stack !== undefined
  const existing = named ? undefined : await loadDesiredSpec({cwd: request.cwd})
  if (!named && existing?.api === undefined) {
    throw new UsageError('No REST API given: pass <api> (an id or a name) or set api: in binfix.yaml')
  }
  // The Region written next to `api:` belongs to it; a --region flag still wins.
  const region = request.connection.region ?? existing?.region

  const live = await readLiveApi(request, existing, region, dependencies)
  const proposal = proposeSpec(live, {file: request.out, ...(region === undefined ? {} : {region})})
  for (const left of proposal.leftOut) await dependencies.io.notify(message('warn', 'init.left-out', leftOutWarning(left), left))

  if (isEmpty(proposal.spec)) await confirmEmptySpec(live, request, dependencies)
  const spec = request.yes ? proposal.spec : await chosenSpec(proposal, dependencies.io)
  const text = renderSpecYaml(spec, {apiId: live.id, apiName: live.name, writtenAt: dependencies.now(), ...(proposal.verifyExample ? {verifyExample: proposal.verifyExample} : {})})
  await writeAtomically(target, text, request.out, {replace: exists})
  return {out: request.out, spec, api: {id: live.id, name: live.name}}
}

async function readLiveApi(request: InitRequest, spec: DesiredSpec | undefined, region: string | undefined, dependencies: InitDependencies): Promise<LiveApi> {
  const connection = {...request.connection, ...(region === undefined ? {} : {region})}
  const reader = await (dependencies.createReader ?? createApiGatewayReader)(connection)
  const cloudFormation = new LazyCloudFormation(connection, dependencies.createCloudFormation)
  try {
    const api = await resolveApi(reader, {api: request.api, stack: request.stack, ...specTarget(spec)}, cloudFormation)
    return {id: api.id, name: api.name, config: apiConfigFromResources(api.binaryMediaTypes, await reader.getResources(api.id))}
  } finally {
    reader.close?.()
    await cloudFormation.close()
  }
}

/** Whether `out` exists; a directory or a missing parent directory is refused before anything is read. */
function checkOut(out: string, target: string): boolean {
  const parent = dirname(target)
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new UsageError(`--out ${out}: no such directory ${parent}`)
  if (!existsSync(target)) return false
  if (statSync(target).isDirectory()) throw new UsageError(`--out ${out}: is a directory`)
  return true
}

function isEmpty(spec: DesiredSpec): boolean {
  return spec.binaryMediaTypes.length === 0 && spec.routes.length === 0
}

/**
 * An API with no binary media types and no contentHandling gives a spec that asks for nothing: audits
 * against it are "in sync" whatever the API serves. Asked before writing (--yes writes it, with a warning).
 */
async function confirmEmptySpec(live: LiveApi, request: InitRequest, dependencies: InitDependencies): Promise<void> {
  const what = `REST API ${live.name} (${live.id}) lists no binary media types and no route sets contentHandling, so the spec would ask for nothing`
  if (request.yes) {
    await dependencies.io.notify(message('warn', 'init.empty-spec', `${what}: add the types it serves as binary (binaryMediaTypes:) before relying on it`, {api: {id: live.id, name: live.name}}))
    return
  }
  const write = await dependencies.io.requestResponse(confirmation('init.write-empty', `${what}. Write it anyway (add binaryMediaTypes: by hand after)?`, true))
  if (!write) throw new DeclinedError(`Nothing written: add the types the API serves as binary with --binary-type when auditing, or in ${request.out}`)
}

// The defaults are what --yes keeps: everything.
async function chosenSpec(proposal: SpecProposal, io: IoHost): Promise<DesiredSpec> {
  const {spec} = proposal
  const binaryMediaTypes =
    spec.binaryMediaTypes.length === 0
      ? []
      : await io.requestResponse(
          checklist(
            'init.keep-types',
            'Binary media types to keep',
            spec.binaryMediaTypes.map((type) => ({value: type, name: type, checked: true})),
            spec.binaryMediaTypes,
          ),
        )
  const routeKeys =
    spec.routes.length === 0
      ? []
      : await io.requestResponse(
          checklist(
            'init.keep-routes',
            'Route settings to keep',
            spec.routes.map((rule) => ({value: rule.key, name: describeRouteRule(rule), short: rule.key, checked: true})),
            spec.routes.map((rule) => rule.key),
          ),
        )
  return narrowSpec(spec, {binaryMediaTypes, routeKeys})
}
