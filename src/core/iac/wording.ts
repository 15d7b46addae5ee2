// The sentences every format's comments share: what the snippet is for, which integration a method has,
// why it is covered. Plain lines; each generator adds its own comment marker.

import type {DurableChange, MethodSetting} from './durable-change.js'
import type {IacFormat} from './formats.js'
import {type SourceNames, nameSource, routeName} from './names.js'

export function headerLines(change: DurableChange, format: IacFormat): string[] {
  const where = [change.region ? ` in ${change.region}` : '', change.stage ? `, stage ${change.stage}` : ''].join('')
  const spec = change.spec.file === null ? 'the --binary-type flags want' : `${change.spec.file} wants`
  const state =
    change.differences === 0
      ? 'The live working copy already has these values: declaring them keeps the next deploy from undoing them.'
      : `${change.differences} of these values differ from the live working copy: deploying this makes the fix and keeps it.`
  return [`apigw-binfix iac --format ${format}: the binary settings of ${change.api.name} (${change.api.id})${where},`, `as ${spec} them.`, state]
}

/** "Lambda non-proxy integration (function image)", "CORS preflight (MOCK integration)". */
export function describeIntegration(method: MethodSetting): string {
  const fn = method.lambdaFunction ? ` (function ${method.lambdaFunction})` : ''
  if (method.preflight) return 'CORS preflight (MOCK integration)'
  switch (method.integrationType) {
    case 'AWS':
      return method.lambdaFunction ? `Lambda non-proxy integration${fn}` : 'AWS service integration'
    case 'AWS_PROXY':
      return `Lambda proxy integration${fn}`
    case 'HTTP':
      return 'HTTP integration'
    case 'HTTP_PROXY':
      return 'HTTP proxy integration'
    case 'MOCK':
      return 'MOCK integration'
  }
}

/** "PUT /lambda, Lambda non-proxy integration (function image), set by spec route "PUT /lambda"". */
export function methodTitle(method: MethodSetting): string {
  const because = method.because.length > 0 ? `; ${method.because.map(reasonWord).join(', ')}` : ''
  return `${routeName(method)}: ${describeIntegration(method)}${because}`
}

function reasonWord(reason: string): string {
  return reason === 'preflight-hazard' ? 'keeps the CORS preflight answering (preflight-hazard)' : reason.startsWith('spec route') ? `from ${reason}` : reason
}

/** "RestApi stands for its logical id" for a placeholder; "ImagesApi is its logical id in stack image-api" for a known name. */
export function logicalIdNote(id: string, known: boolean, names: SourceNames): string {
  return known ? `${id} is its logical id in ${nameSource(names)}` : `${id} stands for its logical id`
}

/** Lines that say which covered settings are unset (PASSTHROUGH): formats express that by leaving the key out. */
export function unsetNote(property: string): string {
  return `${property}: ${UNSET_ADVICE}`
}

/**
 * What a stated transfer mode means (developer guide, response-transfer-mode.html), and for a Lambda proxy
 * to stream on Invoke's URI, that `uriProperty` changes with it.
 */
export function streamingNote(method: MethodSetting, uriProperty: string): string[] {
  const mode = method.transferMode
  if (!mode) return []
  if (mode.desired === 'BUFFERED') return ['BUFFERED: API Gateway waits for the whole response (10 MB, 29 s by default) and converts binary by binaryMediaTypes.']
  return [
    'STREAM: API Gateway sends the response on as it arrives, its bytes unconverted: no binary media type or',
    'isBase64Encoded needed; up to 15 minutes. Only HTTP_PROXY and AWS_PROXY integrations stream.',
    ...(mode.uri ? [`${uriProperty}: a Lambda proxy streams through InvokeWithResponseStream (2021-11-15/…/response-streaming-invocations).`] : []),
  ]
}

export const UNSET_ADVICE = 'leave it out (PASSTHROUGH = unset); remove it where your source sets it.'

/** Said once wherever a list loses entries: merge-mode imports and some tools never remove them. */
export function removedNote(removed: readonly string[]): string[] {
  if (removed.length === 0) return []
  return [`Removed from the list: ${removed.join(', ')}. Deploy tools that import an OpenAPI body in merge mode`, 'leave removed entries live (PutRestApi merge only adds): check with apigw-binfix audit after deploying.']
}
