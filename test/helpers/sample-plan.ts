// A plan made the way `plan` makes it, from a small live API and a spec: for tests of saved plans.
import type {ApiConfig} from '../../src/core/api-config.js'
import type {DesiredSpec} from '../../src/core/desired-spec.js'
import {type Plan, buildPlan} from '../../src/core/plan.js'
import {judge} from '../../src/core/rules/index.js'

export const SAMPLE_API = 'a1b2c3d4e5'

export const sampleLive: ApiConfig = {
  binaryMediaTypes: ['image~1gif'],
  routes: [
    {
      resourceId: 'r1',
      resourcePath: '/lambda',
      httpMethod: 'GET',
      integration: {type: 'AWS', requestTemplateTypes: [], responses: [{statusCode: '200', contentHandling: 'CONVERT_TO_TEXT', responseTemplateTypes: []}]},
    },
    {resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', integration: {type: 'AWS', contentHandling: 'CONVERT_TO_BINARY', requestTemplateTypes: [], responses: []}},
  ],
}

export const sampleDeployed: ApiConfig = {...sampleLive, binaryMediaTypes: []}

export const sampleSpec: DesiredSpec = {
  source: {kind: 'binfix', file: 'binfix.yaml'},
  stage: 'v1',
  binaryMediaTypes: ['image/jpeg', 'image/gif'],
  binaryMediaTypesMode: 'exact',
  routes: [
    {key: 'PUT /lambda', httpMethod: 'PUT', resourcePath: '/lambda', request: 'PASSTHROUGH'},
    {key: 'GET /lambda', httpMethod: 'GET', resourcePath: '/lambda', responses: {'*': 'CONVERT_TO_BINARY'}},
  ],
  verify: [{route: 'GET /lambda?key=probe.jpg', accept: ['image/jpeg']}],
  ignore: ['preflight-hazard'],
}

export function samplePlan(): Plan {
  const {findings} = judge({restApiId: SAMPLE_API, live: sampleLive, deployed: sampleDeployed, stageName: 'v1', spec: sampleSpec})
  return buildPlan({
    api: {id: SAMPLE_API, name: 'images'},
    region: 'us-east-1',
    stage: 'v1',
    deploymentId: 'd1',
    live: sampleLive,
    deployed: sampleDeployed,
    spec: sampleSpec,
    findings,
    diff: '--- before\n+++ after\n',
    now: new Date('2025-01-02T03:04:05.000Z'),
  })
}
