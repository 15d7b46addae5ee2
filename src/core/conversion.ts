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
  /**
   * 'binary' only when the backend response Content-Type matches binaryMediaTypes; Lambda non-proxy is
   * text. A MOCK integration's response has no Content-Type, which only the all-types entry matches: under
   * it, MOCK's payload is binary ("API Gateway will try to convert the MOCK integration response to binary", AWS
   * support in aws/chalice #1310).
   */
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

/**
 * A streamed proxy response (responseTransferMode STREAM, HTTP_PROXY or AWS_PROXY): the bytes the
 * integration sends, whatever binaryMediaTypes, Accept or contentHandling say (developer guide,
 * response-transfer-mode.html: "Receive a binary payload without configuring the binary media types").
 * Requests are not streamed and convert as for a buffered proxy.
 */
export function convertStreamedResponse(): ConversionOutcome {
  return 'binary'
}

/** AWS_PROXY response: decoded only when the function said isBase64Encoded AND the first Accept matches. */
export function convertProxyResponse(returnedIsBase64Encoded: boolean, acceptIsBinary: boolean): ConversionOutcome {
  return returnedIsBase64Encoded && acceptIsBinary ? 'base64-decode' : 'text'
}

/**
 * What a response mapping template defined for the response does with the body after the response
 * conversion. A template renders text: `render` it. Bytes cannot go through one ("Execution failed due to
 * configuration error: Unable to transform response", 500) when they come from CONVERT_TO_BINARY or from a
 * binary payload passed on as it is: `fail`. The one exception is the implicit decode of a text payload
 * for a binary Accept with contentHandling unset, which returns the blob without the template: `skip`.
 * An empty template counts as a template here.
 *
 * Sources: recorded in LocalStack's test_apigw_s3_binary_support_response_convert_to_binary_with_request_template
 * (CONVERT_TO_BINARY and a template: 500; CONVERT_TO_TEXT and the same template: the text); serverless
 * #7243 (a MOCK preflight under the all-types binary media type, integration CONVERT_TO_TEXT, its response's empty
 * template: "Unable to transform response") with #10254 and PR #11010 (fixed by CONVERT_TO_TEXT on the
 * integration response); aws/chalice #1310 (a MOCK preflight without response templates fixed by the
 * integration's CONVERT_TO_TEXT alone); the developer guide's binary image sample (a Lambda's base64 text,
 * a binary Accept and an application/json template: the image comes back) and "Content type conversions
 * in API Gateway" (no template for a text-to-binary conversion).
 */
export type ResponseTemplateStep = 'render' | 'skip' | 'fail'

export function responseTemplateStep(outcome: ConversionOutcome, contentHandling: ContentHandling | undefined): ResponseTemplateStep {
  switch (outcome) {
    case 'text':
    case 'base64-encode':
      return 'render'
    case 'binary':
      return 'fail'
    case 'base64-decode':
      return contentHandling === 'CONVERT_TO_BINARY' ? 'fail' : 'skip'
  }
}
