// The mapping templates' renderer (src/sandbox/data-plane/mapping-template.ts) replaces two methods of
// velocityjs by name: getBlockIf (Velocity's truthiness) and getBlockEach (API Gateway's iteration quota).
// velocityjs declares them on an internal mixin, not on Compile, so tsc cannot check that they still
// override anything (package.json pins velocityjs to the exact version this was written against). These
// tests fail if velocityjs stops calling a method by that name, or if the renderer's replacement is not the
// one that runs.
import {readFileSync} from 'node:fs'

import {Compile, parse} from 'velocityjs'

import {MappingTemplateError, renderMappingTemplate} from '../../../src/sandbox/data-plane/mapping-template.js'

type Ast = ReturnType<typeof parse>[number]

const input = {body: '{}', params: {path: {}, querystring: {}, header: {}}, stageVariables: {}, context: {}}

describe("velocityjs's blocks, as the sandbox replaces them", () => {
  it('velocityjs is pinned to the version installed, so an upgrade is a deliberate change that runs these tests', () => {
    const manifest = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {version: string; dependencies: Record<string, string>}
    expect(manifest('../../../package.json').dependencies.velocityjs).toBe(manifest('../../../node_modules/velocityjs/package.json').version)
  })

  it('velocityjs renders #if through a method named getBlockIf and #foreach through getBlockEach', () => {
    const calls: string[] = []
    class Recording extends Compile {
      getBlockIf(block: Ast[]): string {
        calls.push(`getBlockIf:${block.length}`)
        return '[if]'
      }

      getBlockEach(block: Ast[]): string {
        calls.push(`getBlockEach:${block.length}`)
        return '[each]'
      }
    }
    expect(new Recording(parse('a#if(true)b#{else}c#end d#foreach($i in [1..2])$i#end')).render({})).toBe('a[if] d[each]')
    expect(calls).toEqual(['getBlockIf:4', 'getBlockEach:2'])
  })

  it("the renderer's getBlockIf runs: an empty string and 0 are true in Velocity, false in velocityjs's own", () => {
    const template = '#if("")velocity#{else}javascript#end #if(0)velocity#{else}javascript#end'
    expect(new Compile(parse(template)).render({})).toBe('javascript javascript')
    expect(renderMappingTemplate(template, input)).toBe('velocity velocity')
  })

  it("the renderer's getBlockEach runs: 1,001 iterations exceed API Gateway's quota, which velocityjs's own lets through", () => {
    const template = '#set($n = 0)#foreach($i in [1..1001])#set($n = $n + 1)#end$n'
    expect(new Compile(parse(template)).render({})).toBe('1001')
    expect(() => renderMappingTemplate(template, input)).toThrow(MappingTemplateError)
  })
})
