// Field readers for untrusted OpenAPI documents: own keys only, and every fault is a BadRequestException
// naming where it is, because that is all API Gateway answers for a bad definition.

import {type ApiGatewayError, badRequest} from '../api-errors.js'

export type Json = Record<string, unknown>

export function readString(raw: Json, key: string, at: string): string | undefined {
  const value = own(raw, key)
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(`${at}: ${key} must be a string`)
  return value
}

export function readEnum<T extends string>(
  raw: Json,
  key: string,
  allowed: readonly T[],
  at: string,
  caseInsensitive: boolean,
): T | undefined {
  const value = readString(raw, key, at)
  if (value === undefined) return undefined
  const normalised = caseInsensitive ? value.toUpperCase() : value
  const match = allowed.find((candidate) => candidate === normalised)
  if (match === undefined) throw invalid(`${at}: ${key} '${value}' is not one of [${allowed.join(', ')}]`)
  return match
}

export function readStringMap(raw: Json, key: string, at: string): Record<string, string> | undefined {
  const value = own(raw, key)
  if (value === undefined) return undefined
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw invalid(`${at}: ${key} must map names to strings`)
  }
  // fromEntries defines own keys, so a '__proto__' entry stays data instead of becoming a prototype.
  return Object.fromEntries(Object.entries(value as Record<string, string>))
}

export function readStringList(raw: Json, key: string, at: string): string[] | undefined {
  const value = own(raw, key)
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw invalid(`${at}: ${key} must be a list of strings`)
  return [...(value as string[])]
}

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Own properties only, so keys like 'constructor' in user input never reach Object.prototype.
export function own(value: Json, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined
}

export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined
}

export function nonEmpty(record: Record<string, unknown>): boolean {
  return Object.keys(record).length > 0
}

export function dropUndefined<T extends Record<string, unknown>>(record: T): {[K in keyof T]?: Exclude<T[K], undefined>} {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
}

export function invalid(reason: string): ApiGatewayError {
  return badRequest(`Invalid API definition: ${reason}`)
}
