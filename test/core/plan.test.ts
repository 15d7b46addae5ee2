// Plans: one change per setting, each tied to the findings it resolves, and a fingerprint that notices
// exactly the changes that would make replaying the plan wrong.
import type {ApiConfig, IntegrationConfig} from '../../src/core/api-config.js'
import {applyFixCalls} from '../../src/core/apply-fix-calls.js'
import type {DesiredSpec, RouteRule} from '../../src/core/desired-spec.js'
import type {Finding} from '../../src/core/findings.js'
import {PLAN_FORMAT, PLAN_VERSION, type Plan, type PlanInput, type PlannedChange, buildPlan, callsFor, deploymentDescription, liveFingerprint} from '../../src/core/plan.js'
import {type AuditInput, judge} from '../../src/core/rules/index.js'

const API = 'a1b2c3d4e5'
const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations'

function lambdaIntegration(overrides: Partial<IntegrationConfig> = {}): IntegrationConfig {
  return {type: 'AWS', uri: LAMBDA_URI, requestTemplateTypes: [], responses: [], ...overrides}
}

const live: ApiConfig = {
  binaryMediaTypes: ['image/png', 'image~1gif', 'image/webp'],
  routes: [
    {
      resourceId: 'r1',
      resourcePath: '/lambda',
      httpMethod: 'GET',
      integration: lambdaIntegration({
        responses: [
          {statusCode: '200', contentHandling: 'CONVERT_TO_TEXT', responseTemplateTypes: []},
          {statusCode: '500', contentHandling: 'CONVERT_TO_TEXT', responseTemplateTypes: []},
        ],
      }),
    },
    {resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', integration: lambdaIntegration({responses: [{statusCode: '200', responseTemplateTypes: []}]})},
  ],
}

function specOf(binaryMediaTypes: string[], routes: Array<Omit<RouteRule, 'key'>>): DesiredSpec {
  return {
    source: {kind: 'binfix', file: 'binfix.yaml'},
    binaryMediaTypes,
    binaryMediaTypesMode: 'add-only',
    routes: routes.map((route) => ({key: `${route.httpMethod} ${route.resourcePath}`, ...route})),
    verify: [],
    ignore: [],
  }
}

// add-only: image/png and image/webp stay (info findings), image~1gif is repaired, image/jpeg is added.
const spec = specOf(
  ['image/jpeg', 'image/gif'],
  [
    {httpMethod: 'PUT', resourcePath: '/lambda', request: 'CONVERT_TO_TEXT'},
    {httpMethod: 'GET', resourcePath: '/lambda', responses: {'200': 'CONVERT_TO_BINARY', '500': 'PASSTHROUGH'}},
  ],
)

function planFor(input: Omit<AuditInput, 'restApiId'>, overrides: Partial<PlanInput> = {}): {plan: Plan; findings: Finding[]} {
  const {findings} = judge({restApiId: API, ...input})
  const plan = buildPlan({
    api: {id: API, name: 'images'},
    region: 'us-east-1',
    stage: input.stageName ?? null,
    deploymentId: null,
    live: input.live,
    ...(input.deployed ? {deployed: input.deployed} : {}),
    spec: input.spec ?? null,
    findings,
    diff: '',
    now: new Date('2025-01-02T03:04:05.000Z'),
    ...overrides,
  })
  return {plan, findings}
}

function findingId(findings: readonly Finding[], kind: Finding['kind'], subject: Partial<Pick<Finding, 'httpMethod' | 'statusCode' | 'mediaType'>> = {}): string {
  const found = findings.filter(
    (entry) =>
      entry.kind === kind &&
      (subject.httpMethod === undefined || entry.httpMethod === subject.httpMethod) &&
      (subject.statusCode === undefined || entry.statusCode === subject.statusCode) &&
      (subject.mediaType === undefined || entry.mediaType === subject.mediaType),
  )
  expect(found).toHaveLength(1)
  return found[0]!.id
}

describe('buildPlan', () => {
  const {plan, findings} = planFor({live, spec})

  it('makes one change per setting, with the value before and after', () => {
    expect(plan.changes.map((change) => [change.key, change.summary])).toEqual([
      ['binaryMediaTypes image/jpeg', 'binaryMediaTypes image/jpeg: not listed → listed'],
      ['binaryMediaTypes image~1gif', 'binaryMediaTypes image~1gif: listed → not listed'],
      ['binaryMediaTypes image/gif', 'binaryMediaTypes image/gif: not listed → listed'],
      ['integration r1 PUT', 'PUT /lambda integration contentHandling: PASSTHROUGH (unset) → CONVERT_TO_TEXT'],
      ['integrationResponse r1 GET 200', 'GET /lambda 200 response contentHandling: CONVERT_TO_TEXT → CONVERT_TO_BINARY'],
      ['integrationResponse r1 GET 500', 'GET /lambda 500 response contentHandling: CONVERT_TO_TEXT → PASSTHROUGH (unset)'],
    ])
    expect(plan.changes[1]).toMatchObject({
      before: {setting: 'binaryMediaType', mediaType: 'image~1gif', listed: true},
      after: {setting: 'binaryMediaType', mediaType: 'image~1gif', listed: false},
      call: {operation: 'UpdateRestApi', restApiId: API, patchOperations: [{op: 'remove', path: '/binaryMediaTypes/image~01gif'}]},
    })
    expect(plan.changes[3]).toMatchObject({
      before: {setting: 'integration', resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', contentHandling: null},
      after: {setting: 'integration', resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', contentHandling: 'CONVERT_TO_TEXT'},
      call: {operation: 'UpdateIntegration', resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]},
    })
    expect(plan.changes[5]).toMatchObject({
      before: {setting: 'integrationResponse', statusCode: '500', contentHandling: 'CONVERT_TO_TEXT'},
      after: {setting: 'integrationResponse', statusCode: '500', contentHandling: null},
      call: {operation: 'UpdateIntegrationResponse', statusCode: '500', patchOperations: [{op: 'replace', path: '/contentHandling', value: ''}]},
    })
    for (const change of plan.changes) expect(change.call.patchOperations).toHaveLength(1)
  })

  it('links each change to the findings it resolves, including a fix of two operations', () => {
    const malformed = findingId(findings, 'malformed-binary-media-type')
    expect(plan.changes.map((change) => change.findings)).toEqual([
      [findingId(findings, 'missing-binary-media-type', {mediaType: 'image/jpeg'})],
      [malformed],
      [malformed],
      [findingId(findings, 'integration-content-handling', {httpMethod: 'PUT'})],
      [findingId(findings, 'integration-response-content-handling', {statusCode: '200'})],
      [findingId(findings, 'integration-response-content-handling', {statusCode: '500'})],
    ])
  })

  it('leaves out the advice of info findings', () => {
    expect(findings.filter((entry) => entry.kind === 'unexpected-binary-media-type' && entry.severity === 'info')).toHaveLength(2)
    expect(plan.changes.map((change) => change.key)).not.toContain('binaryMediaTypes image/png')
    expect(plan.changes.map((change) => change.key)).not.toContain('binaryMediaTypes image/webp')
  })

  it('records where it came from', () => {
    expect(plan).toMatchObject({
      format: PLAN_FORMAT,
      version: PLAN_VERSION,
      createdAt: '2025-01-02T03:04:05.000Z',
      api: {id: API, name: 'images'},
      region: 'us-east-1',
      stage: null,
      spec,
      redeployDue: false,
      fingerprint: liveFingerprint(live, undefined),
    })
    expect(plan.fingerprint).toMatch(/^[0-9a-f]{64}$/)
  })

  it('has no changes once its calls are applied', () => {
    const fixed = applyFixCalls(live, callsFor(plan.changes))
    expect(planFor({live: fixed, spec}).plan.changes).toEqual([])
  })

  describe('redeployDue', () => {
    const put = (contentHandling: IntegrationConfig['contentHandling']): ApiConfig => ({
      binaryMediaTypes: [],
      routes: [{resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', integration: lambdaIntegration(contentHandling ? {contentHandling} : {})}],
    })
    const wantsText = specOf([], [{httpMethod: 'PUT', resourcePath: '/lambda', request: 'CONVERT_TO_TEXT'}])

    it('is due when the stage serves an older working copy (an undeployed-change error)', () => {
      const {plan, findings} = planFor({live: put('CONVERT_TO_TEXT'), deployed: put(undefined), stageName: 'v1', spec: wantsText})
      expect(findings.map((entry) => [entry.kind, entry.severity])).toEqual([['undeployed-change', 'error']])
      expect(plan.redeployDue).toBe(true)
      expect(plan.changes).toEqual([])
      expect(plan.stage).toBe('v1')
      expect(plan.fingerprint).toBe(liveFingerprint(put('CONVERT_TO_TEXT'), put(undefined)))
    })

    it('is not due when only the working copy drifted (the stage serves what is intended)', () => {
      const {plan, findings} = planFor({live: put(undefined), deployed: put('CONVERT_TO_TEXT'), stageName: 'v1', spec: wantsText})
      expect(findings.find((entry) => entry.kind === 'undeployed-change')?.severity).toBe('warning')
      expect(plan.redeployDue).toBe(false)
      expect(plan.changes.map((change) => change.key)).toEqual(['integration r1 PUT'])
    })

    it('is not due when the stage serves the working copy', () => {
      expect(planFor({live: put('CONVERT_TO_TEXT'), deployed: put('CONVERT_TO_TEXT'), stageName: 'v1', spec: wantsText}).plan.redeployDue).toBe(false)
    })
  })
})

describe('liveFingerprint', () => {
  const deployed: ApiConfig = {...live, binaryMediaTypes: ['image/png']}
  const base = liveFingerprint(live, deployed)
  const clone = (config: ApiConfig): ApiConfig => structuredClone(config)

  function withGet(config: ApiConfig, change: (integration: IntegrationConfig) => IntegrationConfig): ApiConfig {
    const copy = clone(config)
    copy.routes[0]!.integration = change(copy.routes[0]!.integration!)
    return copy
  }

  it('is stable for the same state, whatever the order of binaryMediaTypes or other fields', () => {
    expect(liveFingerprint(clone(live), clone(deployed))).toBe(base)
    expect(liveFingerprint({...live, binaryMediaTypes: [...live.binaryMediaTypes].reverse()}, deployed)).toBe(base)
    expect(liveFingerprint(live, {...deployed, binaryMediaTypes: ['image/png']})).toBe(base)
    // The target of the integration is not binary-relevant.
    expect(liveFingerprint(withGet(live, (integration) => ({...integration, uri: 'arn:aws:apigateway:us-east-1:lambda:path/other'})), deployed)).toBe(base)
  })

  it.each<[string, () => string]>([
    ['an integration contentHandling', () => liveFingerprint(withGet(live, (integration) => ({...integration, contentHandling: 'CONVERT_TO_BINARY'})), deployed)],
    [
      'an integration response contentHandling',
      () => liveFingerprint(withGet(live, (integration) => ({...integration, responses: integration.responses.map((entry) => ({...entry, contentHandling: 'CONVERT_TO_BINARY' as const}))})), deployed),
    ],
    ['an added binary media type', () => liveFingerprint({...live, binaryMediaTypes: [...live.binaryMediaTypes, 'image/jpeg']}, deployed)],
    ['a removed binary media type', () => liveFingerprint({...live, binaryMediaTypes: live.binaryMediaTypes.slice(1)}, deployed)],
    ['a resource recreated under the same path', () => liveFingerprint({...live, routes: live.routes.map((route) => ({...route, resourceId: 'r9'}))}, deployed)],
    ['the deployed binaryMediaTypes', () => liveFingerprint(live, {...deployed, binaryMediaTypes: ['image/png', 'image/jpeg']})],
    ['the deployed contentHandling', () => liveFingerprint(live, withGet(deployed, (integration) => ({...integration, contentHandling: 'CONVERT_TO_TEXT'})))],
    ['no stage instead of one', () => liveFingerprint(live, undefined)],
  ])('changes with %s', (_what, fingerprint) => {
    expect(fingerprint()).not.toBe(base)
  })
})

describe('callsFor', () => {
  const {plan} = planFor({live, spec})

  it('merges the chosen changes into one call per object written', () => {
    expect(callsFor(plan.changes)).toEqual([
      {
        operation: 'UpdateRestApi',
        restApiId: API,
        patchOperations: [
          {op: 'add', path: '/binaryMediaTypes/image~1jpeg'},
          {op: 'remove', path: '/binaryMediaTypes/image~01gif'},
          {op: 'add', path: '/binaryMediaTypes/image~1gif'},
        ],
      },
      {operation: 'UpdateIntegration', restApiId: API, resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]},
      {operation: 'UpdateIntegrationResponse', restApiId: API, resourceId: 'r1', httpMethod: 'GET', statusCode: '200', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'}]},
      {operation: 'UpdateIntegrationResponse', restApiId: API, resourceId: 'r1', httpMethod: 'GET', statusCode: '500', patchOperations: [{op: 'replace', path: '/contentHandling', value: ''}]},
    ])
  })

  it('writes only the chosen changes, and nothing for none', () => {
    const chosen = plan.changes.filter((change) => change.key.startsWith('integration'))
    expect(callsFor(chosen).map((call) => call.operation)).toEqual(['UpdateIntegration', 'UpdateIntegrationResponse', 'UpdateIntegrationResponse'])
    expect(callsFor([])).toEqual([])
  })
})

describe('deploymentDescription', () => {
  const {plan} = planFor({live, spec})
  const changes: PlannedChange[] = plan.changes

  it('says a deployment without changes redeploys the working copy', () => {
    expect(deploymentDescription([])).toBe('apigw-binfix: redeploy the working copy')
  })

  it('lists up to three changes', () => {
    expect(deploymentDescription(changes.slice(3, 4))).toBe('apigw-binfix: PUT /lambda integration contentHandling → CONVERT_TO_TEXT')
    expect(deploymentDescription(changes.slice(3, 6))).toBe(
      'apigw-binfix: PUT /lambda integration contentHandling → CONVERT_TO_TEXT; GET /lambda 200 response contentHandling → CONVERT_TO_BINARY; GET /lambda 500 response contentHandling → PASSTHROUGH (unset)',
    )
  })

  it('counts the rest', () => {
    expect(changes).toHaveLength(6)
    expect(deploymentDescription(changes)).toBe(
      'apigw-binfix: binaryMediaTypes image/jpeg → listed; binaryMediaTypes image~1gif → not listed; binaryMediaTypes image/gif → listed; and 3 more',
    )
    expect(deploymentDescription(changes.slice(0, 4))).toMatch(/; and 1 more$/)
  })
})
