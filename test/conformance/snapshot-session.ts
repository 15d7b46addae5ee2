// What LocalStack's snapshot session did to every answer before it was recorded, done to the sandbox's
// answers so the two compare: text starting with `{` that parses as JSON became the parsed value (a
// GetExport body, a mapping template such as `{"statusCode": 200}`), and ISO 8601 timestamps became
// "date" (SNAPSHOT_BASIC_TRANSFORMER, which LocalStack applies to its API Gateway tests). Sources:
// localstack/localstack-snapshot, localstack_snapshot/snapshots/prototype.py
// (`SnapshotSession._transform_dict_to_parseable_values`) and snapshots/transformer.py (`PATTERN_ISO8601`);
// localstack/localstack 8b9a79f0, tests/aws/conftest.py (`snapshot` fixture) and
// localstack-core/localstack/testing/snapshots/transformer_utility.py (`SNAPSHOT_BASIC_TRANSFORMER`).

// PATTERN_ISO8601 as localstack_snapshot writes it (a calendar-checked date, a time, optional fraction, a zone).
const ISO_8601 =
  /(?:[1-9]\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-][01]\d:?([0-5]\d)?)/g

/** `answer` as the recording would hold it, had it been matched under `key` in LocalStack's session. */
export function asRecorded(key: string, answer: unknown): unknown {
  const state: Record<string, unknown> = {[key]: answer}
  parseJsonValues(state)
  return withDates(state[key])
}

// Only the values of objects are parsed (objects inside lists are visited, text inside lists is not), and
// a parsed value is not visited again: exactly what the Python does.
function parseJsonValues(record: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isRecord(item)) parseJsonValues(item)
    } else if (isRecord(value)) {
      parseJsonValues(value)
    } else if (typeof value === 'string' && value.startsWith('{')) {
      try {
        record[key] = JSON.parse(value)
      } catch {
        // Not JSON: kept as text, as the session keeps it.
      }
    }
  }
}

// The session replaces in the serialized document, so keys are rewritten too.
function withDates(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll(ISO_8601, 'date')
  if (Array.isArray(value)) return value.map(withDates)
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replaceAll(ISO_8601, 'date'), withDates(item)]))
  return value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
