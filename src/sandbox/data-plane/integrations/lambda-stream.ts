// AWS_PROXY with responseTransferMode STREAM: API Gateway invokes the function with InvokeWithResponseStream
// and reads what it writes as the metadata's JSON (statusCode, headers, multiValueHeaders, cookies), a
// delimiter of 8 null bytes, then the body, which it passes on as it arrives (developer guide,
// response-transfer-mode-lambda.html, "Lambda proxy integration format for response streaming"). The
// request side is the buffered proxy's: the same event, its body converted by binaryMediaTypes; the
// response is never converted.

import {convertProxyRequest} from '../../../core/conversion.js'
import {contentTypeIsBinary} from '../../../core/media-type.js'
import {GatewayResponse, endpointRequestTimedOut, internalServerError, lambdaFunctionNotFound, lambdaRequestTooLong} from '../gateway-responses.js'
import {checkHeaderMappings, methodResponseHeaders} from '../integration-headers.js'
import {header, type Invocation} from '../invocation.js'
import {mapRequestParameters, renderUri} from '../parameter-mapping.js'
import {applyOutcome, payloadText} from '../payload.js'
import {ChunkQueue, type StreamedResponse} from '../streamed-response.js'
import {functionName} from './lambda-invoke.js'
import {mergedHeaders} from './lambda-proxy.js'
import {proxyEvent} from './proxy-event.js'

const STREAMING_PATH = /:lambda:path\/2021-11-15\/functions\/.+\/response-streaming-invocations$/
const DELIMITER = Buffer.alloc(8)

// What API Gateway answers when the function's output is not the streaming format, or the function fails
// before its metadata: no source records it for streaming; the sandbox answers as the buffered proxy does
// for a malformed result or a function error, 502 Internal server error (developer guide
// "handle-errors-in-lambda-integration").
const badGateway = () => internalServerError(502)

export async function invokeLambdaStream(invocation: Invocation): Promise<StreamedResponse> {
  const {request, snapshot, integration} = invocation
  // As for the buffered proxy: Lambda is only invoked with POST (LocalStack PR #11183).
  if (integration.httpMethod !== 'POST') throw internalServerError()
  checkHeaderMappings('AWS_PROXY', mapRequestParameters(invocation).header)
  const uri = renderUri(integration.uri ?? '', {}, invocation.stageVariables)
  // STREAM needs InvokeWithResponseStream's URI (response-transfer-mode-lambda.html: "This results in a
  // different URI"); what AWS answers with Invoke's `/invocations` no source says. The sandbox treats it
  // as an integration it cannot call: 500 Internal server error, the function not invoked. audit reports
  // the URI (core/rules/streaming.ts).
  if (!STREAMING_PATH.test(uri)) throw internalServerError()
  const name = functionName(integration.uri ?? '', invocation.stageVariables)
  if (name === undefined) throw internalServerError()

  const converted = convertProxyRequest(contentTypeIsBinary(header(request, 'content-type'), snapshot.binaryMediaTypes))
  const body = payloadText(applyOutcome(converted.outcome, {kind: 'binary', bytes: request.body}))
  const eventJson = JSON.stringify(proxyEvent(invocation, body, converted.isBase64Encoded))

  const queue = new ChunkQueue()
  const deadline = Date.now() + integration.timeoutInMillis
  // Past the integration timeout the stream is cut wherever it is (a stream runs up to 15 minutes).
  const cut = setTimeout(() => queue.fail(endpointRequestTimedOut()), integration.timeoutInMillis)
  cut.unref()
  void invocation.lambdas
    .invokeWithResponseStream(name, eventJson, {region: invocation.region, accountId: invocation.accountId, deadline}, (bytes) => queue.push(bytes))
    .then(
      (result) => {
        switch (result.kind) {
          case 'streamed':
            return queue.end()
          // A function that does not stream answers its result whole, which has no delimiter.
          case 'result':
            queue.push(Buffer.from(result.payload))
            return queue.end()
          case 'not-found':
            return queue.fail(lambdaFunctionNotFound(name))
          case 'event-too-large':
            return queue.fail(lambdaRequestTooLong())
          case 'invalid-event':
            return queue.fail(internalServerError())
          default:
            return queue.fail(badGateway())
        }
      },
      () => queue.fail(internalServerError()),
    )
    .finally(() => clearTimeout(cut))

  const metadata = await readMetadata(queue)
  const headers = methodResponseHeaders('AWS_PROXY', [...mergedHeaders(metadata), ...(metadata.cookies ?? []).map((cookie): [string, string] => ['Set-Cookie', cookie])])
  return {kind: 'streamed', statusCode: metadata.statusCode ?? 200, headers, body: queue}
}

interface StreamMetadata {
  statusCode?: number
  headers?: Record<string, string | boolean | number> | null
  multiValueHeaders?: Record<string, Array<string | boolean | number>> | null
  cookies?: string[]
}

/** Reads up to the delimiter; the bytes after it are left in the queue as the body's first. */
async function readMetadata(queue: ChunkQueue): Promise<StreamMetadata> {
  let head = Buffer.alloc(0)
  const reader = queue[Symbol.asyncIterator]()
  try {
    for (;;) {
      let next: IteratorResult<Buffer>
      try {
        next = await reader.next()
      } catch (error) {
        // The timeout, or the function failing, before the metadata was complete.
        throw error instanceof GatewayResponse ? error : badGateway()
      }
      if (next.done) throw badGateway()
      head = Buffer.concat([head, next.value])
      const at = head.indexOf(DELIMITER)
      if (at < 0) continue
      queue.unshift(head.subarray(at + DELIMITER.length))
      const metadata = parseMetadata(head.subarray(0, at))
      if (!metadata) throw badGateway()
      return metadata
    }
  } finally {
    await reader.return?.()
  }
}

function parseMetadata(bytes: Buffer): StreamMetadata | undefined {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const {statusCode, headers, multiValueHeaders, cookies} = value as Record<string, unknown>
  if (statusCode !== undefined && statusCode !== null && !/^\d+$/.test(String(statusCode))) return undefined
  const status = statusCode === undefined || statusCode === null ? undefined : Number(statusCode)
  if (status !== undefined && (status < 100 || status > 599)) return undefined
  if (headers !== undefined && headers !== null && !isMapOf(headers, isScalar)) return undefined
  if (multiValueHeaders !== undefined && multiValueHeaders !== null && !isMapOf(multiValueHeaders, (item) => Array.isArray(item) && item.every(isScalar))) return undefined
  if (cookies !== undefined && (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === 'string'))) return undefined
  return {statusCode: status, headers: headers as StreamMetadata['headers'], multiValueHeaders: multiValueHeaders as StreamMetadata['multiValueHeaders'], cookies: cookies as string[] | undefined}
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number'
}

function isMapOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(check)
}
