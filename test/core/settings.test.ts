// Single settings: what a journal records before writing (priorValues) and what rollback writes to bring
// them back (callsToRestore) must describe the same set, so that a rollback undoes exactly an apply.
import fc from 'fast-check'

import type {ApiConfig} from '../../src/core/api-config.js'
import {applyFixCalls} from '../../src/core/apply-fix-calls.js'
import type {ContentHandling} from '../../src/core/conversion.js'
import {canonicalDefinition} from '../../src/core/definition-diff.js'
import type {FixCall, PatchCall, PatchOperation} from '../../src/core/fix-calls.js'
import {mergeFixCalls} from '../../src/core/merge-fixes.js'
import {
  type SettingValue,
  callSetting,
  callsToRestore,
  describeValue,
  earliestValues,
  priorValues,
  settingKey,
  settingLabel,
  singleSettingCalls,
  valuesMatching,
} from '../../src/core/settings.js'
import {LIVE_ONLY_ENTRIES, MEDIA_TYPES, METHODS, PATHS, STATUS_CODES, handlingArbitrary, liveConfigArbitrary, resourceIdOf} from '../helpers/api-config-arbitraries.js'

const API = 'a1b2c3d4e5'

const live: ApiConfig = {
  binaryMediaTypes: ['image/png', 'image~1gif'],
  routes: [
    {
      resourceId: 'r1',
      resourcePath: '/lambda',
      httpMethod: 'GET',
      integration: {
        type: 'AWS',
        requestTemplateTypes: [],
        responses: [
          {statusCode: '200', contentHandling: 'CONVERT_TO_BINARY', responseTemplateTypes: []},
          {statusCode: '500', responseTemplateTypes: []},
        ],
      },
    },
    {
      resourceId: 'r1',
      resourcePath: '/lambda',
      httpMethod: 'PUT',
      integration: {type: 'AWS', contentHandling: 'CONVERT_TO_TEXT', requestTemplateTypes: [], responses: [{statusCode: '200', responseTemplateTypes: []}]},
    },
    {resourceId: 'r2', resourcePath: '/bare', httpMethod: 'GET'},
  ],
}

function bmt(mediaType: string, listed: boolean): SettingValue {
  return {setting: 'binaryMediaType', mediaType, listed}
}

function integration(httpMethod: string, contentHandling: ContentHandling | null): SettingValue {
  return {setting: 'integration', resourceId: 'r1', resourcePath: '/lambda', httpMethod, contentHandling}
}

function response(httpMethod: string, statusCode: string, contentHandling: ContentHandling | null): SettingValue {
  return {setting: 'integrationResponse', resourceId: 'r1', resourcePath: '/lambda', httpMethod, statusCode, contentHandling}
}

function restApi(...patchOperations: PatchOperation[]): PatchCall {
  return {operation: 'UpdateRestApi', restApiId: API, patchOperations}
}

function updateIntegration(httpMethod: string, value: string): PatchCall {
  return {operation: 'UpdateIntegration', restApiId: API, resourceId: 'r1', httpMethod, patchOperations: [{op: 'replace', path: '/contentHandling', value}]}
}

function updateResponse(httpMethod: string, statusCode: string, value: string): PatchCall {
  return {operation: 'UpdateIntegrationResponse', restApiId: API, resourceId: 'r1', httpMethod, statusCode, patchOperations: [{op: 'replace', path: '/contentHandling', value}]}
}

describe('naming settings', () => {
  it('keys a setting by what it addresses, labels it by route, and describes unset as PASSTHROUGH', () => {
    expect(settingKey(bmt('image/png', false))).toBe(settingKey(bmt('image/png', true)))
    expect(settingKey(integration('PUT', null))).toBe('integration r1 PUT')
    expect(settingKey(response('GET', '200', null))).not.toBe(settingKey(response('GET', '500', null)))
    expect(settingKey(integration('GET', null))).not.toBe(settingKey(response('GET', '200', null)))
    expect(settingLabel(integration('PUT', null))).toBe('PUT /lambda integration contentHandling')
    expect(settingLabel(response('GET', '200', null))).toBe('GET /lambda 200 response contentHandling')
    expect(describeValue(bmt('image/png', false))).toBe('not listed')
    expect(describeValue(integration('PUT', null))).toBe('PASSTHROUGH (unset)')
    expect(describeValue(integration('PUT', 'CONVERT_TO_TEXT'))).toBe('CONVERT_TO_TEXT')
  })

  it('splits calls into one call per patch operation and drops deployments', () => {
    const calls: FixCall[] = [restApi({op: 'add', path: '/binaryMediaTypes/image~1jpeg'}, {op: 'remove', path: '/binaryMediaTypes/image~1png'}), {operation: 'CreateDeployment', restApiId: API, stageName: 'v1'}]
    expect(singleSettingCalls(calls)).toEqual([restApi({op: 'add', path: '/binaryMediaTypes/image~1jpeg'}), restApi({op: 'remove', path: '/binaryMediaTypes/image~1png'})])
  })
})

