import type {ApiConfig} from '../../../src/core/api-config.js'
import {concretePath, matchRank, parseRequestLine, resolveRoute} from '../../../src/core/verify/route-match.js'

const api: ApiConfig = {
  binaryMediaTypes: [],
  routes: [
    {resourcePath: '/', httpMethod: 'GET'},
    {resourcePath: '/files/{key}', httpMethod: 'GET'},
    {resourcePath: '/files/{key}', httpMethod: 'ANY'},
    {resourcePath: '/files/latest', httpMethod: 'GET'},
    {resourcePath: '/files/{key}/meta', httpMethod: 'GET'},
    {resourcePath: '/{proxy+}', httpMethod: 'ANY'},
  ],
}

describe('parseRequestLine', () => {
  it('splits method, target and path', () => {
    expect(parseRequestLine('get /lambda?key=probe.jpg')).toEqual({method: 'GET', target: '/lambda?key=probe.jpg', path: '/lambda'})
    expect(parseRequestLine('  PUT   /a/b  ')).toEqual({method: 'PUT', target: '/a/b', path: '/a/b'})
  })
  it.each(['/lambda', 'GET lambda', 'GET', 'GET /a b', ''])('refuses %p', (text) => {
    expect(parseRequestLine(text)).toBeUndefined()
  })
})

describe('resolveRoute', () => {
  const reach = (method: string, path: string) => {
    const route = resolveRoute(api, method, path)
    return route && `${route.httpMethod} ${route.resourcePath}`
  }
  it('prefers a literal segment to a parameter, and a parameter to a greedy one', () => {
    expect(reach('GET', '/files/latest')).toBe('GET /files/latest')
    expect(reach('GET', '/files/cat.png')).toBe('GET /files/{key}')
    expect(reach('GET', '/files/cat.png/meta')).toBe('GET /files/{key}/meta')
    expect(reach('GET', '/elsewhere/deep/path')).toBe('ANY /{proxy+}')
  })
  it('takes the exact method, else ANY on the same resource', () => {
    expect(reach('PUT', '/files/cat.png')).toBe('ANY /files/{key}')
    expect(reach('GET', '/')).toBe('GET /')
  })
  it('finds nothing where API Gateway answers 403', () => {
    expect(reach('PUT', '/')).toBeUndefined()
    expect(reach('PUT', '/files/latest')).toBeUndefined()
    expect(resolveRoute({binaryMediaTypes: [], routes: [{resourcePath: '/a', httpMethod: 'GET'}]}, 'GET', '/b')).toBeUndefined()
  })
  it('matches percent-encoded literals', () => {
    expect(matchRank('/my files', '/my%20files')).toEqual([2])
  })
  it('needs at least one segment for a greedy parameter', () => {
    expect(matchRank('/{proxy+}', '/')).toBeUndefined()
    expect(matchRank('/a/{proxy+}', '/a')).toBeUndefined()
    expect(matchRank('/a/{proxy+}', '/a/b/c')).toEqual([2, 0])
  })
})

describe('concretePath', () => {
  it('puts "probe" in every path parameter', () => {
    expect(concretePath('/thumbnails/{key}')).toBe('/thumbnails/probe')
    expect(concretePath('/{proxy+}')).toBe('/probe')
    expect(concretePath('/a/{b}/c/{d}')).toBe('/a/probe/c/probe')
    expect(concretePath('/')).toBe('/')
  })
})
