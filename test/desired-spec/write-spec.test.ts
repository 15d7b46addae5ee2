import fc from 'fast-check'

import type {ApiConfig, IntegrationConfig, RouteConfig} from '../../src/core/api-config.js'
import {CONTENT_HANDLING_CHOICES, type DesiredSpec, type RouteRule} from '../../src/core/desired-spec.js'
import {FINDING_KINDS} from '../../src/core/findings.js'
import {parseDesiredSpec} from '../../src/desired-spec/load-spec.js'
import {describeRouteRule, leftOutWarning, narrowSpec, proposeSpec, renderSpecYaml, routeRuleOf} from '../../src/desired-spec/write-spec.js'

function integration(overrides: Partial<IntegrationConfig> = {}): IntegrationConfig {
  return {type: 'AWS', requestTemplateTypes: [], responses: [], ...overrides}
}

function route(httpMethod: string, resourcePath: string, settings?: Partial<IntegrationConfig>): RouteConfig {
  return {resourcePath, httpMethod, ...(settings ? {integration: integration(settings)} : {})}
}

const LIVE: ApiConfig = {
  binaryMediaTypes: ['image/jpeg', 'image~1png', 'Application/Octet-Stream', '*/png', 'image/jpeg', ' image/gif', 'image'],
  routes: [
    route('GET', '/lambda', {responses: [{statusCode: '200', contentHandling: 'CONVERT_TO_BINARY', responseTemplateTypes: []}, {statusCode: '500', responseTemplateTypes: []}]}),
    route('PUT', '/lambda', {contentHandling: 'CONVERT_TO_TEXT', responses: [{statusCode: '200', responseTemplateTypes: []}]}),
    route('POST', '/plain', {}),
    route('GET', '/proxy', {type: 'AWS_PROXY', contentHandling: 'CONVERT_TO_TEXT'}),
    route('DELETE', '/none'),
  ],
}

describe('proposeSpec', () => {
  const proposal = proposeSpec({id: 'abcdefghij', name: 'ApiName', config: LIVE}, {file: 'binfix.yaml', region: 'eu-west-1'})

  it('keeps the usable binary media types, normalised, and names the others with why', () => {
    expect(proposal.spec.binaryMediaTypes).toEqual(['image/jpeg', 'application/octet-stream'])
    expect(proposal.leftOut).toEqual([
      {entry: 'image~1png', reason: 'escaped-slash'},
      {entry: '*/png', reason: 'type-wildcard'},
      {entry: ' image/gif', reason: 'surrounding-space'},
      {entry: 'image', reason: 'not-a-media-type'},
    ])
    expect(proposal.leftOut.map(leftOutWarning)[0]).toBe('left out live binary media type "image~1png": API Gateway stores the ~1 form literally, so it matches nothing')
  })

  it('writes a rule for each route that sets a contentHandling, with what it sets and nothing it leaves unset', () => {
    expect(proposal.spec.routes).toEqual<RouteRule[]>([
      {key: 'GET /lambda', httpMethod: 'GET', resourcePath: '/lambda', responses: {'200': 'CONVERT_TO_BINARY'}},
      {key: 'PUT /lambda', httpMethod: 'PUT', resourcePath: '/lambda', request: 'CONVERT_TO_TEXT'},
      {key: 'GET /proxy', httpMethod: 'GET', resourcePath: '/proxy', request: 'CONVERT_TO_TEXT'},
    ])
    expect(routeRuleOf(route('POST', '/plain', {}))).toBeUndefined()
    expect(routeRuleOf(route('DELETE', '/none'))).toBeUndefined()
  })

  it('names the API by id, the region only when given, add-only, and nothing to verify or ignore yet', () => {
    expect(proposal.spec).toMatchObject({source: {kind: 'binfix', file: 'binfix.yaml'}, api: 'abcdefghij', region: 'eu-west-1', binaryMediaTypesMode: 'add-only', verify: [], ignore: []})
    expect(proposeSpec({id: 'abcdefghij', name: 'ApiName', config: LIVE}, {file: 'x.yaml'}).spec).not.toHaveProperty('region')
  })

  it('suggests a first probe: a GET route with an integration and a binary type', () => {
    expect(proposal.verifyExample).toEqual({route: 'GET /lambda', accept: ['image/jpeg']})
    expect(proposeSpec({id: 'abcdefghij', name: 'n', config: {binaryMediaTypes: [], routes: [route('PUT', '/x', {})]}}, {file: 'f'}).verifyExample).toBeUndefined()
  })
})

describe('describeRouteRule and narrowSpec', () => {
  const {spec} = proposeSpec({id: 'abcdefghij', name: 'ApiName', config: LIVE}, {file: 'binfix.yaml'})

  it('says each rule on one line', () => {
    expect(spec.routes.map(describeRouteRule)).toEqual([
      'GET /lambda: responses 200 CONVERT_TO_BINARY',
      'PUT /lambda: request CONVERT_TO_TEXT',
      'GET /proxy: request CONVERT_TO_TEXT',
    ])
  })

  it('keeps only what was chosen, in the spec’s order', () => {
    const narrowed = narrowSpec(spec, {binaryMediaTypes: ['application/octet-stream'], routeKeys: ['GET /proxy', 'GET /lambda']})
    expect(narrowed.binaryMediaTypes).toEqual(['application/octet-stream'])
    expect(narrowed.routes.map((rule) => rule.key)).toEqual(['GET /lambda', 'GET /proxy'])
    expect(narrowed.api).toBe('abcdefghij')
  })
})

