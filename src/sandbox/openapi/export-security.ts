// The security an export declares: each method's requirements and the schemes they name, as API Gateway
// exports them (developer guide, api-gateway-swagger-extensions-authorizer, -authtype and
// -api-key-source): an authorizer is an apiKey scheme named after it, reading the header its token comes
// from (REQUEST authorizers name "Unused" and list their identity sources), with x-amazon-apigateway-authtype
// and x-amazon-apigateway-authorizer; IAM is the `sigv4` scheme of type awsSigv4; API keys the `api_key`
// scheme on x-api-key. What import.ts reads back, so import → export → import keeps them.

import type {Authorizer, Method} from '../model.js'

type Doc = Record<string, unknown>

const API_KEY_SCHEME = {type: 'apiKey', name: 'x-api-key', in: 'header'}
const SIGV4_SCHEME = {type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4'}

export class ExportSecurity {
  private readonly used = new Map<string, Doc>()
  private readonly byId: Map<string, Authorizer>

  constructor(
    authorizers: readonly Authorizer[],
    /** With the x-amazon-apigateway extensions: without them, schemes are plain OpenAPI. */
    private readonly withExtensions: boolean,
  ) {
    this.byId = new Map(authorizers.map((authorizer) => [authorizer.id, authorizer]))
  }

  /** The operation's `security`, collecting the schemes it names. */
  requirementsOf(method: Method): Doc {
    const requirements: Doc[] = []
    const authorizer = method.authorizerId === undefined ? undefined : this.byId.get(method.authorizerId)
    if ((method.authorizationType === 'CUSTOM' || method.authorizationType === 'COGNITO_USER_POOLS') && authorizer) {
      this.used.set(authorizer.name, this.authorizerScheme(authorizer))
      requirements.push({[authorizer.name]: [...(method.authorizationScopes ?? [])]})
    } else if (method.authorizationType === 'AWS_IAM') {
      this.used.set('sigv4', this.withExtensions ? {...SIGV4_SCHEME} : {type: 'apiKey', name: 'Authorization', in: 'header'})
      requirements.push({sigv4: []})
    }
    if (method.apiKeyRequired) {
      this.used.set('api_key', {...API_KEY_SCHEME})
      requirements.push({api_key: []})
    }
    return requirements.length > 0 ? {security: requirements} : {}
  }

  /**
   * The schemes the rendered operations named, by name, and with the extensions every other authorizer of
   * the API too: an import creates every authorizer a document declares, used or not (recorded:
   * test_import_swagger_api), so an export that left one out would lose it on the way back. Undefined when none.
   */
  schemes(): Doc | undefined {
    if (this.withExtensions) for (const authorizer of this.byId.values()) if (!this.used.has(authorizer.name)) this.used.set(authorizer.name, this.authorizerScheme(authorizer))
    if (this.used.size === 0) return undefined
    return Object.fromEntries([...this.used.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }

  private authorizerScheme(authorizer: Authorizer): Doc {
    const request = authorizer.type === 'REQUEST'
    const header = /^method\.request\.header\.([^,\s]+)$/.exec(authorizer.identitySource ?? '')?.[1]
    const scheme: Doc = {type: 'apiKey', name: request ? 'Unused' : (header ?? 'Authorization'), in: 'header'}
    if (!this.withExtensions) return scheme
    const extension: Doc = {type: authorizer.type.toLowerCase()}
    if (authorizer.providerARNs) extension.providerARNs = [...authorizer.providerARNs]
    if (authorizer.authorizerUri !== undefined) extension.authorizerUri = authorizer.authorizerUri
    if (authorizer.authorizerCredentials !== undefined) extension.authorizerCredentials = authorizer.authorizerCredentials
    // A TOKEN or Cognito authorizer's header is the scheme's name; other sources are written out.
    if (authorizer.identitySource !== undefined && (request || header === undefined)) extension.identitySource = authorizer.identitySource
    if (authorizer.identityValidationExpression !== undefined) extension.identityValidationExpression = authorizer.identityValidationExpression
    if (authorizer.authorizerResultTtlInSeconds !== undefined) extension.authorizerResultTtlInSeconds = authorizer.authorizerResultTtlInSeconds
    return {...scheme, 'x-amazon-apigateway-authtype': authorizer.authType ?? (authorizer.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom'), 'x-amazon-apigateway-authorizer': extension}
  }
}
