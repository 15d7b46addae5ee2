import type {ApiConfig} from '../../../src/core/api-config.js'
import type {VerifyProbe} from '../../../src/core/desired-spec.js'
import {type Cause, type ExplainContext, explainFailure} from '../../../src/core/verify/causes.js'
import {type Observation, type Verdict, judge} from '../../../src/core/verify/judge.js'
import {base64Encode, probePayload, utf8Bytes, utf8Mangled} from '../../../src/core/verify/payload.js'
import {type ProbePlan, type ProbeStep, planProbes} from '../../../src/core/verify/probe-plan.js'
import type {StepResult} from '../../../src/core/verify/summary.js'
import {imageApi, thumbnailService, withIntegration} from './apis.js'

const INTERNAL_ERROR = '{"message": "Internal server error"}'

function answer(body: Uint8Array | string, status = 200): Observation {
  return {status, headers: {}, body: typeof body === 'string' ? utf8Bytes(body) : body}
}

interface Scenario {
  served: ApiConfig
  working?: ApiConfig
  probes?: VerifyProbe[]
  payloadSize?: number
}

function planFor({served, probes = [], payloadSize}: Scenario): ProbePlan {
  return planProbes({served, probes, binaryMediaTypes: served.binaryMediaTypes, ...(payloadSize ? {payloadSize} : {})})
}

/** Judge `observation` for the step labelled `label` (or of `kind`) and explain it. */
function explain(scenario: Scenario, pick: (step: ProbeStep) => boolean, observation: (payload: Uint8Array) => Observation, earlier: StepResult[] = []): {verdict: Verdict; cause: Cause} {
  const plan = planFor(scenario)
  const step = plan.steps.find(pick)
  if (!step) throw new Error('no such step')
  const verdict = judge(step, observation(plan.payload), plan.payload)
  expect(verdict.pass).toBe(false)
  const context: ExplainContext = {served: scenario.served, stage: 'v1', earlier, ...(scenario.working ? {working: scenario.working} : {})}
  return {verdict, cause: explainFailure(step, verdict, context)}
}

const labelled = (label: string) => (step: ProbeStep) => step.label === label
const kind = (wanted: ProbeStep['kind'], label?: string) => (step: ProbeStep) => step.kind === wanted && (label === undefined || step.label === label)

