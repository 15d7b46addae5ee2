// AWS_IAM authorization, simplified: the request must carry a Signature Version 4 Authorization header
// (`AWS4-HMAC-SHA256 Credential=ACCESS_KEY/DATE/REGION/execute-api/aws4_request, …`); the signature is not
// checked and no IAM policy is evaluated. Without one, AWS's 403 Missing Authentication Token. The access
// key id reaches $context.identity.accessKey.

import {lastValue} from '../headers.js'
import type {Invocation} from '../invocation.js'
import {missingSignature} from './answers.js'

const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\//

/** The caller's access key id. */
export function signedAccessKey(invocation: Invocation): string {
  const authorization = lastValue(invocation.request.headers, 'authorization')
  const accessKey = authorization === undefined ? undefined : SIGV4.exec(authorization)?.[1]
  if (accessKey === undefined) throw missingSignature()
  return accessKey
}
