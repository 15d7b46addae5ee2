// What an API's gateway responses read as: the ones it sets, and for every other type AWS's default or
// what the API's DEFAULT_4XX/DEFAULT_5XX gives it. Shared by the control plane (GetGatewayResponse(s))
// and the data plane (the answers API Gateway makes itself).

import type {GatewayResponseSetting} from './model.js'

/**
 * Every response type, in the order AWS's front end lists them in its enum message (observed on AWS:
 * LocalStack recording test_gateway_response_validation).
 */
export const GATEWAY_RESPONSE_TYPES = [
  'REQUEST_TOO_LARGE',
  'RESOURCE_NOT_FOUND',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'MISSING_AUTHENTICATION_TOKEN',
  'BAD_REQUEST_BODY',
  'INVALID_SIGNATURE',
  'INVALID_API_KEY',
  'BAD_REQUEST_PARAMETERS',
  'AUTHORIZER_FAILURE',
  'UNAUTHORIZED',
  'INTEGRATION_TIMEOUT',
  'ACCESS_DENIED',
  'DEFAULT_4XX',
  'DEFAULT_5XX',
  'WAF_FILTERED',
  'QUOTA_EXCEEDED',
  'THROTTLED',
  'API_CONFIGURATION_ERROR',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTEGRATION_FAILURE',
  'EXPIRED_TOKEN',
] as const

export type GatewayResponseType = (typeof GATEWAY_RESPONSE_TYPES)[number]

export function isGatewayResponseType(value: string): value is GatewayResponseType {
  return (GATEWAY_RESPONSE_TYPES as readonly string[]).includes(value)
}

/**
 * Each type's default status code; DEFAULT_4XX and DEFAULT_5XX have none (observed on AWS: LocalStack
 * recording test_gateway_response_crud, get-gateway-responses).
 */
const DEFAULT_STATUS: Record<GatewayResponseType, string | undefined> = {
  REQUEST_TOO_LARGE: '413',
  RESOURCE_NOT_FOUND: '404',
  AUTHORIZER_CONFIGURATION_ERROR: '500',
  MISSING_AUTHENTICATION_TOKEN: '403',
  BAD_REQUEST_BODY: '400',
  INVALID_SIGNATURE: '403',
  INVALID_API_KEY: '403',
  BAD_REQUEST_PARAMETERS: '400',
  AUTHORIZER_FAILURE: '500',
  UNAUTHORIZED: '401',
  INTEGRATION_TIMEOUT: '504',
  ACCESS_DENIED: '403',
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  WAF_FILTERED: '403',
  QUOTA_EXCEEDED: '429',
  THROTTLED: '429',
  API_CONFIGURATION_ERROR: '500',
  UNSUPPORTED_MEDIA_TYPE: '415',
  INTEGRATION_FAILURE: '504',
  EXPIRED_TOKEN: '403',
}

/** The template every type has until the API gives it others (recorded: test_gateway_response_crud). */
export const DEFAULT_GATEWAY_RESPONSE_TEMPLATE = '{"message":$context.error.messageString}'

/** GatewayResponse as the control plane answers it. */
export interface GatewayResponseView {
  defaultResponse: boolean
  responseParameters: Record<string, string>
  responseTemplates: Record<string, string>
  responseType: GatewayResponseType
  statusCode?: string
}

/** DEFAULT_4XX or DEFAULT_5XX, whichever covers `type` by its default status. */
export function defaultTypeFor(type: GatewayResponseType): 'DEFAULT_4XX' | 'DEFAULT_5XX' | undefined {
  const status = DEFAULT_STATUS[type]
  if (status === undefined) return undefined
  return status >= '500' ? 'DEFAULT_5XX' : 'DEFAULT_4XX'
}

/**
 * A type as GetGatewayResponse answers it. A type the API sets reads as set, its missing members as the
 * type's defaults (a put of only responseParameters keeps the type's status and template: recorded,
 * test_gateway_response_put). A type it does not set is a `defaultResponse`, taking the members of the
 * API's DEFAULT_4XX or DEFAULT_5XX when it sets that one (recorded: get-gateway-responses after a put of
 * DEFAULT_5XX with status 599 lists API_CONFIGURATION_ERROR with 599 and DEFAULT_5XX's template).
 */
export function gatewayResponseView(settings: ReadonlyMap<string, GatewayResponseSetting>, type: GatewayResponseType): GatewayResponseView {
  const own = settings.get(type)
  if (own) return view(type, own, false)
  const defaultType = defaultTypeFor(type)
  const inherited = defaultType === undefined ? undefined : settings.get(defaultType)
  return view(type, inherited ?? {responseType: type}, true)
}

function view(type: GatewayResponseType, setting: GatewayResponseSetting, defaultResponse: boolean): GatewayResponseView {
  const statusCode = setting.statusCode ?? DEFAULT_STATUS[type]
  const templates = setting.responseTemplates
  return {
    defaultResponse,
    responseParameters: {...setting.responseParameters},
    responseTemplates: templates && Object.keys(templates).length > 0 ? {...templates} : {'application/json': DEFAULT_GATEWAY_RESPONSE_TEMPLATE},
    responseType: type,
    ...(statusCode === undefined ? {} : {statusCode}),
  }
}

/**
 * The setting that shapes an answer of `type` on the data plane: the type's own, else the API's
 * DEFAULT_4XX or DEFAULT_5XX by the answer's class; undefined when the API sets neither, and the answer
 * stays API Gateway's own. For DEFAULT_4XX and DEFAULT_5XX answers the class is the answer's status.
 */
export function settingFor(settings: readonly GatewayResponseSetting[], type: GatewayResponseType, status: number): GatewayResponseSetting | undefined {
  const own = settings.find((setting) => setting.responseType === type)
  if (own) return own
  const defaultType = defaultTypeFor(type) ?? (status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX')
  return settings.find((setting) => setting.responseType === defaultType)
}
