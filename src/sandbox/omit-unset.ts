// Its own module so the store's helpers (documentation-locations.ts, which the store's imports reach) use it
// without importing route.ts, whose OperationContext names the store: that import closed a circle.

/** Drops undefined members so a record serializes exactly like AWS omits unset fields. */
export function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key]
  return record
}