describe('priorValues', () => {
  it('records the value before the calls of every setting they write', () => {
    const calls: FixCall[] = [
      restApi({op: 'add', path: '/binaryMediaTypes/image~1jpeg'}, {op: 'remove', path: '/binaryMediaTypes/image~1png'}, {op: 'remove', path: '/binaryMediaTypes/image~01gif'}),
      updateIntegration('GET', 'CONVERT_TO_TEXT'),
      updateIntegration('PUT', ''),
      updateResponse('GET', '200', ''),
      updateResponse('GET', '500', 'CONVERT_TO_BINARY'),
      {operation: 'CreateDeployment', restApiId: API, stageName: 'v1'},
    ]
    expect(priorValues(live, calls)).toEqual([
      bmt('image/jpeg', false),
      bmt('image/png', true),
      // The patch path escapes '~' as '~0': the entry itself is the malformed "image~1gif".
      bmt('image~1gif', true),
      integration('GET', null),
      integration('PUT', 'CONVERT_TO_TEXT'),
      response('GET', '200', 'CONVERT_TO_BINARY'),
      response('GET', '500', null),
    ])
  })

  it('records a setting once, with its value before the first call that writes it', () => {
    const calls: FixCall[] = [
      updateIntegration('PUT', 'CONVERT_TO_BINARY'),
      restApi({op: 'add', path: '/binaryMediaTypes/image~1jpeg'}),
      updateIntegration('PUT', ''),
      restApi({op: 'remove', path: '/binaryMediaTypes/image~1jpeg'}),
    ]
    expect(priorValues(live, calls)).toEqual([integration('PUT', 'CONVERT_TO_TEXT'), bmt('image/jpeg', false)])
  })

  it('skips settings the API does not have', () => {
    const calls: FixCall[] = [
      updateResponse('PUT', '404', 'CONVERT_TO_TEXT'),
      updateIntegration('DELETE', 'CONVERT_TO_TEXT'),
      {operation: 'UpdateIntegration', restApiId: API, resourceId: 'r2', httpMethod: 'GET', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]},
      restApi({op: 'replace', path: '/description', value: 'x'}),
    ]
    expect(priorValues(live, calls)).toEqual([])
  })
})

describe('callsToRestore', () => {
  const changes: FixCall[] = [
    restApi({op: 'add', path: '/binaryMediaTypes/image~1jpeg'}, {op: 'remove', path: '/binaryMediaTypes/image~1png'}, {op: 'remove', path: '/binaryMediaTypes/image~01gif'}),
    updateIntegration('GET', 'CONVERT_TO_TEXT'),
    updateIntegration('PUT', 'CONVERT_TO_BINARY'),
    updateResponse('GET', '200', ''),
    updateResponse('GET', '500', 'CONVERT_TO_TEXT'),
  ]
  const prior = priorValues(live, changes)
  const changed = applyFixCalls(live, changes)

  it('writes each setting that differs, merged into one call per object written', () => {
    expect(callsToRestore(API, changed, prior)).toEqual([
      restApi({op: 'remove', path: '/binaryMediaTypes/image~1jpeg'}, {op: 'add', path: '/binaryMediaTypes/image~1png'}, {op: 'add', path: '/binaryMediaTypes/image~01gif'}),
      updateIntegration('GET', ''),
      updateIntegration('PUT', 'CONVERT_TO_TEXT'),
      updateResponse('GET', '200', 'CONVERT_TO_BINARY'),
      updateResponse('GET', '500', ''),
    ])
  })

  it('gives back the prior values when applied', () => {
    const restored = applyFixCalls(changed, callsToRestore(API, changed, prior))
    expect(priorValues(restored, changes)).toEqual(prior)
    expect(canonicalDefinition(restored)).toBe(canonicalDefinition(live))
  })

  it('leaves alone settings that already hold their prior value, and settings that are gone', () => {
    const partly = applyFixCalls(live, [updateIntegration('PUT', 'CONVERT_TO_BINARY')])
    expect(callsToRestore(API, partly, prior)).toEqual([updateIntegration('PUT', 'CONVERT_TO_TEXT')])
    const withoutPut: ApiConfig = {...changed, routes: changed.routes.filter((route) => route.httpMethod !== 'PUT')}
    expect(callsToRestore(API, withoutPut, [integration('PUT', 'CONVERT_TO_TEXT')])).toEqual([])
    expect(callsToRestore(API, live, prior)).toEqual([])
  })
})