describe('the AWS sample image API', () => {
  const uploadAndDownload: VerifyProbe[] = [{route: 'PUT /lambda?key=probe.jpg', contentType: ['image/jpeg']}, {route: 'GET /lambda?key=probe.jpg'}]

  it('names the first Accept entry a browser sends when it gets base64 text', () => {
    const {cause} = explain({served: imageApi(), probes: uploadAndDownload}, labelled('Chrome <img>'), (payload) => answer(base64Encode(payload)))
    expect(cause).toEqual({
      setting: 'binaryMediaTypes',
      sentence: 'came back as base64 text because the first Accept entry `image/avif` is not in binaryMediaTypes (application/octet-stream, image/jpeg)',
      fix: 'add image/avif to binaryMediaTypes, or set contentHandling CONVERT_TO_BINARY for status 200 of GET /lambda',
    })
  })

  it('says a wildcard Accept is never expanded', () => {
    const {cause} = explain({served: imageApi(), probes: uploadAndDownload}, labelled('any (*/*)'), (payload) => answer(base64Encode(payload)))
    expect(cause.sentence).toBe(
      'came back as base64 text because the first Accept entry `*/*` is not in binaryMediaTypes (application/octet-stream, image/jpeg); an Accept of `*/*` matches only a `*/*` entry',
    )
    expect(cause.fix).toMatch(/^add \*\/\* to binaryMediaTypes \(MOCK OPTIONS methods then need contentHandling CONVERT_TO_TEXT\)/)
  })

  it('without CONVERT_TO_TEXT on PUT, a binary upload fails: the bytes cannot become a JSON event', () => {
    const served = imageApi({putHandling: undefined})
    const {cause} = explain({served, probes: uploadAndDownload}, kind('upload'), () => answer(INTERNAL_ERROR, 500))
    expect(cause).toEqual({
      setting: 'integration.contentHandling',
      sentence: "PUT /lambda's integration has no contentHandling: the raw bytes cannot become the JSON event Lambda is invoked with",
      fix: 'set contentHandling CONVERT_TO_TEXT on the integration of PUT /lambda',
    })
  })

  it('with a mapping template for the Content-Type, says the template cannot take raw bytes', () => {
    const served = withIntegration(imageApi({putHandling: undefined}), 'PUT', '/lambda', {requestTemplateTypes: ['application/json', 'image/jpeg']})
    const {cause} = explain({served, probes: uploadAndDownload}, kind('upload'), () => answer(INTERNAL_ERROR, 500))
    expect(cause.sentence).toBe("PUT /lambda's integration has no contentHandling: the raw bytes cannot go through the request mapping template")
  })

  it('without its binaryMediaTypes, the upload is damaged on the way in', () => {
    const served = imageApi({binaryMediaTypes: []})
    const {verdict, cause} = explain({served, probes: uploadAndDownload}, kind('read-back'), (payload) => answer(JSON.stringify({image: base64Encode(utf8Mangled(payload))})))
    expect(verdict.observed).toBe('base64-of-mangled')
    expect(cause).toEqual({
      setting: 'binaryMediaTypes',
      sentence:
        'Content-Type `image/jpeg` is not in binaryMediaTypes (which is empty), so API Gateway handed the body on as UTF-8 text and every byte that is not valid UTF-8 became U+FFFD',
      fix: 'add image/jpeg to binaryMediaTypes',
    })
  })

  it('names both stages when the upload is damaged and the download comes back as base64', () => {
    const served = imageApi({binaryMediaTypes: []})
    const {cause} = explain({served, probes: uploadAndDownload}, labelled('declared binary type'), (payload) => answer(base64Encode(utf8Mangled(payload))))
    expect(cause.setting).toBe('binaryMediaTypes')
    expect(cause.sentence).toBe(
      'Content-Type `image/jpeg` is not in binaryMediaTypes (which is empty), so API Gateway handed the body on as UTF-8 text and every byte that is not valid UTF-8 became U+FFFD; also, came back as base64 text because the first Accept entry `application/octet-stream` is not in binaryMediaTypes (which is empty)',
    )
    expect(cause.fix).toBe('add image/jpeg to binaryMediaTypes; add application/octet-stream to binaryMediaTypes, or set contentHandling CONVERT_TO_BINARY for status 200 of GET /lambda')
  })

  it('names the integration response and its value when it keeps the answer text', () => {
    const served = imageApi({getResponseHandling: 'CONVERT_TO_TEXT'})
    const {cause} = explain({served, probes: uploadAndDownload}, labelled('declared binary type'), (payload) => answer(base64Encode(payload)))
    expect(cause).toEqual({
      setting: 'integrationResponse.contentHandling',
      sentence: 'came back as base64 text because status 200 of GET /lambda has contentHandling CONVERT_TO_TEXT',
      fix: 'set contentHandling CONVERT_TO_BINARY for status 200 of GET /lambda',
    })
  })

  it('blames the function when API Gateway decodes its result and gets a 500', () => {
    const {cause} = explain({served: imageApi(), probes: uploadAndDownload}, labelled('declared binary type'), () => answer(INTERNAL_ERROR, 500))
    expect(cause).toEqual({
      setting: 'function-output',
      sentence: "API Gateway base64-decodes the function's result for the first Accept entry `application/octet-stream`, and the result is not base64 text (or the function failed)",
      fix: "return the file's base64 text from the function",
    })
  })

  describe('with */* in binaryMediaTypes', () => {
    const served = imageApi({binaryMediaTypes: ['*/*']})
    const textUpload: VerifyProbe[] = [{route: 'PUT /lambda?key=probe.jpg', contentType: ['application/json']}]

    it('a JSON upload is encoded a second time by CONVERT_TO_TEXT', () => {
      const {verdict, cause} = explain({served, probes: textUpload}, kind('read-back'), (payload) => answer(JSON.stringify({image: base64Encode(utf8Bytes(base64Encode(payload)))})))
      expect(verdict.observed).toBe('double-base64')
      expect(cause).toEqual({
        setting: 'binaryMediaTypes',
        sentence: "Content-Type `application/json` matches `*/*` in binaryMediaTypes, so PUT /lambda's CONVERT_TO_TEXT base64-encoded the base64 text a second time",
        fix: 'list the binary types in binaryMediaTypes instead of `*/*`, so text bodies stay text',
      })
    })

    it('the upload’s own JSON answer is base64-decoded', () => {
      const {cause} = explain({served, probes: textUpload}, kind('upload'), () => answer(INTERNAL_ERROR, 500))
      expect(cause).toEqual({
        setting: 'integrationResponse.contentHandling',
        sentence: '`application/json` matches `*/*` in binaryMediaTypes, so API Gateway base64-decodes the text answer of PUT /lambda, which is not base64',
        fix: 'set contentHandling CONVERT_TO_TEXT for status 200 of PUT /lambda',
      })
    })

    it('without CONVERT_TO_TEXT the base64 text counts as binary and cannot become a JSON event', () => {
      const {cause} = explain({served: imageApi({binaryMediaTypes: ['*/*'], putHandling: undefined}), probes: textUpload}, kind('upload'), () => answer(INTERNAL_ERROR, 500))
      expect(cause.setting).toBe('binaryMediaTypes')
      expect(cause.sentence).toBe('Content-Type `application/json` matches `*/*` in binaryMediaTypes, so the base64 text counts as binary and cannot go through the request mapping template')
      expect(cause.fix).toBe('set contentHandling CONVERT_TO_TEXT on the integration of PUT /lambda, or list the binary types in binaryMediaTypes instead of `*/*`')
    })
  })

  describe('a fix saved but not deployed', () => {
    it('says the working copy already has the media types and the stage must be redeployed', () => {
      const scenario = {served: imageApi({binaryMediaTypes: []}), working: imageApi(), probes: [{route: 'GET /lambda?key=cat.jpg', accept: ['image/jpeg']}]}
      const {cause} = explain(scenario, labelled('Accept: image/jpeg'), (payload) => answer(base64Encode(payload.map((value) => 255 - value))))
      expect(cause).toEqual({
        setting: 'undeployed',
        sentence:
          'came back as base64 text because the first Accept entry `image/jpeg` is not in binaryMediaTypes (which is empty); the working copy already has binaryMediaTypes (application/octet-stream, image/jpeg), but stage v1 still serves an older deployment: redeploy',
        fix: 'redeploy stage v1',
      })
    })

    it('names the contentHandling the working copy already has', () => {
      const scenario = {served: imageApi({putHandling: undefined}), working: imageApi(), probes: uploadAndDownload}
      const {cause} = explain(scenario, kind('upload'), () => answer(INTERNAL_ERROR, 500))
      expect(cause.setting).toBe('undeployed')
      expect(cause.sentence).toMatch(/; the working copy already has contentHandling CONVERT_TO_TEXT on the integration of PUT \/lambda, but stage v1 still serves an older deployment: redeploy$/)
    })

    it('does not claim a redeploy helps when the working copy would trade the failure for damage', () => {
      const working = imageApi({putHandling: undefined, binaryMediaTypes: ['application/octet-stream']})
      const {cause} = explain({served: imageApi({putHandling: undefined}), working, probes: uploadAndDownload}, kind('upload'), () => answer(INTERNAL_ERROR, 500))
      expect(cause.setting).toBe('integration.contentHandling')
    })
  })
})

