// The spec loader under generated and damaged specs: whatever the text, it returns a spec or refuses it
// with one short line naming the file (a UsageError, exit 2), never another error.
import fc from 'fast-check'

import {parseDesiredSpec} from '../../src/desired-spec/load-spec.js'
import {type FuzzCase, refusalProblems} from '../helpers/fuzz-text.js'
import {fuzzedSpecs, specTexts} from '../helpers/spec-arbitraries.js'

const FILE = 'fuzz/binfix.yaml'
// About 2 ms a case: a few seconds in all (CI budget).
const RUNS = 2000

/** What is wrong with how the loader took `text`, or [] when it read it or refused it properly. */
function loaderProblems(text: string): string[] {
  try {
    const spec = parseDesiredSpec(FILE, text)
    return spec.source.kind !== 'flags' && spec.source.file === FILE ? [] : [`a spec from elsewhere: ${JSON.stringify(spec.source)}`]
  } catch (error) {
    return refusalProblems(error, FILE)
  }
}

describe('the spec loader under fuzzing', () => {
  it('accepts every seed document before it is damaged', () => {
    fc.assert(
      fc.property(specTexts(), (text) => {
        expect(() => parseDesiredSpec(FILE, text)).not.toThrow()
      }),
      {seed: 7, numRuns: 200},
    )
  })

  it('reads or refuses in one line every damaged spec', () => {
    const violations: Array<FuzzCase & {problems: string[]}> = []
    let cases = 0
    fc.assert(
      fc.property(fuzzedSpecs(), (fuzzCase) => {
        cases++
        const problems = loaderProblems(fuzzCase.text)
        if (problems.length > 0) violations.push({...fuzzCase, problems})
      }),
      {seed: 20_260_131, numRuns: RUNS},
    )
    expect(cases).toBe(RUNS)
    // Shown with how each text was made; the texts themselves can be megabytes.
    expect(violations.map(({steps, problems, text}) => ({steps, problems, start: text.slice(0, 300)}))).toEqual([])
  })
})
