// What a real request experiences on a route, in words, derived from the conversion model. Every finding
// message is built from these sentences so that what audit says and what API Gateway does cannot drift apart.

import {type IntegrationConfig, type RouteConfig, isLambdaCustomIntegration, routeKey} from './api-config.js'
import {type ConversionOutcome, convertProxyRequest, convertProxyResponse, convertRequest, convertResponse, convertStreamedResponse, responseTemplateStep} from './conversion.js'
import {acceptIsBinary, contentTypeIsBinary} from './media-type.js'

export interface Experience {
  outcome: ConversionOutcome
  /** The request fails with 500 instead of being converted. */
  fails: boolean
  /** A sentence without subject, e.g. "reaches the integration as UTF-8 text: …". */
  description: string
}

/** A binary upload (raw bytes) with this Content-Type. */
export function uploadExperience(route: RouteConfig, binaryMediaTypes: readonly string[], contentType: string | undefined): Experience {
  const integration = route.integration
  const isBinary = contentTypeIsBinary(contentType, binaryMediaTypes)
  if (!integration || integration.type === 'AWS_PROXY') {
    const {outcome} = convertProxyRequest(isBinary)
    return outcome === 'base64-encode'
      ? {outcome, fails: false, description: 'reaches the function base64-encoded with isBase64Encoded: true, intact'}
      : {outcome, fails: false, description: CORRUPTED_AS_TEXT.replace('the integration', 'the function')}
  }
  if (integration.type === 'HTTP_PROXY') {
    return isBinary
      ? {outcome: 'binary', fails: false, description: 'reaches the backend as the raw bytes'}
      : {outcome: 'text', fails: false, description: CORRUPTED_AS_TEXT.replace('the integration', 'the backend')}
  }
  const outcome = convertRequest({contentTypeIsBinary: isBinary, contentHandling: integration.contentHandling})
  switch (outcome) {
    case 'text':
      return {outcome, fails: false, description: CORRUPTED_AS_TEXT}
    case 'binary':
      // A mapping template renders text; raw bytes cannot go through one (aws-binary-facts §1.3, §1.6).
      if (templateApplies(integration, contentType)) {
        return {outcome, fails: true, description: 'is raw bytes that the request mapping template cannot transform: 500 Internal server error'}
      }
      // Lambda is invoked with a JSON event; raw bytes are not one (aws-binary-facts §1.6: binary into
      // Lambda needs CONVERT_TO_TEXT and a template carrying $input.body).
      return isLambdaCustomIntegration(integration)
        ? {outcome, fails: true, description: 'reaches Lambda as raw bytes instead of a JSON event: the invocation fails with 500 Internal server error'}
        : {outcome, fails: false, description: 'reaches the integration as the raw bytes, intact'}
    case 'base64-encode':
      return {outcome, fails: false, description: 'reaches the integration base64-encoded (what $input.body in a mapping template carries), intact'}
    case 'base64-decode':
      return {outcome, fails: true, description: 'is base64-decoded on the way in; raw bytes are not base64, so it fails with 500 Internal server error'}
  }
}

const CORRUPTED_AS_TEXT = 'reaches the integration as UTF-8 text: every byte that is not valid UTF-8 becomes U+FFFD, so the upload arrives corrupted'

/** A download asking for `accept`, answered by the integration response for `statusCode` (default: the default response). */
export function downloadExperience(route: RouteConfig, binaryMediaTypes: readonly string[], accept: string | undefined, statusCode?: string): Experience {
  const integration = route.integration
  if (integration?.responseTransferMode === 'STREAM') {
    return {outcome: convertStreamedResponse(), fails: false, description: 'gets the bytes as the integration streams them: a streamed response is never converted'}
  }
  const binaryAccept = acceptIsBinary(accept, binaryMediaTypes)
  if (!integration || integration.type === 'AWS_PROXY') {
    // The function is assumed to return its binary body base64-encoded with isBase64Encoded: true.
    return convertProxyResponse(true, binaryAccept) === 'base64-decode'
      ? {outcome: 'base64-decode', fails: false, description: 'gets the bytes: API Gateway decodes the base64 body the function returns'}
      : {outcome: 'text', fails: false, description: 'gets the base64 text the function returned instead of the bytes'}
  }
  const integrationPayload = payloadKind(integration, accept, binaryMediaTypes)
  const response = integration.type === 'HTTP_PROXY' ? undefined : selectResponse(integration, statusCode)
  const contentHandling = response?.contentHandling
  const outcome = convertResponse({integrationPayload, acceptIsBinary: binaryAccept, contentHandling})
  // Bytes cannot go through a response template (core/conversion.ts responseTemplateStep).
  if ((response?.responseTemplateTypes.length ?? 0) > 0 && responseTemplateStep(outcome, contentHandling) === 'fail') {
    return {outcome, fails: true, description: 'fails with 500 Internal server error: the answer is bytes by then, and the response mapping template cannot transform bytes'}
  }
  const textBackend = integrationPayload === 'text' && backendSendsText(integration)
  switch (outcome) {
    case 'text':
      return textBackend
        ? {outcome, fails: false, description: `gets the ${integration.type === 'MOCK' ? 'mapping template output' : 'base64 text the function returned'} as text, not bytes`}
        : {outcome, fails: false, description: 'gets the body as UTF-8 text: bytes that are not valid UTF-8 become U+FFFD, so the download arrives corrupted'}
    case 'base64-decode':
      return integration.type === 'MOCK'
        ? {outcome, fails: false, description: "gets an empty body: MOCK's empty answer base64-decoded, no mapping template applied"}
        : {outcome, fails: false, description: 'gets the bytes: API Gateway decodes the base64 text the function returned'}
    case 'binary':
      return integration.type === 'MOCK'
        ? {outcome, fails: false, description: "gets MOCK's empty answer as bytes"}
        : {outcome, fails: false, description: 'gets the bytes unchanged'}
    case 'base64-encode':
      return {outcome, fails: false, description: 'gets the bytes base64-encoded as text'}
  }
}

