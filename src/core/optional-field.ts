// Optional fields of documents other programs read (saved plans, --json documents) stay absent rather than
// present as undefined, so what is written is exactly what the published shape says.

/** `{[key]: value}` when value is defined, else nothing, to spread into an object literal. */
export function optionalField<Key extends string, Value>(key: Key, value: Value | undefined): {[K in Key]?: Value} {
  return (value === undefined ? {} : {[key]: value}) as {[K in Key]?: Value}
}
