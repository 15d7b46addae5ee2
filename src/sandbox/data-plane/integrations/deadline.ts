import {endpointRequestTimedOut} from '../gateway-responses.js'

/**
 * Waits for `work` at most `timeoutMs` (the integration's timeoutInMillis, 29,000 by default); after
 * that the client gets 504 Endpoint request timed out, whatever the integration does later.
 */
export async function withinTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.()
      reject(endpointRequestTimedOut())
    }, timeoutMs)
  })
  // Work abandoned at the deadline may still fail later; that failure has no one left to tell.
  work.catch(() => undefined)
  try {
    return await Promise.race([work, expired])
  } finally {
    clearTimeout(timer)
  }
}
