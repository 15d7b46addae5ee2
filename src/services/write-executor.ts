// Sends journaled writes. Each write is announced in the journal (and flushed) before it is sent and
// confirmed after, so a crash between the two leaves a record of a write that may or may not have
// happened; a re-run re-reads the API and sends only what is still missing.
//
// A write whose outcome is unknown (a 5xx or a dropped connection on a call that is not safe to repeat)
// is settled by reading, as WRITE_SETTLEMENTS (src/core/write-operations.ts) says for its operation:
// UpdateRestApi resends only the add/remove operations the API does not show yet; CreateDeployment is
// adopted when the stage now serves a deployment with our description.

import type {ApiGatewayClient, AwsConnectionOptions} from './api-gateway-port.js'
import {AwsCallError} from '../core/errors.js'
import type {PatchCall, PatchOperation} from '../core/fix-calls.js'
import {unescapePointerSegment} from '../core/json-pointer.js'
import {type LostAnswerCheck, type StageRepoint, lostAnswerCheck} from '../core/write-operations.js'
import {type IoHost, message} from './io-host.js'
import type {Journal} from './journal-port.js'
import {step} from './tasks.js'


/** The SDK-backed client, loaded on first use. */
export async function connectApiGateway(connection: AwsConnectionOptions): Promise<ApiGatewayClient> {
  const {createApiGatewayClient} = await import('../aws/clients.js')
  return createApiGatewayClient(connection)
}

export interface WriteContext {
  client: ApiGatewayClient
  journal: Journal
  io: IoHost
  /** Aborted by Ctrl-C: no new write starts; the one in flight is finished (or settled) and recorded. */
  signal?: AbortSignal
}

/** Attempts to settle one write whose outcome stays unknown before giving up. */
const MAX_SETTLE_ATTEMPTS = 6
const BINARY_MEDIA_TYPES_PREFIX = '/binaryMediaTypes/'

/**
 * Sends `calls` in order, each announced in the journal (which numbers the steps) before it is sent and
 * confirmed after. Returns the calls an interruption left unsent (none when all were sent).
 */
export async function sendJournaledPatches(context: WriteContext, calls: readonly PatchCall[], describe: (call: PatchCall) => string): Promise<PatchCall[]> {
  for (const [index, call] of calls.entries()) {
    if (context.signal?.aborted) return calls.slice(index)
    const number = context.journal.announceWrite(call)
    await step(context.io, describe(call), async () => {
      await sendPatch(context, call)
      context.journal.confirmWrite(number)
    })
  }
  return []
}

/** CreateDeployment for `stageName`, exactly once even when an answer is lost; returns the new id. */
export async function deployStage(context: WriteContext, restApiId: string, stageName: string, description: string, priorDeploymentId: string | null): Promise<string> {
  context.journal.record({entry: 'deploy', stage: stageName, description})
  return step(
    context.io,
    `CreateDeployment ${stageName}`,
    async () => {
      const id = await createDeploymentOnce(context, restApiId, stageName, description, priorDeploymentId)
      context.journal.record({entry: 'deployed', deploymentId: id})
      return id
    },
    (id) => id,
  )
}

/** UpdateStage replace /deploymentId: the journal's rollback entry, written before, announces it. */
export async function pointStage(context: WriteContext, repoint: StageRepoint, fromDeploymentId: string): Promise<void> {
  await step(context.io, `UpdateStage ${repoint.stageName}: deploymentId ${fromDeploymentId} → ${repoint.deploymentId}`, () => context.client.pointStageAt(repoint.restApiId, repoint.stageName, repoint.deploymentId))
}

async function sendPatch(context: WriteContext, call: PatchCall): Promise<void> {
  let pending: PatchCall = call
  for (let attempt = 1; ; attempt++) {
    try {
      await send(context.client, pending)
      return
    } catch (error) {
      const lost = lostAnswerCheck(pending.operation)
      if (!isAmbiguous(error) || lost === undefined || attempt >= MAX_SETTLE_ATTEMPTS) throw error
      await context.io.notify(message('info', 'write.answer-lost', `${pending.operation}: the answer was lost; ${lost.note}`, {operation: pending.operation}))
      const unsettled = await settlePatch[lost.check](context.client, pending)
      if (unsettled === undefined) return
      pending = unsettled
    }
  }
}

/**
 * How a patch whose answer was lost is settled, by the check WRITE_SETTLEMENTS names: the part still to
 * send, or undefined when all of it landed. A check that settles no patch fails: the table is wrong.
 */
const settlePatch: Record<LostAnswerCheck['check'], (client: ApiGatewayClient, call: PatchCall) => Promise<PatchCall | undefined>> = {
  'binary-media-types': async (client, call) => {
    const listed = (await client.getRestApi(call.restApiId)).binaryMediaTypes
    const missing = call.patchOperations.filter((operation) => !binaryMediaTypeOperationHolds(operation, listed))
    return missing.length === 0 ? undefined : {...call, patchOperations: missing}
  },
  'new-deployment': async (_client, call) => {
    throw new Error(`${call.operation}: WRITE_SETTLEMENTS settles it as a deployment, which it is not`)
  },
}

async function createDeploymentOnce(context: WriteContext, restApiId: string, stageName: string, description: string, priorDeploymentId: string | null): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await context.client.createDeployment(restApiId, stageName, description)).id
    } catch (error) {
      const lost = lostAnswerCheck('CreateDeployment')
      if (!isAmbiguous(error) || lost?.check !== 'new-deployment' || attempt >= MAX_SETTLE_ATTEMPTS) throw error
      await context.io.notify(message('info', 'write.answer-lost', `CreateDeployment: the answer was lost; ${lost.note}`, {operation: 'CreateDeployment'}))
      const adopted = await deploymentMadeByUs(context.client, restApiId, stageName, description, priorDeploymentId)
      if (adopted !== undefined) return adopted
    }
  }
}

/** The stage's deployment when it is new and carries our description (so it is the one we asked for). */
async function deploymentMadeByUs(client: ApiGatewayClient, restApiId: string, stageName: string, description: string, priorDeploymentId: string | null): Promise<string | undefined> {
  const stage = await client.getStage(restApiId, stageName)
  if (stage.deploymentId === '' || stage.deploymentId === priorDeploymentId) return undefined
  const deployment = await client.getDeployment(restApiId, stage.deploymentId)
  return deployment.description === description ? deployment.id : undefined
}

function send(client: ApiGatewayClient, call: PatchCall): Promise<void> {
  switch (call.operation) {
    case 'UpdateRestApi':
      return client.updateRestApi(call.restApiId, call.patchOperations)
    case 'UpdateIntegration':
      return client.updateIntegration(call.restApiId, call.resourceId, call.httpMethod, call.patchOperations)
    case 'UpdateIntegrationResponse':
      return client.updateIntegrationResponse(call.restApiId, call.resourceId, call.httpMethod, call.statusCode, call.patchOperations)
  }
}

/** Whether the API already shows what an add/remove of a binary media type asks for. */
function binaryMediaTypeOperationHolds(operation: PatchOperation, listed: readonly string[]): boolean {
  if (!operation.path.startsWith(BINARY_MEDIA_TYPES_PREFIX)) return false
  const mediaType = unescapePointerSegment(operation.path.slice(BINARY_MEDIA_TYPES_PREFIX.length))
  if (operation.op === 'add') return listed.includes(mediaType)
  if (operation.op === 'remove') return !listed.includes(mediaType)
  return false
}

function isAmbiguous(error: unknown): boolean {
  return error instanceof AwsCallError && error.kind === 'ambiguous'
}
