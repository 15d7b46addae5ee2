import {internalServerError} from '../gateway-responses.js'

/** Methods whose integration requests carry no body (LocalStack next_gen integrations/http.py). */
export const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The rendered integration URI plus query pairs; an unusable URI is a configuration error (500). */
export function endpointUrl(uri: string, query: ReadonlyArray<readonly [string, string]>): URL {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    throw internalServerError()
  }
  for (const [name, value] of query) url.searchParams.append(name, value)
  return url
}
