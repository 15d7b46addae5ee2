// What init says once the spec is written, from a given result.
import type {DesiredSpec} from '../../src/core/desired-spec.js'
import {renderInit} from '../../src/ui/init-view.js'

const API = {id: 'a1b2c3d4e5', name: 'image-api'}

describe('renderInit', () => {
  const spec = (binaryMediaTypes: string[], routes: number): DesiredSpec => ({
    source: {kind: 'binfix', file: 'binfix.yaml'},
    binaryMediaTypes,
    binaryMediaTypesMode: 'add-only',
    verify: [],
    ignore: [],
    routes: Array.from({length: routes}, (_, index) => ({key: `GET /r${index}`, httpMethod: 'GET', resourcePath: `/r${index}`, request: 'CONVERT_TO_TEXT' as const})),
  })

  it('counts what the spec keeps, singular and plural', () => {
    expect(renderInit({out: 'binfix.yaml', api: API, spec: spec(['image/jpeg'], 1)})).toBe('Wrote binfix.yaml for REST API image-api (a1b2c3d4e5): 1 binary media type, 1 route with contentHandling')
    expect(renderInit({out: 'specs/api.yaml', api: API, spec: spec(['image/jpeg', 'image/png'], 0)})).toBe(
      'Wrote specs/api.yaml for REST API image-api (a1b2c3d4e5): 2 binary media types, 0 routes with contentHandling',
    )
  })
})
