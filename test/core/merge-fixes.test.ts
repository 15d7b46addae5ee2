import {applyFixCalls} from '../../src/core/apply-fix-calls.js'
import type {ApiConfig} from '../../src/core/api-config.js'
import type {FixCall} from '../../src/core/fix-calls.js'
import {mergeFixCalls} from '../../src/core/merge-fixes.js'

const api = 'a1b2c3d4e5'

describe('merging fix calls', () => {
  it('sends one call per object written, patches first and the deployment last', () => {
    const calls: FixCall[] = [
      {operation: 'CreateDeployment', restApiId: api, stageName: 'v1'},
      {operation: 'UpdateIntegration', restApiId: api, resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'}]},
      {operation: 'UpdateRestApi', restApiId: api, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}]},
      {operation: 'UpdateIntegration', restApiId: api, resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]},
      {operation: 'UpdateRestApi', restApiId: api, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}, {op: 'remove', path: '/binaryMediaTypes/-'}]},
      {operation: 'CreateDeployment', restApiId: api, stageName: 'v1'},
      {operation: 'UpdateIntegrationResponse', restApiId: api, resourceId: 'r1', httpMethod: 'PUT', statusCode: '200', patchOperations: [{op: 'replace', path: '/contentHandling', value: ''}]},
    ]
    expect(mergeFixCalls(calls)).toEqual([
      {operation: 'UpdateRestApi', restApiId: api, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}, {op: 'remove', path: '/binaryMediaTypes/-'}]},
      // A later replace of the same path wins.
      {operation: 'UpdateIntegration', restApiId: api, resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]},
      {operation: 'UpdateIntegrationResponse', restApiId: api, resourceId: 'r1', httpMethod: 'PUT', statusCode: '200', patchOperations: [{op: 'replace', path: '/contentHandling', value: ''}]},
      {operation: 'CreateDeployment', restApiId: api, stageName: 'v1'},
    ])
  })
})

describe('applying fix calls to the model', () => {
  const config: ApiConfig = {
    binaryMediaTypes: ['image/png', 'image~1gif'],
    routes: [
      {
        resourceId: 'r1',
        resourcePath: '/x',
        httpMethod: 'PUT',
        integration: {type: 'AWS', contentHandling: 'CONVERT_TO_TEXT', requestTemplateTypes: [], responses: [{statusCode: '200', responseTemplateTypes: []}]},
      },
    ],
  }

  it('treats binaryMediaTypes as a set addressed by escaped name, and "" as unset', () => {
    const result = applyFixCalls(config, [
      {operation: 'UpdateRestApi', restApiId: api, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}, {op: 'remove', path: '/binaryMediaTypes/image~01gif'}, {op: 'add', path: '/binaryMediaTypes/*~1*'}]},
      {operation: 'UpdateIntegration', restApiId: api, resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: ''}]},
      {operation: 'UpdateIntegrationResponse', restApiId: api, resourceId: 'r1', httpMethod: 'PUT', statusCode: '200', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'}]},
    ])
    expect(result.binaryMediaTypes).toEqual(['image/png', '*/*'])
    expect(result.routes[0]!.integration).toEqual({type: 'AWS', requestTemplateTypes: [], responses: [{statusCode: '200', contentHandling: 'CONVERT_TO_BINARY', responseTemplateTypes: []}]})
    // The input is not modified.
    expect(config.binaryMediaTypes).toEqual(['image/png', 'image~1gif'])
  })
})
