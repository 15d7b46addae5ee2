// Causes on a streamed route (responseTransferMode STREAM): no binary setting is blamed there, since a
// streamed response is never converted; the Lambda URI, a cut stream or what the function wrote is.
import type {VerifyProbe} from '../../../src/core/desired-spec.js'
import {explainFailure} from '../../../src/core/verify/causes.js'
import {type Observation, judge} from '../../../src/core/verify/judge.js'
import {base64Encode, probePayload, utf8Bytes} from '../../../src/core/verify/payload.js'
import {planProbes} from '../../../src/core/verify/probe-plan.js'
import {thumbnailService, withIntegration} from './apis.js'

const STREAMING_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:thumbnail-service-dev-thumbnail/response-streaming-invocations'
const probes: VerifyProbe[] = [{route: 'GET /thumbnails/cat.png'}]
const picture = probePayload(2048).map((value) => (value * 31 + 7) % 256)

function explain(change: Parameters<typeof withIntegration>[3], observation: Observation) {
  const served = withIntegration(thumbnailService(), 'GET', '/thumbnails/{key}', {responseTransferMode: 'STREAM', uri: STREAMING_URI, ...change})
  const plan = planProbes({served, probes, binaryMediaTypes: served.binaryMediaTypes})
  const step = plan.steps.find((candidate) => candidate.label === 'Chrome <img>')!
  const verdict = judge(step, observation, plan.payload)
  return {verdict, cause: verdict.pass ? undefined : explainFailure(step, verdict, {served, stage: 'dev'})}
}

const answer = (body: Uint8Array | string, status = 200, truncated = false): Observation => ({
  status,
  headers: {'transfer-encoding': 'chunked'},
  body: typeof body === 'string' ? utf8Bytes(body) : body,
  ...(truncated ? {truncated} : {}),
})

describe('a streamed thumbnail route', () => {
  it("blames Invoke's /invocations URI, not binaryMediaTypes, for a 500", () => {
    const {cause} = explain({uri: STREAMING_URI.replace('2021-11-15', '2015-03-31').replace('/response-streaming-invocations', '/invocations')}, answer('{"message": "Internal server error"}', 500))
    expect(cause).toMatchObject({setting: 'integration.uri'})
    expect(cause!.fix).toContain('2021-11-15')
  })

  it('blames the function for base64 text: a streamed body is never decoded, whatever binaryMediaTypes say', () => {
    const {verdict, cause} = explain({}, answer(base64Encode(picture)))
    expect(verdict.pass).toBe(false)
    expect(cause).toMatchObject({setting: 'function-output', fix: 'write the raw bytes to the response stream (no base64, no isBase64Encoded)'})
    expect(cause!.sentence).toContain('never decoded')
  })

  it('names the streaming format for a 502', () => {
    const {cause} = explain({}, answer('{"message": "Internal server error"}', 502))
    expect(cause!.sentence).toContain('8 null bytes')
  })

  it('judges a cut stream by its bytes: not passed, even when the bytes so far are right', () => {
    const {verdict, cause} = explain({}, answer(picture.slice(0, 100), 200, true))
    expect(verdict).toMatchObject({pass: false, observed: 'stream-cut'})
    expect(cause!.sentence).toContain('broke off')
  })

  it('passes the bytes for a browser Accept that binaryMediaTypes does not match', () => {
    const {verdict} = explain({}, answer(picture))
    expect(verdict).toMatchObject({pass: true, observed: 'bytes-unverified'})
  })
})
