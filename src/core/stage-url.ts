// Where a stage answers real requests. On AWS the default execute-api host; behind an emulator's control
// plane (the sandbox, LocalStack) the `_user_request_` form on the same endpoint; behind a custom domain,
// whatever base URL the user names (its base path mapping already picks the stage).

export interface StageLocation {
  restApiId: string
  region: string
  stage: string
  /** A control-plane endpoint other than AWS's own (e.g. the sandbox). */
  endpointUrl?: string
  /** Overrides everything, e.g. https://api.example.com/images */
  baseUrl?: string
}

// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html
export function stageBaseUrl(location: StageLocation): string {
  if (location.baseUrl !== undefined) return trimSlash(location.baseUrl)
  if (location.endpointUrl !== undefined && !isAwsEndpoint(location.endpointUrl)) {
    return `${trimSlash(location.endpointUrl)}/restapis/${location.restApiId}/${encodeURIComponent(location.stage)}/_user_request_`
  }
  const suffix = location.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  return `https://${location.restApiId}.execute-api.${location.region}.${suffix}/${encodeURIComponent(location.stage)}`
}

function isAwsEndpoint(url: string): boolean {
  try {
    return /\.amazonaws\.com(\.cn)?$/.test(new URL(url).hostname)
  } catch {
    return false
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
