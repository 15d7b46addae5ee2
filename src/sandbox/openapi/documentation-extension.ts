// `x-amazon-apigateway-documentation`: documentation parts in an OpenAPI definition (developer guide
// "x-amazon-apigateway-documentation object"), read by ImportRestApi, PutRestApi and
// ImportDocumentationParts. Not written by GetExport.

import {DOCUMENTATION_LOCATION_TYPES, withDefaultPath} from '../documentation-locations.js'
import type {DocumentationPart} from '../model.js'
import {type Json, invalid, isRecord, own, readString} from './json-reading.js'

export const DOCUMENTATION_EXT = 'x-amazon-apigateway-documentation'

export type ImportedDocumentationPart = Omit<DocumentationPart, 'id'>

export function readDocumentationParts(doc: Json): ImportedDocumentationPart[] {
  const raw = own(doc, DOCUMENTATION_EXT)
  if (raw === undefined || raw === null) return []
  if (!isRecord(raw)) throw invalid(`${DOCUMENTATION_EXT} must be an object`)
  const parts = own(raw, 'documentationParts')
  if (parts === undefined || parts === null) return []
  if (!Array.isArray(parts)) throw invalid(`${DOCUMENTATION_EXT}.documentationParts must be a list`)
  return parts.map((part, index) => {
    const at = `${DOCUMENTATION_EXT}.documentationParts[${index}]`
    if (!isRecord(part)) throw invalid(`${at} must be an object`)
    const location = own(part, 'location')
    if (!isRecord(location)) throw invalid(`${at}.location must be an object`)
    const type = readString(location, 'type', `${at}.location`)
    if (type === undefined || !(DOCUMENTATION_LOCATION_TYPES as readonly string[]).includes(type)) throw invalid(`${at}.location: type must be one of [${DOCUMENTATION_LOCATION_TYPES.join(', ')}]`)
    const properties = own(part, 'properties')
    // Properties are a JSON object in the definition and JSON text on the wire (recorded:
    // test_import_documentation_parts asserts they come back as a string).
    const text = typeof properties === 'string' ? properties : JSON.stringify(properties ?? {})
    return {
      location: withDefaultPath({
        type,
        path: readString(location, 'path', `${at}.location`),
        method: readString(location, 'method', `${at}.location`),
        statusCode: readString(location, 'statusCode', `${at}.location`),
        name: readString(location, 'name', `${at}.location`),
      }),
      properties: text,
    }
  })
}