describe('valuesMatching', () => {
  // An export: routes by path and method, no resource ids.
  const target: ApiConfig = {
    binaryMediaTypes: ['image/png', 'image/jpeg'],
    routes: [
      {
        resourcePath: '/lambda',
        httpMethod: 'GET',
        integration: {type: 'AWS', contentHandling: 'CONVERT_TO_TEXT', requestTemplateTypes: [], responses: [{statusCode: '200', responseTemplateTypes: []}]},
      },
      {resourcePath: '/lambda', httpMethod: 'PUT'},
      {resourcePath: '/gone', httpMethod: 'GET', integration: {type: 'MOCK', contentHandling: 'CONVERT_TO_TEXT', requestTemplateTypes: [], responses: []}},
    ],
  }

  it('gives the target value of every setting both have, under the live resource ids', () => {
    expect(valuesMatching(target, live)).toEqual([
      bmt('image/png', true),
      bmt('image~1gif', false),
      bmt('image/jpeg', true),
      integration('GET', 'CONVERT_TO_TEXT'),
      // Unset in the target is null; status 500 exists only live, PUT has no integration in the target.
      response('GET', '200', null),
    ])
  })

  it('restores the target settings through callsToRestore', () => {
    const restored = applyFixCalls(live, callsToRestore(API, live, valuesMatching(target, live)))
    expect([...restored.binaryMediaTypes].sort()).toEqual(['image/jpeg', 'image/png'])
    const get = restored.routes.find((route) => route.httpMethod === 'GET' && route.resourcePath === '/lambda')!
    expect(get.integration?.contentHandling).toBe('CONVERT_TO_TEXT')
    expect(get.integration?.responses).toEqual([
      {statusCode: '200', responseTemplateTypes: []},
      {statusCode: '500', responseTemplateTypes: []},
    ])
    expect(restored.routes.find((route) => route.httpMethod === 'PUT')).toEqual(live.routes[1])
  })
})

describe('earliestValues', () => {
  it('keeps the first value of every setting across lists, in order of first appearance', () => {
    expect(
      earliestValues([
        [integration('PUT', 'CONVERT_TO_TEXT'), bmt('image/png', true)],
        [bmt('image/png', false), response('GET', '200', null)],
        [integration('PUT', null), response('GET', '200', 'CONVERT_TO_TEXT'), bmt('image/jpeg', false)],
      ]),
    ).toEqual([integration('PUT', 'CONVERT_TO_TEXT'), bmt('image/png', true), response('GET', '200', null), bmt('image/jpeg', false)])
    expect(earliestValues([])).toEqual([])
  })
})

describe('rollback restores what apply changed (property)', () => {
  const mediaType = fc.constantFrom(...MEDIA_TYPES, ...LIVE_ONLY_ENTRIES, 'image/gif')
  const handling = handlingArbitrary.map((value) => value ?? null)
  // Settings of routes that may or may not exist in the generated working copy.
  const settingValue: fc.Arbitrary<SettingValue> = fc.oneof(
    fc.record({setting: fc.constant('binaryMediaType' as const), mediaType, listed: fc.boolean()}),
    fc.record({
      setting: fc.constant('integration' as const),
      resourcePath: fc.constantFrom(...PATHS),
      httpMethod: fc.constantFrom(...METHODS),
      contentHandling: handling,
    }).map((value) => ({...value, resourceId: resourceIdOf(value.resourcePath)})),
    fc.record({
      setting: fc.constant('integrationResponse' as const),
      resourcePath: fc.constantFrom(...PATHS),
      httpMethod: fc.constantFrom(...METHODS),
      statusCode: fc.constantFrom(...STATUS_CODES),
      contentHandling: handling,
    }).map((value) => ({...value, resourceId: resourceIdOf(value.resourcePath)})),
  )
  // Unsetting is written either as replace "" (callSetting) or as a remove.
  const call = fc.tuple(settingValue, fc.boolean()).map(([value, asRemove]): PatchCall => {
    const written = callSetting(API, value)
    if (!asRemove || value.setting === 'binaryMediaType' || value.contentHandling !== null) return written
    return {...written, patchOperations: [{op: 'remove', path: '/contentHandling'}]}
  })
  // Apply sends merged calls; a journal may also hold them one by one.
  const calls = fc.tuple(fc.array(call, {maxLength: 12}), fc.boolean()).map(([list, merged]) => (merged ? mergeFixCalls(list) : list))

  it('applying callsToRestore after the calls gives back the working copy', () => {
    fc.assert(
      fc.property(liveConfigArbitrary, calls, (before, written) => {
        const prior = priorValues(before, written)
        const after = applyFixCalls(before, written)
        const restored = applyFixCalls(after, callsToRestore(API, after, prior))
        expect(canonicalDefinition(restored)).toBe(canonicalDefinition(before))
        expect(callsToRestore(API, before, prior)).toEqual([])
        expect(callsToRestore(API, restored, prior)).toEqual([])
      }),
      {numRuns: 500},
    )
  })
})
