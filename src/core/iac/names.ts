// Names the snippets use for things only the owner's source knows: placeholder logical ids, variable and
// resource names derived from a route, and the names deploy tools generate themselves.

import {routeKey} from '../api-config.js'

/** The function an API Gateway Lambda integration URI invokes (…/functions/arn:…:function:NAME[:alias]/invocations). */
export function lambdaFunctionName(uri: string | undefined): string | undefined {
  return /:function:([A-Za-z0-9_-]+)/.exec(uri ?? '')?.[1]
}

/** "/thumbnails/{key}" → ["thumbnails", "key"]; "{proxy+}" → "proxy"; the root → []. */
export function pathWords(resourcePath: string): string[] {
  return resourcePath
    .split('/')
    .map((part) => part.replaceAll(/[^A-Za-z0-9]+/g, ' ').trim())
    .filter(Boolean)
    .flatMap((part) => part.split(' '))
}

/** "PUT", "/lambda" → "PutLambda"; "GET", "/" → "GetRoot". */
export function routePascal(httpMethod: string, resourcePath: string): string {
  const words = pathWords(resourcePath)
  return [httpMethod.toLowerCase(), ...(words.length === 0 ? ['root'] : words)].map(capitalize).join('')
}

/** "PUT", "/lambda" → "put_lambda" (Terraform resource names). */
export function routeSnake(httpMethod: string, resourcePath: string): string {
  const words = pathWords(resourcePath)
  return [httpMethod, ...(words.length === 0 ? ['root'] : words)].map((word) => word.toLowerCase()).join('_')
}

/** "PUT", "/lambda" → "putLambda" (TypeScript variables). */
export function routeCamel(httpMethod: string, resourcePath: string): string {
  const pascal = routePascal(httpMethod, resourcePath)
  return pascal.charAt(0).toLowerCase() + pascal.slice(1)
}

/** "thumbnail-service-dev-upload" → "thumbnailServiceDevUpload". */
export function camelIdentifier(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean)
  const joined = words.map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : capitalize(word))).join('')
  return /^[A-Za-z_]/.test(joined) ? joined : `_${joined}`
}

/** The placeholder logical id of a route's AWS::ApiGateway::Method: "PutLambdaMethod". */
export function methodLogicalId(method: {httpMethod: string; resourcePath: string}): string {
  return `${routePascal(method.httpMethod, method.resourcePath)}Method`
}

/**
 * The logical id the Serverless Framework gives a route's method: ApiGatewayMethod + each path part
 * (capitalised, "-" as "Dash", "{x}" as "XVar", other characters dropped) + the method (serverless/serverless
 * lib/plugins/aws/lib/naming.js: getMethodLogicalId, normalizePath, normalizePathPart).
 */
export function serverlessMethodLogicalId(method: {httpMethod: string; resourcePath: string}): string {
  const normalizedPath = method.resourcePath
    .split('/')
    .map((part) =>
      capitalize(lodashCapitalize(part).replaceAll('-', 'Dash').replaceAll(/\{(.*)\}/g, '$1Var').replaceAll(/[^0-9A-Za-z]/g, '')),
    )
    .join('')
  return `ApiGatewayMethod${normalizedPath}${capitalize(method.httpMethod.toLowerCase())}`
}

/** "PUT /lambda", for comments. */
export function routeName(method: {httpMethod: string; resourcePath: string}): string {
  return routeKey(method)
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

// lodash's capitalize: first character upper case, the rest lower case.
function lodashCapitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}
