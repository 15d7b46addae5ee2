// Failures of a Lambda custom integration that no binary setting causes: the sample image API as
// published answers successes with its default (500) integration response, and a raw upload without a
// request template for its Content-Type reaches Lambda as no JSON event.
import type {VerifyProbe} from '../../../src/core/desired-spec.js'
import {explainFailure} from '../../../src/core/verify/causes.js'
import {type Observation, judge} from '../../../src/core/verify/judge.js'
import {utf8Bytes} from '../../../src/core/verify/payload.js'
import {type ProbeStep, planProbes} from '../../../src/core/verify/probe-plan.js'
import {imageApi, withIntegration} from './apis.js'
import type {ApiConfig} from '../../../src/core/api-config.js'

const GATEWAY_ERROR = '{"message": "Internal server error"}'
const PROBES: VerifyProbe[] = [{route: 'PUT /lambda?key=probe.jpg', contentType: ['application/octet-stream']}, {route: 'GET /lambda?key=probe.jpg', accept: ['application/octet-stream']}]

/** The published sample's integration responses made right: 200 by default, errors caught by `.+`. */
function corrected(config: ApiConfig): ApiConfig {
  const responses = [
    {statusCode: '200', responseTemplateTypes: []},
    {statusCode: '500', selectionPattern: '.+', responseTemplateTypes: []},
  ]
  return withIntegration(withIntegration(config, 'GET', '/lambda', {responses}), 'PUT', '/lambda', {responses})
}

function causeFor(served: ApiConfig, pick: (step: ProbeStep) => boolean, answer: (payload: Uint8Array) => Observation) {
  const plan = planProbes({served, probes: PROBES, binaryMediaTypes: served.binaryMediaTypes})
  const step = plan.steps.find(pick)!
  const verdict = judge(step, answer(plan.payload), plan.payload)
  expect(verdict.pass).toBe(false)
  return explainFailure(step, verdict, {served, stage: 'v1'})
}

const download = (step: ProbeStep) => step.kind === 'download'
const upload = (step: ProbeStep) => step.kind === 'upload'

describe('a Lambda custom integration answering with the wrong status', () => {
  it('names the selection pattern when a success comes back through the default 500 response, bytes and all', () => {
    const cause = causeFor(imageApi(), download, (payload) => ({status: 500, headers: {}, body: payload}))
    expect(cause.setting).toBe('integrationResponse.selectionPattern')
    expect(cause.sentence).toContain("matches selection patterns against the function's errorMessage, which a success leaves empty, so `2\\d{2}` (status 200) never matches")
    expect(cause.fix).toBe('make status 200 the default integration response (no selectionPattern) and catch errors with a pattern such as .+')
  })

  it('does not blame selection once a success selects the 200 response', () => {
    const cause = causeFor(corrected(imageApi()), download, (payload) => ({status: 500, headers: {}, body: payload}))
    expect(cause.setting).not.toBe('integrationResponse.selectionPattern')
  })

  // Selection patterns are Java regular expressions: judged as Java reads them, never as JavaScript does.
  const withSuccessPattern = (selectionPattern: string) =>
    withIntegration(imageApi(), 'GET', '/lambda', {
      responses: [
        {statusCode: '500', responseTemplateTypes: []},
        {statusCode: '200', selectionPattern, responseTemplateTypes: []},
      ],
    })

  it("does not blame a pattern with Java's inline flag that matches a success's empty errorMessage", () => {
    const cause = causeFor(withSuccessPattern('(?i)(2\\d{2})?'), download, (payload) => ({status: 500, headers: {}, body: payload}))
    expect(cause.setting).not.toBe('integrationResponse.selectionPattern')
  })

  it('does not blame a pattern it cannot judge (a possessive quantifier, which only Java has)', () => {
    const cause = causeFor(withSuccessPattern('(2\\d{2})?+'), download, (payload) => ({status: 500, headers: {}, body: payload}))
    expect(cause.setting).not.toBe('integrationResponse.selectionPattern')
  })

  it('still blames a Java pattern that cannot match the empty errorMessage', () => {
    const cause = causeFor(withSuccessPattern('(?i)2\\d{2}'), download, (payload) => ({status: 500, headers: {}, body: payload}))
    expect(cause.setting).toBe('integrationResponse.selectionPattern')
  })

  it('does not blame selection for an error API Gateway answered itself', () => {
    const cause = causeFor(imageApi(), download, () => ({status: 500, headers: {}, body: utf8Bytes(GATEWAY_ERROR)}))
    expect(cause.setting).toBe('function-output')
  })

  it('names the missing request template when a raw upload reaches Lambda as no JSON event', () => {
    const cause = causeFor(corrected(imageApi()), upload, () => ({status: 500, headers: {}, body: utf8Bytes(GATEWAY_ERROR)}))
    expect(cause).toEqual({
      setting: 'integration.requestTemplates',
      sentence: 'PUT /lambda has no request mapping template for `application/octet-stream`, so the body passed through as it is, which is not the JSON event a Lambda function is invoked with',
      fix: 'register the request template for application/octet-stream as well',
    })
  })

  it('says nothing of templates when one is registered for the Content-Type, or when pass-through is refused', () => {
    const templated = withIntegration(corrected(imageApi()), 'PUT', '/lambda', {requestTemplateTypes: ['application/json', 'application/octet-stream']})
    expect(causeFor(templated, upload, () => ({status: 500, headers: {}, body: utf8Bytes(GATEWAY_ERROR)})).setting).toBe('other')
    const never = withIntegration(corrected(imageApi()), 'PUT', '/lambda', {passthroughBehavior: 'NEVER'})
    expect(causeFor(never, upload, () => ({status: 500, headers: {}, body: utf8Bytes(GATEWAY_ERROR)})).setting).toBe('other')
  })
})
