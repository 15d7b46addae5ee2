// A stack declaration is read strictly, before any template: what another YAML reader would read
// otherwise is refused with its line.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {StackDeclarationError, readStackDeclaration} from '../../../src/sandbox/cloudformation/stack-declaration.js'

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-stack-declaration-'))
})
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

function refusal(text: string): string {
  const file = join(scratch, 'stack.yaml')
  writeFileSync(file, text)
  try {
    readStackDeclaration(file)
  } catch (error) {
    if (error instanceof StackDeclarationError) return error.message
    throw error
  }
  throw new Error('the declaration was accepted')
}

describe('readStackDeclaration', () => {
  it.each([
    ['restApis as an !!omap', 'stackName: s\ntemplate: t.json\nrestApis: !!omap\n  - Api: images\n', 'not valid YAML or JSON (line 3, column 11: tag !!omap is not read'],
    ['a logical id written twice, once as a number', 'stackName: s\ntemplate: t.json\nrestApis:\n  "1": a\n  1: b\n', 'not valid YAML or JSON (line 5, column 3: key 1 repeats key "1" of line 4, column 3'],
    ['a merge key', 'base: &b {Api: images}\nstackName: s\ntemplate: t.json\nrestApis:\n  <<: *b\n', 'not valid YAML or JSON (line 5, column 3: a merge key (<<)'],
  ])('refuses %s', (_name, text, expected) => {
    expect(refusal(text)).toContain(expected)
  })
})
