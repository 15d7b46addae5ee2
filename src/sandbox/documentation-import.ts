// Documentation parts arriving in bulk: from an API definition's x-amazon-apigateway-documentation
// (ImportRestApi, PutRestApi) or from ImportDocumentationParts.

import type {DocumentationPart, RestApiState} from './model.js'
import type {ImportedDocumentationPart} from './openapi/documentation-extension.js'

/**
 * An overwrite makes the API's parts the document's; a merge adds them, a part at a location the API
 * already documents replacing that part's properties under its id (developer guide "Import API
 * documentation": merge or overwrite). Answers the ids of the parts imported, in document order.
 */
export function importDocumentationParts(api: RestApiState, parts: readonly ImportedDocumentationPart[], mode: 'merge' | 'overwrite', newId: () => string): string[] {
  if (mode === 'overwrite') api.documentationParts.clear()
  return parts.map((imported) => {
    const existing = [...api.documentationParts.values()].find((part) => sameLocation(part.location, imported.location))
    const part: DocumentationPart = {id: existing?.id ?? newId(), location: {...imported.location}, properties: imported.properties}
    api.documentationParts.set(part.id, part)
    return part.id
  })
}

function sameLocation(a: DocumentationPart['location'], b: DocumentationPart['location']): boolean {
  return a.type === b.type && a.path === b.path && a.method === b.method && a.statusCode === b.statusCode && a.name === b.name
}
