// Where a documentation part applies (API reference, DocumentationPartLocation), shared by
// CreateDocumentationPart and the imports of documentation.

import {compact} from './omit-unset.js'
import type {DocumentationPart} from './model.js'

/** The model's enum in the order AWS's front end lists it (observed on AWS: LocalStack recording test_invalid_create_documentation_part_operations). */
export const DOCUMENTATION_LOCATION_TYPES = [
  'RESPONSE_BODY', 'RESPONSE', 'METHOD', 'MODEL', 'AUTHORIZER', 'RESPONSE_HEADER', 'RESOURCE', 'PATH_PARAMETER', 'REQUEST_BODY', 'QUERY_PARAMETER', 'API', 'REQUEST_HEADER',
] as const

// The types a path applies to, which default to the root resource (API reference, DocumentationPartLocation.path;
// recorded: test_import_documentation_parts answers METHOD and RESPONSE parts imported without a path with `/`).
const PATHED = new Set(['RESOURCE', 'METHOD', 'QUERY_PARAMETER', 'PATH_PARAMETER', 'REQUEST_HEADER', 'REQUEST_BODY', 'RESPONSE', 'RESPONSE_HEADER', 'RESPONSE_BODY'])

export function withDefaultPath(location: {type: string; path?: string; method?: string; statusCode?: string; name?: string}): DocumentationPart['location'] {
  return compact({...location, path: location.path ?? (PATHED.has(location.type) ? '/' : undefined)})
}