describe('the thumbnail service (Lambda proxy)', () => {
  const thumbnail: VerifyProbe[] = [{route: 'GET /thumbnails/cat.png'}]
  const picture = probePayload(2048).map((value) => (value * 31 + 7) % 256)

  it('names the empty binaryMediaTypes when a browser gets base64', () => {
    const {verdict, cause} = explain({served: thumbnailService(), probes: thumbnail}, labelled('Chrome <img>'), () => answer(base64Encode(picture)))
    expect(verdict.observed).toBe('looks-base64')
    expect(cause).toEqual({
      setting: 'binaryMediaTypes',
      sentence: 'came back as base64 text because the first Accept entry `image/avif` is not in binaryMediaTypes (which is empty)',
      fix: 'add image/avif to binaryMediaTypes',
    })
  })

  it('blames the function when the Accept matches and base64 still comes back', () => {
    const served = thumbnailService({binaryMediaTypes: ['image/png']})
    const {cause} = explain({served, probes: [{route: 'GET /thumbnails/cat.png', accept: ['image/png']}]}, labelled('Accept: image/png'), () => answer(base64Encode(picture)))
    expect(cause).toEqual({
      setting: 'function-output',
      sentence: 'came back as base64 text although the first Accept entry `image/png` matches binaryMediaTypes (image/png): the function did not return isBase64Encoded: true',
      fix: 'return the body base64-encoded with isBase64Encoded: true',
    })
  })

  it('blames the function for damaged text with nothing uploaded, and for a 502', () => {
    const served = thumbnailService({binaryMediaTypes: ['*/*']})
    const probes = [{route: 'GET /thumbnails/cat.png', accept: ['image/png']}]
    expect(explain({served, probes}, kind('download'), () => answer(utf8Mangled(picture))).cause.setting).toBe('function-output')
    const gateway = explain({served, probes}, kind('download'), () => answer(INTERNAL_ERROR, 502)).cause
    expect(gateway).toEqual({setting: 'function-output', sentence: "502: the function failed, or its answer is not a proxy response ({statusCode, headers, body, isBase64Encoded})"})
  })

  it('blames the function for a 500 when API Gateway decodes its body for a matching Accept', () => {
    const served = thumbnailService({binaryMediaTypes: ['image/png']})
    const {cause} = explain({served, probes: [{route: 'GET /thumbnails/cat.png', accept: ['image/png']}]}, kind('download'), () => answer(INTERNAL_ERROR, 500))
    expect(cause).toMatchObject({setting: 'function-output', sentence: "the first Accept entry `image/png` matches binaryMediaTypes, so API Gateway base64-decodes the function's body, and it is not valid base64 (or the function failed)"})
  })

  it('says a media type added but not deployed would have kept the upload intact', () => {
    const probes = [{route: 'POST /upload', contentType: ['image/png'], readBack: 'GET /thumbnails/probe.png'}]
    const scenario = {served: thumbnailService(), working: thumbnailService({binaryMediaTypes: ['image/png']}), probes}
    const {cause} = explain(scenario, kind('read-back'), (payload) => answer(utf8Mangled(payload)))
    expect(cause.setting).toBe('undeployed')
    expect(cause.sentence).toMatch(/became U\+FFFD; the working copy already has binaryMediaTypes \(image\/png\), but stage v1 still serves an older deployment: redeploy$/)
  })

  it('names the Content-Type of a damaged upload that is read back elsewhere', () => {
    const probes = [{route: 'POST /upload', contentType: ['image/png'], readBack: 'GET /thumbnails/probe.png'}]
    const {cause} = explain({served: thumbnailService(), probes}, kind('read-back'), (payload) => answer(utf8Mangled(payload)))
    expect(cause.setting).toBe('binaryMediaTypes')
    expect(cause.sentence).toMatch(/^Content-Type `image\/png` is not in binaryMediaTypes \(which is empty\), so API Gateway handed the body on as UTF-8 text/)
  })

  it('says there was nothing to read when the upload failed', () => {
    const probes = [{route: 'POST /upload', contentType: ['image/png'], readBack: 'GET /thumbnails/probe.png'}]
    const plan = planFor({served: thumbnailService(), probes})
    const upload = plan.steps[0]!
    const failedUpload: StepResult = {
      step: upload,
      verdict: judge(upload, answer('{"message":"Forbidden"}', 403), plan.payload),
      cause: {setting: 'other', sentence: 'not explained by binary settings: answered 403 {"message":"Forbidden"}'},
    }
    const {cause} = explain({served: thumbnailService(), probes}, kind('read-back'), () => answer('{"message":"not found"}', 404), [failedUpload])
    expect(cause).toEqual({setting: 'other', sentence: 'nothing was stored to read: the upload (step 1) failed: not explained by binary settings: answered 403 {"message":"Forbidden"}'})
    // Whatever the read-back finds then is not this run's payload, whatever the settings would say.
    const stale = explain({served: thumbnailService(), probes}, kind('read-back'), (payload) => answer(utf8Mangled(payload)), [failedUpload]).cause
    expect(stale.sentence).toMatch(/^nothing was stored to read/)
  })

  describe('preflights', () => {
    const preflight = kind('preflight', 'CORS preflight for POST')

    // Without response templates the integration's CONVERT_TO_TEXT is the whole fix (aws/chalice #1310);
    // with Serverless's empty template, the integration response needs it too (serverless #7243, PR #11010).
    it('*/* without CONVERT_TO_TEXT on the MOCK integration breaks the preflight', () => {
      const {cause} = explain({served: thumbnailService({binaryMediaTypes: ['*/*']})}, preflight, () => answer(INTERNAL_ERROR, 500))
      expect(cause).toEqual({
        setting: 'integration.contentHandling',
        sentence: "`*/*` in binaryMediaTypes makes the preflight count as binary and OPTIONS /upload's MOCK integration has no CONVERT_TO_TEXT",
        fix: 'set contentHandling CONVERT_TO_TEXT on the MOCK integration of OPTIONS /upload',
      })
      const withTemplate = explain({served: thumbnailService({binaryMediaTypes: ['*/*'], preflightResponseTemplate: true})}, preflight, () => answer(INTERNAL_ERROR, 500))
      expect(withTemplate.cause.fix).toBe('set contentHandling CONVERT_TO_TEXT on the MOCK integration of OPTIONS /upload and its integration responses')
    })

    it('with CONVERT_TO_TEXT on the integration only and a response template, names the integration response', () => {
      const served = thumbnailService({binaryMediaTypes: ['*/*'], preflightHandling: 'CONVERT_TO_TEXT', preflightResponseTemplate: true})
      const {cause} = explain({served}, preflight, () => answer(INTERNAL_ERROR, 500))
      expect(cause).toEqual({
        setting: 'integrationResponse.contentHandling',
        sentence:
          "`*/*` in binaryMediaTypes makes MOCK's answer (which has no Content-Type) and the preflight's Accept `*/*` binary, so the answer is bytes when it meets the response mapping template of status 200 of OPTIONS /upload, which cannot transform bytes without CONVERT_TO_TEXT",
        fix: 'set contentHandling CONVERT_TO_TEXT for status 200 of OPTIONS /upload',
      })
    })

    it('with CONVERT_TO_TEXT on both, a failure is not the binary settings', () => {
      const served = thumbnailService({binaryMediaTypes: ['*/*'], preflightHandling: 'CONVERT_TO_TEXT', preflightResponseHandling: 'CONVERT_TO_TEXT'})
      const {cause} = explain({served}, preflight, () => answer(INTERNAL_ERROR, 500))
      expect(cause).toEqual({setting: 'other', sentence: 'not explained by binary settings: answered 500 {"message": "Internal server error"}'})
    })

    it('a fix on the working copy only is an undeployed fix', () => {
      const served = thumbnailService({binaryMediaTypes: ['*/*']})
      const working = thumbnailService({binaryMediaTypes: ['*/*'], preflightHandling: 'CONVERT_TO_TEXT', preflightResponseHandling: 'CONVERT_TO_TEXT'})
      const {cause} = explain({served, working}, preflight, () => answer(INTERNAL_ERROR, 500))
      expect(cause.setting).toBe('undeployed')
      expect(cause.sentence).toBe(
        "`*/*` in binaryMediaTypes makes the preflight count as binary and OPTIONS /upload's MOCK integration has no CONVERT_TO_TEXT; the working copy already has contentHandling CONVERT_TO_TEXT on the integration of OPTIONS /upload and contentHandling CONVERT_TO_TEXT for status 200 of OPTIONS /upload, but stage v1 still serves an older deployment: redeploy",
      )
    })

    it('a 403 is not put down to */*', () => {
      const {cause} = explain({served: thumbnailService({binaryMediaTypes: ['*/*']})}, preflight, () => answer('{"message":"Missing Authentication Token"}', 403))
      expect(cause.setting).toBe('other')
    })
  })
})

