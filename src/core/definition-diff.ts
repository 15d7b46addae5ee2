// The binary-relevant definition of an API as canonical text (sorted keys, stable order), and the unified
// diff between two of them, limited to the hunks that change.

import {FILE_HEADERS_ONLY, createTwoFilesPatch} from 'diff'

import type {ApiConfig} from './api-config.js'

export function canonicalDefinition(config: ApiConfig): string {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of config.routes) {
    const integration = route.integration
    paths[route.resourcePath] ??= {}
    paths[route.resourcePath]![route.httpMethod] = integration
      ? {
          integration: {
            type: integration.type,
            contentHandling: integration.contentHandling,
            passthroughBehavior: integration.passthroughBehavior,
            requestTemplates: integration.requestTemplateTypes.length > 0 ? integration.requestTemplateTypes : undefined,
            responses: Object.fromEntries(
              integration.responses.map((response) => [
                response.statusCode,
                {
                  contentHandling: response.contentHandling,
                  selectionPattern: response.selectionPattern,
                  responseTemplates: response.responseTemplateTypes.length > 0 ? response.responseTemplateTypes : undefined,
                },
              ]),
            ),
          },
        }
      : {}
  }
  return `${stableStringify({binaryMediaTypes: [...config.binaryMediaTypes].sort(), paths})}\n`
}

/** Unified diff (3 lines of context); empty when nothing changes. */
export function definitionDiff(before: ApiConfig, after: ApiConfig, names: {before: string; after: string}): string {
  const old = canonicalDefinition(before)
  const next = canonicalDefinition(after)
  if (old === next) return ''
  return createTwoFilesPatch(names.before, names.after, old, next, undefined, undefined, {context: 3, headerOptions: FILE_HEADERS_ONLY})
}

function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2)
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, entry]) => [key, sortKeys(entry)]),
  )
}
