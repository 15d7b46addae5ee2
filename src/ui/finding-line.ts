// One finding on one line: severity, kind, where, and what happens.

import {routeKey} from '../core/api-config.js'
import type {Finding} from '../core/findings.js'

export function describeFinding(entry: Finding): string {
  const where = entry.resourcePath === null ? 'API-wide' : routeKey({httpMethod: entry.httpMethod ?? '*', resourcePath: entry.resourcePath})
  return `${entry.severity} ${entry.kind} ${where}${entry.statusCode ? ` ${entry.statusCode}` : ''}: ${entry.message}`
}
