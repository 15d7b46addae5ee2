// The strict reader refuses what YAML readers disagree on, and reads everything else exactly as the
// yaml library (and JSON) would.
import {jest} from '@jest/globals'
import fc from 'fast-check'
import {Alias, parse, stringify} from 'yaml'

import {YamlReadError, readStrictYaml} from '../../src/core/strict-yaml.js'

describe('readStrictYaml', () => {
  it('reads any JSON value written as YAML (block or flow) or as JSON back as that value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('block', 'flow', 'json'), (value, style) => {
        const text = style === 'json' ? JSON.stringify(value) : stringify(value, {collectionStyle: style === 'flow' ? 'flow' : 'block'})
        expect(JSON.stringify(readStrictYaml(text).value)).toBe(JSON.stringify(value))
      }),
      {seed: 20_240_131, numRuns: 300},
    )
  })

  it('resolves an alias to the anchor before it, also when read again inside another alias', () => {
    const text = 'a: &x [&y 1, *y]\nc: &y 2\nb: *x\nd: *y\n'
    expect(readStrictYaml(text).value).toEqual(parse(text))
    expect(readStrictYaml(text).value).toEqual({a: [1, 1], c: 2, b: [1, 1], d: 2})
  })

  it('follows aliases without Alias.resolve, which walks the whole document on every call', () => {
    const resolve = jest.spyOn(Alias.prototype, 'resolve')
    try {
      expect(readStrictYaml(`a: &a x\nl:\n${Array(2000).fill('  - *a\n').join('')}`).value).toEqual({a: 'x', l: Array(2000).fill('x')})
      expect(resolve).not.toHaveBeenCalled()
    } finally {
      resolve.mockRestore()
    }
  })

  it('reads documents nested 90 levels deep, in block and flow style (the bound is 100)', () => {
    let value: unknown = 'leaf'
    for (let level = 0; level < 90; level++) value = level % 2 === 0 ? {[`k${level}`]: value} : [value]
    for (const style of ['block', 'flow'] as const) {
      expect(readStrictYaml(stringify(value, {collectionStyle: style})).value).toEqual(value)
    }
    expect(readStrictYaml(JSON.stringify(value)).value).toEqual(value)
  })

  it('gives every fault a line, a column and one short line of detail', () => {
    const fault = (text: string): YamlReadError => {
      try {
        readStrictYaml(text)
      } catch (error) {
        if (error instanceof YamlReadError) return error
        throw error
      }
      throw new Error('accepted')
    }
    const error = fault(`a: 1\nb: !${'x'.repeat(5000)} 2\n`)
    expect([error.line, error.column]).toEqual([2, 4])
    expect(error.detail).toMatch(/^tag "!x{59}…" \(5001 characters\) is not read/)
    expect(fault('a: "\\u0007\n').detail).not.toMatch(/[\u0000-\u001f]/)
  })
})