// A CORS preflight as browsers send it: no body, no Content-Type, and Accept "*/*".
export function preflightExperience(route: RouteConfig, binaryMediaTypes: readonly string[]): {request: Experience; responses: Array<{statusCode: string; experience: Experience}>} {
  const integration = route.integration
  const requestBinary = contentTypeIsBinary(undefined, binaryMediaTypes)
  const requestOutcome = convertRequest({contentTypeIsBinary: requestBinary, contentHandling: integration?.contentHandling})
  // The MOCK request template cannot transform a body that counts as binary (aws-binary-facts §1.6).
  const request: Experience =
    requestOutcome === 'binary'
      ? {outcome: requestOutcome, fails: true, description: 'fails with 500 Internal server error: the empty preflight body counts as binary and the MOCK request template cannot transform it'}
      : {outcome: requestOutcome, fails: false, description: 'passes the MOCK request template'}
  const responses = (integration?.responses ?? []).map((response) => ({
    statusCode: response.statusCode,
    experience: downloadExperience(route, binaryMediaTypes, PREFLIGHT_ACCEPT, response.statusCode),
  }))
  return {request, responses}
}

export const PREFLIGHT_ACCEPT = '*/*'

/** Lambda custom integrations answer with the JSON text of the function's result; MOCK with its template. */
function backendSendsText(integration: IntegrationConfig): boolean {
  return integration.type === 'MOCK' || isLambdaCustomIntegration(integration)
}

/**
 * The integration's payload kind: a Lambda function's JSON is text; MOCK's answer has no Content-Type, which
 * only the all-types binary media type matches (core/conversion.ts); other backends are assumed to answer
 * the media type asked for.
 */
function payloadKind(integration: IntegrationConfig, accept: string | undefined, binaryMediaTypes: readonly string[]): 'text' | 'binary' {
  if (integration.type === 'MOCK') return contentTypeIsBinary(undefined, binaryMediaTypes) ? 'binary' : 'text'
  if (isLambdaCustomIntegration(integration)) return 'text'
  return contentTypeIsBinary(accept, binaryMediaTypes) ? 'binary' : 'text'
}

// Only a template registered for the request's media type meets the body; other types pass through or are
// refused (415) according to passthroughBehavior, which is not a binary-handling question.
function templateApplies(integration: IntegrationConfig, contentType: string | undefined): boolean {
  const essence = contentType?.split(';', 1)[0]!.trim().toLowerCase()
  return essence !== undefined && integration.requestTemplateTypes.some((type) => type.toLowerCase() === essence)
}

/** The integration response a successful request meets: the one for `statusCode`, else a 2xx one, else the default. */
export function selectResponse(integration: IntegrationConfig, statusCode?: string) {
  if (statusCode !== undefined) return integration.responses.find((response) => response.statusCode === statusCode)
  return (
    integration.responses.find((response) => response.statusCode.startsWith('2')) ??
    integration.responses.find((response) => response.selectionPattern === undefined)
  )
}

/** "PUT /lambda with Content-Type: image/jpeg" — the subject of an experience sentence. */
export function uploadSubject(route: RouteConfig, contentType: string | undefined): string {
  return `${routeKey(route)} with ${contentType === undefined ? 'no Content-Type' : `Content-Type: ${contentType}`}`
}

export function downloadSubject(route: RouteConfig, accept: string | undefined): string {
  return `${routeKey(route)} with ${accept === undefined ? 'no Accept header' : `Accept: ${accept}`}`
}

/** Methods whose requests carry bodies worth uploading. */
export function acceptsUploads(route: RouteConfig): boolean {
  return ['PUT', 'POST', 'PATCH', 'ANY'].includes(route.httpMethod)
}

/** Methods whose responses may carry binary bodies. */
export function servesDownloads(route: RouteConfig): boolean {
  return ['GET', 'POST', 'PUT', 'ANY'].includes(route.httpMethod)
}
