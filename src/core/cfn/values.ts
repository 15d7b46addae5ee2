// The plain values a template reads into. Their own module so intrinsics.ts, which template.ts calls,
// types its arguments without importing template.ts back.

export type CfnValue = string | number | boolean | null | CfnValue[] | CfnObject
export interface CfnObject {
  [key: string]: CfnValue
}
