// Which of LocalStack's AWS-validated recordings the conformance suite replays: all of those in the
// files this project keeps, but for the ones SCOPE names out of scope with a reason.
import {readdirSync} from 'node:fs'

import {validatedTests} from './recordings.js'
import {SCOPE} from './scope.js'

const FILES = readdirSync(new URL('../../fixtures/localstack/snapshots/', import.meta.url))
  .filter((name) => name.endsWith('.validation.json'))
  .map((name) => name.replace('.validation.json', '.py'))

it('SCOPE names every validated recording kept, and nothing else', () => {
  const validated = FILES.flatMap(validatedTests).sort()
  expect(Object.keys(SCOPE).sort()).toEqual(validated)
})

it('every test out of scope says why', () => {
  const unexplained = Object.entries(SCOPE).filter(([, scope]) => 'outOfScope' in scope && scope.outOfScope.trim().length < 10)
  expect(unexplained).toEqual([])
})

it('reports the count replayed (printed for the README)', () => {
  const replayed = Object.values(SCOPE).filter((scope) => 'replayedIn' in scope).length
  console.log(`conformance: ${replayed} of ${Object.keys(SCOPE).length} validated recordings in scope and replayed`)
  expect(replayed).toBeGreaterThan(0)
})