describe('renderSpecYaml', () => {
  const proposal = proposeSpec({id: 'abcdefghij', name: 'Image "API"\nv2', config: LIVE}, {file: 'binfix.yaml', region: 'us-east-1'})
  const writtenAt = new Date('2026-03-04T05:06:07.000Z')
  const text = renderSpecYaml(proposal.spec, {apiId: 'abcdefghij', apiName: 'Image "API"\nv2', writtenAt, verifyExample: proposal.verifyExample!})

  it('starts with a comment naming the API and when it was read', () => {
    const header = text.split('\n').slice(0, 2)
    expect(header).toEqual([
      '# Desired binary handling for REST API "Image \\"API\\"\\nv2" (abcdefghij),',
      '# written by `apigw-binfix init` from its live working copy at 2026-03-04T05:06:07.000Z.',
    ])
  })

  it('writes the spec in the documented order and a commented probe', () => {
    expect(text.slice(text.indexOf('version:'))).toBe(
      [
        'version: 1',
        'api: abcdefghij',
        'region: us-east-1',
        'binaryMediaTypes:',
        '  - image/jpeg',
        '  - application/octet-stream',
        'binaryMediaTypesMode: add-only',
        'routes:',
        '  GET /lambda:',
        '    responses:',
        '      "200": CONVERT_TO_BINARY',
        '  PUT /lambda:',
        '    request: CONVERT_TO_TEXT',
        '  GET /proxy:',
        '    request: CONVERT_TO_TEXT',
        '',
        '# Probes for `apigw-binfix verify` (uncomment and adjust the path and query):',
        '# verify:',
        '#   - route: "GET /lambda"',
        '#     accept: [image/jpeg]',
        '',
      ].join('\n'),
    )
  })

  it('loads back to the same spec', () => {
    expect(parseDesiredSpec('binfix.yaml', text)).toEqual(proposal.spec)
  })

  it('loads back to the same spec whatever the spec holds', () => {
    const choice = fc.constantFrom(...CONTENT_HANDLING_CHOICES)
    const rule = fc.record(
      {request: choice, responses: fc.dictionary(fc.constantFrom('*', '200', '204', '400', '500', '599'), choice)},
      {requiredKeys: []},
    )
    const routes = fc
      .uniqueArray(fc.tuple(fc.constantFrom('GET', 'PUT', 'POST', 'OPTIONS', 'ANY', '*'), fc.constantFrom('/', '*', '/a', '/a/{id}', '/b:c', '/#x', '/-x')), {
        selector: ([method, path]) => `${method} ${path}`,
        maxLength: 6,
      })
      .chain((keys) => fc.tuple(...keys.map(() => rule)).map((rules) => keys.map(([httpMethod, resourcePath], index) => ({key: `${httpMethod} ${resourcePath}`, httpMethod, resourcePath, ...rules[index]}))))
    const spec: fc.Arbitrary<DesiredSpec> = fc.record({
      source: fc.constant({kind: 'binfix' as const, file: 'binfix.yaml'}),
      api: fc.stringMatching(/^[a-z0-9]{10}$/),
      region: fc.constantFrom('us-east-1', 'eu-central-1', 'us-gov-west-1'),
      stage: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
      binaryMediaTypes: fc.uniqueArray(fc.constantFrom('image/png', 'image/*', '*/*', 'application/octet-stream', 'application/vnd.api+json')),
      binaryMediaTypesMode: fc.constantFrom('add-only' as const, 'exact' as const),
      routes,
      verify: fc.array(
        fc.record({route: fc.constantFrom('GET /a', 'PUT /a?x=1&y=#', 'get /'), accept: fc.array(fc.constantFrom('image/png', '*/*', 'application/json; q=0.9')), contentType: fc.array(fc.constantFrom('image/png', 'application/json'), {minLength: 1, maxLength: 2}), readBack: fc.constant('GET /a?k=1')}, {requiredKeys: ['route']}),
        {maxLength: 2},
      ),
      ignore: fc.uniqueArray(fc.constantFrom(...FINDING_KINDS, 'preflight-hazard:0123456789')),
    })
    fc.assert(
      fc.property(spec, (original) => {
        const rendered = renderSpecYaml(original, {apiId: original.api!, apiName: 'n', writtenAt})
        expect(parseDesiredSpec('binfix.yaml', rendered)).toEqual(original)
      }),
      {numRuns: 60},
    )
  })
})

describe('a streamed route', () => {
  const streamed = route('GET', '/video', {type: 'AWS_PROXY', responseTransferMode: 'STREAM'})

  it('is written with transferMode STREAM, and reads back so', () => {
    const rule = routeRuleOf(streamed)
    // Only what the route sets: its contentHandling is unset, so none is pinned.
    expect(rule).toEqual({key: 'GET /video', httpMethod: 'GET', resourcePath: '/video', transferMode: 'STREAM'})
    expect(describeRouteRule(rule!)).toBe('GET /video: transferMode STREAM')
    const {spec} = proposeSpec({id: 'abcdefghij', name: 'Videos', config: {binaryMediaTypes: [], routes: [streamed]}}, {file: 'binfix.yaml'})
    const text = renderSpecYaml(spec, {apiId: 'abcdefghij', apiName: 'Videos', writtenAt: new Date(0)})
    expect(parseDesiredSpec('binfix.yaml', text).routes).toEqual([rule])
  })

  it('a buffered route without contentHandling gets no rule', () => {
    expect(routeRuleOf(route('GET', '/json', {type: 'AWS_PROXY', responseTransferMode: 'BUFFERED'}))).toBeUndefined()
  })
})
