// The one conversion model of API Gateway payload handling (aws-binary-facts §1.2, §1.3, §1.5), checked
// case by case against fixtures/vectors/conversions.json. Rules, finding messages and (later) the sandbox
// data plane all ask this module what happens to a body.

export type ContentHandling = 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT'
export type PayloadKind = 'text' | 'binary'

/**
 * - `text`: handed on as UTF-8 text; bytes that are not valid UTF-8 become U+FFFD.
 * - `binary`: handed on unchanged.
 * - `base64-encode`: the bytes become their base64 text.
 * - `base64-decode`: the text is decoded from base64; HTTP 500, and nothing passed on, when it is not
 *   strictly base64: a space or a line break fails it like any other character outside the alphabet
 *   (recorded: LocalStack test_apigw_s3_binary_support_request_convert_to_binary).
 */
export type ConversionOutcome = 'text' | 'binary' | 'base64-encode' | 'base64-decode'

export interface RequestConversionInput {
  /** The request Content-Type matches binaryMediaTypes. */
  contentTypeIsBinary: boolean
  contentHandling: ContentHandling | undefined
}

/** Method request → integration request, non-proxy integrations (AWS, HTTP, MOCK). */
export function convertRequest({contentTypeIsBinary, contentHandling}: RequestConversionInput): ConversionOutcome {
  if (!contentTypeIsBinary) return contentHandling === 'CONVERT_TO_BINARY' ? 'base64-decode' : 'text'
  // A matching Content-Type makes the body binary whatever its bytes are (vector note).
  return contentHandling === 'CONVERT_TO_TEXT' ? 'base64-encode' : 'binary'
}

export interface ResponseConversionInput {
  /** 'binary' only when the backend response Content-Type matches binaryMediaTypes; Lambda non-proxy is text. */
  integrationPayload: PayloadKind
  /** The first Accept entry matches binaryMediaTypes. */
  acceptIsBinary: boolean
  contentHandling: ContentHandling | undefined
}

/** Integration response → method response, non-proxy integrations. */
export function convertResponse({integrationPayload, acceptIsBinary, contentHandling}: ResponseConversionInput): ConversionOutcome {
  if (contentHandling === 'CONVERT_TO_TEXT') return integrationPayload === 'binary' ? 'base64-encode' : 'text'
  if (contentHandling === 'CONVERT_TO_BINARY') return integrationPayload === 'binary' ? 'binary' : 'base64-decode'
  if (integrationPayload === 'binary') return acceptIsBinary ? 'binary' : 'base64-encode'
  return acceptIsBinary ? 'base64-decode' : 'text'
}

/** AWS_PROXY request: the event body is base64 (isBase64Encoded) only when the Content-Type matches. */
export function convertProxyRequest(contentTypeIsBinary: boolean): {isBase64Encoded: boolean; outcome: ConversionOutcome} {
  return contentTypeIsBinary ? {isBase64Encoded: true, outcome: 'base64-encode'} : {isBase64Encoded: false, outcome: 'text'}
}

/** AWS_PROXY response: decoded only when the function said isBase64Encoded AND the first Accept matches. */
export function convertProxyResponse(returnedIsBase64Encoded: boolean, acceptIsBinary: boolean): ConversionOutcome {
  return returnedIsBase64Encoded && acceptIsBinary ? 'base64-decode' : 'text'
}
