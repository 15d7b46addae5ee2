import {readFileSync} from 'node:fs'

import {apiConfigFromOpenApi} from '../../../src/core/api-config-readers.js'
import type {VerifyProbe} from '../../../src/core/desired-spec.js'
import {base64Encode, probePayload, sha256Hex} from '../../../src/core/verify/payload.js'
import {type ProbePlanInput, type ProbeStep, planProbes, requestLine} from '../../../src/core/verify/probe-plan.js'
import {VerifyInputError} from '../../../src/core/verify/verify-input-error.js'
import {SAMPLE_BINARY_MEDIA_TYPES, imageApi, thumbnailService} from './apis.js'

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/apis/${name}`, import.meta.url), 'utf8'))
}

function plan(input: Partial<ProbePlanInput> & Pick<ProbePlanInput, 'served'>) {
  return planProbes({probes: [], binaryMediaTypes: input.served.binaryMediaTypes, ...input})
}

/** "1 upload PUT /lambda?key=probe.jpg" lines, to read a plan at a glance. */
function outline(steps: readonly ProbeStep[]): string[] {
  return steps.map((step) => `${step.id} ${step.kind} ${requestLine(step)} ${step.request.headers['Accept'] ?? ''} → ${step.expect.kind}`.trimEnd())
}

describe('the test APIs', () => {
  it('are the fixtures, read as a stage export', () => {
    expect(apiConfigFromOpenApi(fixture('image-api.oas30.json'))).toEqual(imageApi())
    expect(apiConfigFromOpenApi(fixture('thumbnail-service.oas30.json'))).toEqual(thumbnailService())
  })
})

describe('planProbes with probes', () => {
  const probes: VerifyProbe[] = [
    {route: 'PUT /lambda?key=probe.jpg', contentType: ['image/jpeg', 'application/json']},
    {route: 'GET /lambda?key=probe.jpg', accept: ['image/jpeg', 'application/json']},
  ]

  it('uploads each Content-Type with a read-back after it, then downloads', () => {
    const {steps, defaults} = plan({served: imageApi(), probes})
    expect(defaults).toBe(false)
    expect(outline(steps)).toEqual([
      '1 upload PUT /lambda?key=probe.jpg application/json → success',
      '2 read-back GET /lambda?key=probe.jpg application/json → recoverable',
      '3 upload PUT /lambda?key=probe.jpg application/json → success',
      '4 read-back GET /lambda?key=probe.jpg application/json → recoverable',
      '5 download GET /lambda?key=probe.jpg image/jpeg → bytes',
      '6 download GET /lambda?key=probe.jpg application/json → recoverable',
    ])
  })

  it('sends raw bytes for a binary Content-Type and base64 text for a text one', () => {
    const {steps, payload} = plan({served: imageApi(), probes})
    const [raw, , text] = steps
    expect(raw).toMatchObject({kind: 'upload', contentType: 'image/jpeg', encoding: 'raw', label: 'upload as image/jpeg', readBackStepId: '2'})
    expect(raw!.request.headers).toEqual({'Content-Type': 'image/jpeg', Accept: 'application/json'})
    expect(raw!.request.body).toEqual(payload)
    expect(text).toMatchObject({contentType: 'application/json', encoding: 'base64', label: 'upload as application/json (base64 text)'})
    expect(Buffer.from(text!.request.body!).toString()).toBe(base64Encode(payload))
  })

  it('compares read-backs and downloads of uploaded URLs with the payload', () => {
    const served = imageApi()
    const {steps, reference} = plan({served, probes})
    expect(reference).toEqual({sha256: sha256Hex(probePayload()), size: 256})
    expect(steps[1]).toMatchObject({kind: 'read-back', upload: {stepId: '1', contentType: 'image/jpeg', encoding: 'raw'}, expect: {kind: 'recoverable', reference}})
    // The last upload to the URL is what it holds.
    expect(steps[4]).toMatchObject({kind: 'download', accept: 'image/jpeg', upload: {stepId: '3'}, expect: {kind: 'bytes', reference}})
    expect(steps[1]!.route).toBe(served.routes[0])
    expect(steps[0]!.route).toBe(served.routes[1])
  })

  it('says an upload nothing reads back is judged by status only', () => {
    const {steps} = plan({served: thumbnailService(), probes: [{route: 'POST /upload', contentType: ['image/png']}]})
    expect(steps.map((step) => step.kind)).toEqual(['upload', 'preflight', 'preflight'])
    expect(steps[0]).toMatchObject({expect: {kind: 'success', note: 'not compared: the stage serves no GET on /upload to read it back'}})
    expect(steps[0]).not.toHaveProperty('readBackStepId')
  })

  it('reads back from readBack and compares downloads of that URL', () => {
    const {steps} = plan({
      served: thumbnailService(),
      probes: [
        {route: 'POST /upload?name=probe.png', contentType: ['image/png'], readBack: 'GET /thumbnails/probe.png'},
        {route: 'GET /thumbnails/probe.png', accept: ['image/png']},
        {route: 'GET /thumbnails/other.png', accept: ['image/png']},
      ],
    })
    expect(outline(steps.slice(0, 4))).toEqual([
      '1 upload POST /upload?name=probe.png application/json → success',
      '2 read-back GET /thumbnails/probe.png application/json → recoverable',
      '3 download GET /thumbnails/probe.png image/png → bytes',
      '4 download GET /thumbnails/other.png image/png → bytes',
    ])
    expect(steps[1]!.route.resourcePath).toBe('/thumbnails/{key}')
    expect(steps[2]).toHaveProperty('upload.stepId', '1')
    expect(steps[3]).not.toHaveProperty('upload')
    expect(steps[3]!.expect).toEqual({kind: 'bytes'})
  })

  it('downloads with the default matrix when a probe lists no Accept', () => {
    const {steps} = plan({served: imageApi(), probes: [{route: 'GET /lambda?key=cat.jpg'}]})
    expect(steps.map((step) => step.label)).toEqual(['declared binary type', 'Chrome <img>', 'Firefox <img>', 'any (*/*)', 'JSON client'])
    expect(steps.map((step) => step.expect.kind)).toEqual(['bytes', 'bytes', 'bytes', 'bytes', 'recoverable'])
    expect(steps[0]!.request).toEqual({method: 'GET', path: '/lambda?key=cat.jpg', headers: {Accept: 'application/octet-stream'}})
  })

  it('downloads what an upload probe stored when it lists Accept values, through its read-back route', () => {
    const {steps} = plan({served: imageApi(), probes: [{route: 'PUT /lambda?key=a', contentType: ['image/jpeg'], accept: ['image/jpeg']}]})
    expect(outline(steps)).toEqual(['1 upload PUT /lambda?key=a application/json → success', '2 read-back GET /lambda?key=a application/json → recoverable', '3 download GET /lambda?key=a image/jpeg → bytes'])
    expect(steps[2]).toHaveProperty('upload.stepId', '1')
    expect(steps[2]!.route.httpMethod).toBe('GET')
  })

  it('uses the payload size asked for', () => {
    const {steps, payload, reference} = plan({served: imageApi(), probes: [{route: 'PUT /lambda', contentType: ['image/jpeg']}], payloadSize: 5000})
    expect(payload.byteLength).toBe(5000)
    expect(steps[0]!.request.body!.byteLength).toBe(5000)
    expect(reference.size).toBe(5000)
  })
})

describe('planProbes without probes', () => {
  it('downloads every GET without path parameters, then checks every MOCK preflight', () => {
    const {steps, defaults} = plan({served: thumbnailService()})
    expect(defaults).toBe(true)
    expect(outline(steps)).toEqual([
      '1 download GET /status application/octet-stream → bytes',
      '2 download GET /status image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8 → bytes',
      '3 download GET /status image/avif,image/webp,*/* → bytes',
      '4 download GET /status */* → bytes',
      '5 download GET /status application/json → recoverable',
      '6 preflight OPTIONS /thumbnails/probe */* → success',
      '7 preflight OPTIONS /upload */* → success',
    ])
    expect(steps.every((step) => step.kind !== 'download' || step.expect.kind === 'success' || !step.expect.reference)).toBe(true)
  })

  it('sends preflights as a browser does: Origin, the method and headers asked about, no body', () => {
    const {steps} = plan({served: thumbnailService()})
    const preflights = steps.filter((step) => step.kind === 'preflight')
    expect(preflights.map((step) => step.label)).toEqual(['CORS preflight for GET', 'CORS preflight for POST'])
    expect(preflights[1]!.request).toEqual({
      method: 'OPTIONS',
      path: '/upload',
      headers: {Origin: 'https://example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type', Accept: '*/*'},
    })
    expect(preflights[0]!.route.resourcePath).toBe('/thumbnails/{key}')
  })

  it('uses the declared binary types for the first Accept', () => {
    const {steps} = plan({served: thumbnailService(), binaryMediaTypes: ['*/*', 'image/png']})
    expect(steps[0]!.request.headers).toEqual({Accept: 'image/png'})
  })

  it('refuses an API with nothing to try', () => {
    expect(() => plan({served: {binaryMediaTypes: [], routes: [{resourcePath: '/a/{id}', httpMethod: 'GET'}]}})).toThrow(/^nothing to verify: /)
  })
})

describe('planProbes refusals', () => {
  const refusal = (probes: VerifyProbe[], probeSource?: string) => {
    try {
      plan({served: imageApi({binaryMediaTypes: SAMPLE_BINARY_MEDIA_TYPES}), probes, ...(probeSource ? {probeSource} : {})})
    } catch (error) {
      expect(error).toBeInstanceOf(VerifyInputError)
      expect((error as Error).message).not.toContain('\n')
      return (error as Error).message
    }
    throw new Error('no refusal')
  }

  it('names the entry of a route the stage does not serve', () => {
    expect(refusal([{route: 'GET /lambda'}, {route: 'PUT /nope'}])).toBe('verify[1].route "PUT /nope": the stage serves no such route')
    expect(refusal([{route: 'POST /lambda'}])).toBe('verify[0].route "POST /lambda": the stage serves no such route')
  })

  it('refuses uploads on methods without a body', () => {
    expect(refusal([{route: 'GET /lambda', contentType: ['image/jpeg']}])).toBe(
      'verify[0].route "GET /lambda": GET requests carry no body, so there is nothing to upload; use PUT, POST or PATCH',
    )
  })

  it('refuses a readBack the API lacks or that is not a GET', () => {
    expect(refusal([{route: 'PUT /lambda', contentType: ['image/jpeg'], readBack: 'GET /elsewhere'}])).toBe('verify[0].readBack "GET /elsewhere": the stage serves no such route')
    expect(refusal([{route: 'PUT /lambda', contentType: ['image/jpeg'], readBack: 'PUT /lambda'}])).toMatch(/^verify\[0\]\.readBack "PUT \/lambda": write the GET/)
  })

  it('refuses what is not a request line, a media type or an Accept value', () => {
    expect(refusal([{route: '/lambda'}])).toMatch(/^verify\[0\]\.route "\/lambda": not a request; write "METHOD \/path\?query"/)
    expect(refusal([{route: 'PUT /lambda', contentType: ['jpeg']}])).toBe('verify[0].contentType "jpeg": not a media type such as image/png')
    expect(refusal([{route: 'GET /lambda', accept: [' ']}])).toMatch(/^verify\[0\]\.accept: an empty Accept value/)
  })

  it('refuses Accept values on an upload nothing can read back', () => {
    expect(() => plan({served: thumbnailService(), probes: [{route: 'POST /upload', contentType: ['image/png'], accept: ['image/png']}]})).toThrow(
      'verify[0].accept: the stage serves no GET on /upload to download the upload with; give readBack',
    )
  })

  it('names probes from flags as the service says', () => {
    expect(refusal([{route: 'DELETE /lambda'}], '--route')).toBe('--route[0].route "DELETE /lambda": the stage serves no such route')
  })

  it.each([0, 1.5, 10 * 1024 * 1024 + 1])('refuses payload size %p', (payloadSize) => {
    expect(() => plan({served: imageApi(), payloadSize})).toThrow(VerifyInputError)
  })
})
