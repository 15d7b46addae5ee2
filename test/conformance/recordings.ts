// LocalStack's recordings of real AWS (fixtures/localstack/snapshots, Apache-2.0): for each test, the
// answers AWS gave, keyed as the test matched them, with LocalStack's transformers already applied
// (ids and names as `<id:1>`, dates as "datetime", the account as 111111111111, the Region as `<region>`).
import {readFileSync} from 'node:fs'

export interface Recording {
  /** `test_apigateway_api.py::TestClass::test_name` */
  id: string
  recordedDate: string
  /** Match key → the answer, in the order the test matched them. */
  content: Record<string, unknown>
}

const SNAPSHOTS = new URL('../../fixtures/localstack/snapshots/', import.meta.url)
const PREFIX = 'tests/aws/services/apigateway/'
const cache = new Map<string, Record<string, {'recorded-date': string; 'recorded-content': Record<string, unknown>}>>()

function snapshotFile(file: string) {
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(new URL(file.replace(/\.py$/, '.snapshot.json'), SNAPSHOTS), 'utf8')))
  return cache.get(file)!
}

/**
 * The recording of `id` (`<file>.py::<Class>::<test>`). A validated test that matched nothing (it checks
 * AWS's answers with plain asserts, which its transcription repeats) has no snapshot entry: its recording
 * is empty, dated when it was validated.
 */
export function recording(id: string): Recording {
  const [file] = id.split('::')
  const recordings = snapshotFile(file!)
  const entry = recordings[`${PREFIX}${id}`] ?? recordingOfMovedTest(recordings, id)
  if (entry) return {id, recordedDate: entry['recorded-date'], content: entry['recorded-content']}
  const validated = validationFile(file!)[`${PREFIX}${id}`]
  if (!validated) throw new Error(`no recording of ${id}`)
  return {id, recordedDate: validated.last_validated_date, content: {}}
}

/**
 * A test moved to another class keeps its old key in the validation file while its recording takes the
 * new one (test_put_integration_response_validation: TestApigatewayIntegrationResponse in
 * test_apigateway_api.validation.json, TestApigatewayIntegration in the snapshot and the Python), so a
 * validated test is found by file and name when its class holds no recording of it and one class does.
 */
function recordingOfMovedTest(recordings: ReturnType<typeof snapshotFile>, id: string) {
  const [file, ...rest] = id.split('::')
  const name = rest.at(-1)!
  const sameName = Object.keys(recordings).filter((key) => key.startsWith(`${PREFIX}${file}::`) && key.endsWith(`::${name}`))
  return sameName.length === 1 ? recordings[sameName[0]!] : undefined
}

function validationFile(file: string): Record<string, {last_validated_date: string}> {
  return JSON.parse(readFileSync(new URL(file.replace(/\.py$/, '.validation.json'), SNAPSHOTS), 'utf8'))
}

/** The tests of `file` LocalStack validated against AWS (its `*.validation.json`), as `<file>::<Class>::<test>`. */
export function validatedTests(file: string): string[] {
  // Parametrised tests appear once per parameter: `test_name[param]`.
  return Object.keys(validationFile(file)).map((key) => key.slice(PREFIX.length))
}
