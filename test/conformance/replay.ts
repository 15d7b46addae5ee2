// Replaying a recording: a transcription of LocalStack's test makes the same calls against the sandbox
// through the AWS SDK and matches each answer under the recording's key; the answers must equal the
// recording, placeholders unified (unify.ts), after what LocalStack's snapshot session did to answers
// before recording them (snapshot-session.ts). A difference the sandbox keeps on purpose is allowed only
// by a deviation with its reason, and a deviation nothing needs any more fails, so the list stays true.
import {recording} from './recordings.js'
import {SCOPE} from './scope.js'
import {asRecorded} from './snapshot-session.js'
import {differences, newBindings} from './unify.js'

export interface Snapshot {
  /** As LocalStack's `snapshot.match(key, answer)`. */
  match(key: string, answer: unknown): void
}

export interface Deviation {
  /** `<file>::<Class>::<test>` */
  test: string
  /** The match key; with `path`, only differences under that path (as differences() names them). */
  key: string
  path?: string
  /** Why the sandbox answers otherwise, on purpose. */
  reason: string
}

export interface Conformance {
  /** Registers a jest test replaying the recording `id` with `script`. */
  replay(id: string, script: (snapshot: Snapshot) => Promise<void>): void
  /** Registers the checks that close a file: every test SCOPE assigns to it is replayed, every deviation used. */
  done(): void
}

/** For one file of transcriptions (`file` as SCOPE names it), with its deviations. */
export function conformance(file: string, deviations: readonly Deviation[]): Conformance {
  const replayed = new Set<string>()
  const used = new Set<Deviation>()
  return {
    replay(id, script) {
      replayed.add(id)
      it(id.split('::').slice(1).join(' › '), async () => {
        const recorded = recording(id)
        const answers = new Map<string, unknown>()
        await script({
          match(key, value) {
            if (answers.has(key)) throw new Error(`${key} matched twice`)
            answers.set(key, asRecorded(key, value))
          },
        })
        const bindings = newBindings()
        const found: string[] = []
        const recordedKeys = Object.keys(recorded.content)
        const missing = recordedKeys.filter((key) => !answers.has(key))
        const extra = [...answers.keys()].filter((key) => !(key in recorded.content))
        if (missing.length > 0 || extra.length > 0) found.push(`match keys differ: not matched ${JSON.stringify(missing)}, not recorded ${JSON.stringify(extra)}`)
        for (const key of recordedKeys) {
          if (!answers.has(key)) continue
          for (const difference of differences(recorded.content[key], answers.get(key), bindings, key)) {
            const allowed = deviations.find((deviation) => deviation.test === id && deviation.key === key && (deviation.path === undefined || difference.startsWith(`${key}${deviation.path}`)))
            if (allowed) used.add(allowed)
            else found.push(difference)
          }
        }
        expect(found).toEqual([])
      })
    },
    done() {
      it('replays every validated recording in scope for this file', () => {
        const assigned = Object.entries(SCOPE)
          .filter(([, scope]) => 'replayedIn' in scope && scope.replayedIn === file)
          .map(([id]) => id)
        expect([...replayed].filter((id) => !assigned.includes(id))).toEqual([])
        expect(assigned.filter((id) => !replayed.has(id))).toEqual([])
      })
      it('allows no deviation that no difference needs', () => {
        expect(deviations.filter((deviation) => !used.has(deviation))).toEqual([])
        // Printed for the README's conformance figures.
        const withDeviations = new Set([...used].map((deviation) => deviation.test)).size
        console.log(`conformance: ${file}: ${replayed.size} recordings replayed, ${withDeviations} of them with an allowlisted difference`)
      })
    },
  }
}
