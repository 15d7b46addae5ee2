// Names API Gateway's OpenAPI import and export use, shared by every reader of such documents.

/** OpenAPI operation keys → API Gateway HTTP methods (ANY has its own extension key). */
export const OPERATION_METHODS: ReadonlyMap<string, string> = new Map([
  ['get', 'GET'],
  ['put', 'PUT'],
  ['post', 'POST'],
  ['delete', 'DELETE'],
  ['patch', 'PATCH'],
  ['head', 'HEAD'],
  ['options', 'OPTIONS'],
  ['x-amazon-apigateway-any-method', 'ANY'],
])

export const BINARY_MEDIA_TYPES_EXTENSION = 'x-amazon-apigateway-binary-media-types'
export const INTEGRATION_EXTENSION = 'x-amazon-apigateway-integration'
