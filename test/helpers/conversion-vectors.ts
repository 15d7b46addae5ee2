// fixtures/vectors/conversions.json and response-templates.json, typed: the conversion model's tests and the
// data plane's tests read the same cases.
import {readFileSync} from 'node:fs'

import type {ContentHandling, ConversionOutcome, PayloadKind, ResponseTemplateStep} from '../../src/core/conversion.js'

export interface ConversionVectors {
  request: {cases: Array<{payload: PayloadKind; contentTypeIsBinary: boolean; contentHandling: ContentHandling | null; outcome: ConversionOutcome}>}
  response: {cases: Array<{integrationPayload: PayloadKind; acceptIsBinary: boolean; contentHandling: ContentHandling | null; outcome: ConversionOutcome}>}
  lambdaProxy: {
    request: Array<{contentTypeIsBinary: boolean; event: {isBase64Encoded: boolean}}>
    response: Array<{returnedIsBase64Encoded: boolean; acceptIsBinary: boolean; outcome: ConversionOutcome}>
  }
  matching: {cases: Array<{header: 'Accept' | 'Content-Type'; value: string | null; binaryMediaTypes: string[]; matches: boolean}>}
}

export const CONVERSION_VECTORS = JSON.parse(readFileSync(new URL('../../fixtures/vectors/conversions.json', import.meta.url), 'utf8')) as ConversionVectors

export interface ResponseTemplateVectors {
  templateStep: {
    cases: Array<{integrationPayload: PayloadKind; acceptIsBinary: boolean; contentHandling: ContentHandling | null; outcome: ConversionOutcome; template: ResponseTemplateStep}>
  }
  mockPreflight: {
    cases: Array<{
      binaryMediaTypes: string[]
      integrationContentHandling: ContentHandling | null
      responseContentHandling: ContentHandling | null
      responseTemplate: string | null
      status: number
      fails: 'request' | 'response' | null
    }>
  }
}

export const RESPONSE_TEMPLATE_VECTORS = JSON.parse(readFileSync(new URL('../../fixtures/vectors/response-templates.json', import.meta.url), 'utf8')) as ResponseTemplateVectors