describe('other integrations', () => {
  const s3 = 'arn:aws:apigateway:us-east-1:s3:path/bucket/{key}'
  const files = (binaryMediaTypes: string[], change: Parameters<typeof withIntegration>[3]): ApiConfig =>
    withIntegration(
      {
        binaryMediaTypes,
        routes: [
          {resourcePath: '/files/{key}', httpMethod: 'GET', integration: {type: 'AWS', uri: s3, requestTemplateTypes: [], responses: [{statusCode: '200', responseTemplateTypes: []}]}},
          {resourcePath: '/files/{key}', httpMethod: 'PUT', integration: {type: 'AWS', uri: s3, requestTemplateTypes: [], responses: [{statusCode: '200', responseTemplateTypes: []}]}},
        ],
      },
      'GET',
      '/files/{key}',
      change,
    )
  const probes: VerifyProbe[] = [{route: 'PUT /files/probe.bin', contentType: ['application/octet-stream'], accept: ['application/octet-stream']}]

  it('an S3 answer kept as text by CONVERT_TO_TEXT comes back base64', () => {
    const {cause} = explain({served: files(['application/octet-stream'], {responses: [{statusCode: '200', contentHandling: 'CONVERT_TO_TEXT', responseTemplateTypes: []}]}), probes}, kind('download'), (payload) =>
      answer(base64Encode(payload)),
    )
    expect(cause).toMatchObject({setting: 'integrationResponse.contentHandling', sentence: 'came back as base64 text because status 200 of GET /files/{key} has contentHandling CONVERT_TO_TEXT'})
  })

  it('CONVERT_TO_BINARY on an upload whose Content-Type is not binary fails: raw bytes are not base64', () => {
    const served = withIntegration(files([], {}), 'PUT', '/files/{key}', {contentHandling: 'CONVERT_TO_BINARY'})
    const {cause} = explain({served, probes}, kind('upload'), () => answer(INTERNAL_ERROR, 500))
    expect(cause).toEqual({
      setting: 'binaryMediaTypes',
      sentence:
        "PUT /files/{key}'s integration has contentHandling CONVERT_TO_BINARY, which base64-decodes bodies whose Content-Type (`application/octet-stream`) is not in binaryMediaTypes (which is empty); raw bytes are not base64",
      fix: 'add application/octet-stream to binaryMediaTypes, so the bytes pass unchanged',
    })
  })

  it('an HTTP proxy answer that does not count as binary is damaged', () => {
    const served: ApiConfig = {binaryMediaTypes: [], routes: [{resourcePath: '/{proxy+}', httpMethod: 'ANY', integration: {type: 'HTTP_PROXY', requestTemplateTypes: [], responses: []}}]}
    const {cause} = explain({served, probes: [{route: 'GET /files/a.bin', accept: ['application/octet-stream']}]}, kind('download'), () => answer(utf8Mangled(probePayload(300).map((value) => 255 - value))))
    expect(cause.setting).toBe('binaryMediaTypes')
    expect(cause.sentence).toBe('came back as UTF-8 text (invalid bytes became U+FFFD) because the first Accept entry `application/octet-stream` is not in binaryMediaTypes (which is empty)')
  })
})

