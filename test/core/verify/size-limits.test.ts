import type {RouteConfig} from '../../../src/core/api-config.js'
import {API_GATEWAY_PAYLOAD_LIMIT, ENVELOPE_ALLOWANCE, LAMBDA_INVOKE_PAYLOAD_LIMIT, effectiveSizeLimit, rawBytesInBase64} from '../../../src/core/verify/size-limits.js'
import {base64Encode} from '../../../src/core/verify/payload.js'
import {imageApi, thumbnailService} from './apis.js'

const route = (type: NonNullable<RouteConfig['integration']>['type'], uri?: string): RouteConfig => ({
  resourcePath: '/x',
  httpMethod: 'PUT',
  integration: {type, ...(uri ? {uri} : {}), requestTemplateTypes: [], responses: []},
})

describe('effectiveSizeLimit', () => {
  it.each([
    ['HTTP', route('HTTP')],
    ['HTTP_PROXY', route('HTTP_PROXY')],
    ['MOCK', route('MOCK')],
    ['AWS (S3)', route('AWS', 'arn:aws:apigateway:us-east-1:s3:path/bucket/{key}')],
    ['no integration', {resourcePath: '/x', httpMethod: 'GET'}],
  ])('%s carries API Gateway’s 10 MiB', (_, target) => {
    for (const direction of ['request', 'response'] as const) {
      expect(effectiveSizeLimit(target as RouteConfig, direction)).toEqual({bytes: 10_485_760, via: 'api-gateway', reason: "API Gateway's payload limit of 10 MiB (10485760 bytes)"})
    }
  })

  it('through a Lambda proxy: the 6 MiB invoke payload less the event, as base64', () => {
    const upload = thumbnailService().routes.find((candidate) => candidate.resourcePath === '/upload' && candidate.httpMethod === 'POST')!
    const request = effectiveSizeLimit(upload, 'request')
    expect(request.bytes).toBe(Math.floor((LAMBDA_INVOKE_PAYLOAD_LIMIT - ENVELOPE_ALLOWANCE.proxyEvent) / 4) * 3)
    expect(request.bytes).toBe(4_715_520)
    expect(request.via).toBe('lambda')
    expect(request.reason).toBe(
      'through Lambda, whose 6 MiB invoke payload (6291456 bytes) carries the body base64-encoded inside the proxy event (allowing 4 KiB for the rest): about 4.5 MiB of raw bytes',
    )
    expect(effectiveSizeLimit(upload, 'response').bytes).toBe(4_717_824)
    expect(effectiveSizeLimit(upload, 'response').reason).toContain("inside the function's proxy response (allowing 1 KiB for the rest)")
  })

  it('through a Lambda custom integration: the mapping template output or the function’s result', () => {
    const [get, put] = imageApi().routes
    expect(effectiveSizeLimit(put!, 'request')).toMatchObject({bytes: 4_717_824, via: 'lambda'})
    expect(effectiveSizeLimit(put!, 'request').reason).toContain('inside the mapping template output')
    expect(effectiveSizeLimit(get!, 'response').reason).toContain("inside the function's result")
  })

  it('is always below API Gateway’s own limit', () => {
    expect(effectiveSizeLimit(route('AWS_PROXY'), 'request').bytes).toBeLessThan(API_GATEWAY_PAYLOAD_LIMIT)
  })
})

describe('rawBytesInBase64', () => {
  it('is the largest body whose base64 fits', () => {
    for (const characters of [0, 3, 4, 7, 8, 1000, 1001]) {
      const bytes = rawBytesInBase64(characters)
      expect(base64Encode(new Uint8Array(bytes)).length).toBeLessThanOrEqual(characters)
      expect(base64Encode(new Uint8Array(bytes + 1)).length).toBeGreaterThan(characters)
    }
  })
})
