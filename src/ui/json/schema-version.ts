// The version every --json document carries as `schemaVersion` (schemas/json/ describes each document of it).
// A field added keeps it; a field removed, renamed or given another type makes the next one.
export const JSON_SCHEMA_VERSION = 1