describe('payloads over the route’s limit', () => {
  it('says a 5 MiB upload is too big for Lambda', () => {
    const {cause} = explain({served: thumbnailService({binaryMediaTypes: ['image/png']}), probes: [{route: 'POST /upload', contentType: ['image/png']}], payloadSize: 5 * 1024 * 1024}, kind('upload'), () =>
      answer('{"message":"Request Too Long"}', 413),
    )
    expect(cause.setting).toBe('size-limit')
    expect(cause.sentence).toBe(
      'the 5 MiB upload is over the limit of POST /upload: through Lambda, whose 6 MiB invoke payload (6291456 bytes) carries the body base64-encoded inside the proxy event (allowing 4 KiB for the rest): about 4.5 MiB of raw bytes',
    )
  })

  it('leaves a failure under the limit to the other explanations', () => {
    const {cause} = explain({served: thumbnailService({binaryMediaTypes: ['image/png']}), probes: [{route: 'POST /upload', contentType: ['image/png']}], payloadSize: 4 * 1024 * 1024}, kind('upload'), () =>
      answer('{"message":"Request Too Long"}', 413),
    )
    expect(cause.setting).toBe('other')
  })
})

describe('anything else', () => {
  it('is said to be outside the binary settings, with what came back', () => {
    const {cause} = explain({served: imageApi(), probes: [{route: 'GET /lambda?key=cat.jpg', accept: ['image/jpeg']}]}, kind('download'), () => answer('{"message":"Conflict"}', 409))
    expect(cause).toEqual({setting: 'other', sentence: 'not explained by binary settings: answered 409 {"message":"Conflict"}'})
  })

  it("is an authorization failure when API Gateway refuses the request's credentials", () => {
    const probes = {served: imageApi(), probes: [{route: 'GET /lambda?key=cat.jpg', accept: ['image/jpeg']}]}
    const refused = (status: number, type: string, message: string) => ({...answer(JSON.stringify({message}), status), headers: {'x-amzn-errortype': type}})
    const setting = (observation: Observation) => explain(probes, kind('download'), () => observation).cause?.setting
    expect(setting(refused(401, 'UnauthorizedException', 'Unauthorized'))).toBe('authorization')
    expect(setting(refused(403, 'AccessDeniedException', 'User is not authorized to access this resource'))).toBe('authorization')
    expect(setting(refused(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'))).toBe('authorization')
    expect(setting(refused(403, 'ForbiddenException', 'Forbidden'))).toBe('authorization')
    // A 403 an integration answered is no refusal of credentials.
    expect(setting(answer('{"error":"quota"}', 403))).toBe('other')
  })
})

describe('a sandbox with no handler for the function', () => {
  const uploadAndDownload: VerifyProbe[] = [{route: 'PUT /lambda?key=probe.jpg', contentType: ['image/jpeg']}, {route: 'GET /lambda?key=probe.jpg'}]
  const noHandler = (name: string) => `no local handler for Lambda function ${name}: start the sandbox with --lambda ${name}=FILE or --functions DIR (with DIR/${name}.mjs)`
  const sandboxAnswer = (diagnosis: string): Observation => ({...answer(INTERNAL_ERROR, 500), headers: {'x-apigw-binfix-sandbox-diagnosis': diagnosis}})
  const expected = {
    setting: 'sandbox',
    sentence: 'the sandbox has no handler for Lambda function image, so it answered 500 as AWS does for a function that does not exist',
    fix: 'start the sandbox with --lambda image=FILE or --functions DIR (with DIR/image.mjs)',
  }

  it('names the function and the flags that register it, where a setting or the function would be blamed otherwise', () => {
    // Without the header: integration.contentHandling for the upload, the function for the download.
    const upload = explain({served: imageApi({putHandling: undefined}), probes: uploadAndDownload}, kind('upload'), () => sandboxAnswer(noHandler('image')))
    expect(upload.verdict.sandboxDiagnosis).toEqual({kind: 'no-lambda-handler', functionName: 'image'})
    expect(upload.cause).toEqual(expected)
    expect(explain({served: imageApi(), probes: uploadAndDownload}, labelled('declared binary type'), () => sandboxAnswer(noHandler('image'))).cause).toEqual(expected)
    expect(explain({served: imageApi(), probes: [{route: 'GET /lambda?key=cat.jpg', accept: ['image/jpeg']}]}, kind('download'), () => sandboxAnswer(noHandler('image'))).cause).toEqual(expected)
  })

  it('says so for the read-back of an upload it failed', () => {
    const plan = planFor({served: imageApi(), probes: uploadAndDownload})
    const upload = plan.steps[0]!
    const verdict = judge(upload, sandboxAnswer(noHandler('image')), plan.payload)
    const failedUpload: StepResult = {step: upload, verdict, cause: explainFailure(upload, verdict, {served: imageApi(), stage: 'v1'})}
    const {cause} = explain({served: imageApi(), probes: uploadAndDownload}, kind('read-back'), () => sandboxAnswer(noHandler('image')), [failedUpload])
    expect(cause).toEqual({...expected, sentence: `nothing was stored to read: the upload (step 1) failed: ${expected.sentence}`})
  })

  it('explains a header value it does not know as if it were not there', () => {
    const scenario = {served: imageApi(), probes: [{route: 'GET /lambda?key=cat.jpg', accept: ['image/jpeg']}]}
    const unknown = explain(scenario, kind('download'), () => sandboxAnswer('something else'))
    expect(unknown.verdict.sandboxDiagnosis).toBeUndefined()
    expect(unknown.cause).toEqual(explain(scenario, kind('download'), () => answer(INTERNAL_ERROR, 500)).cause)
    expect(unknown.cause.setting).not.toBe('sandbox')
  })
})
