import {APIGatewayServiceException, BadRequestException, NotFoundException, UnauthorizedException} from '@aws-sdk/client-api-gateway'

import {ambiguousCallError, type AwsCallContext, classifyFailure, redactSecrets, retryAfterMs, toAwsCallError} from '../../src/aws/aws-errors.js'
import {AwsCallError, BinfixError} from '../../src/core/errors.js'

const context: AwsCallContext = {
  operation: 'GetResources',
  httpMethod: 'GET',
  resourcePath: '/restapis/a1b2c3d4e5/resources',
  region: 'eu-west-1',
  endpoint: 'https://apigateway.eu-west-1.amazonaws.com',
}

/** An error the SDK has no class for arrives as the service's base exception, named by its code. */
function unmodeled(name: string, status: number, message: string) {
  return new APIGatewayServiceException({name, $fault: 'client', $metadata: {httpStatusCode: status}, message})
}

function mapped(error: unknown, extra: Partial<AwsCallContext> = {}) {
  const result = toAwsCallError(error, {...context, ...extra})
  expect(result).toBeInstanceOf(BinfixError)
  expect(result.oclif.exit).toBe(1)
  expect(result.message).not.toContain('\n')
  return {kind: result.kind, code: result.code, message: result.message}
}

describe('toAwsCallError', () => {
  it('NotFoundException (404): not-found, naming the call and the Region', () => {
    expect(mapped(new NotFoundException({message: 'Invalid REST API identifier specified', $metadata: {httpStatusCode: 404}}))).toEqual({
      kind: 'not-found',
      code: 'AWS_NOT_FOUND',
      message: 'GetResources /restapis/a1b2c3d4e5/resources in eu-west-1: not found (NotFoundException: Invalid REST API identifier specified)',
    })
  })

  it('AccessDeniedException (403): names the IAM action and resource ARN, not the principal AWS echoes', () => {
    const denied = unmodeled(
      'AccessDeniedException',
      403,
      'User: arn:aws:iam::111122223333:user/bob is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/resources',
    )
    expect(mapped(denied)).toEqual({
      kind: 'access-denied',
      code: 'AWS_ACCESS_DENIED',
      message: 'access denied: GetResources needs apigateway:GET on arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/resources',
    })
    expect(mapped(denied, {operation: 'CreateDeployment', httpMethod: 'POST', resourcePath: '/restapis/a1b2c3d4e5/deployments'}).message).toBe(
      'access denied: CreateDeployment needs apigateway:POST on arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/deployments',
    )
    // API Gateway's own 401 is documented as insufficient permissions; a write names its method.
    expect(mapped(new UnauthorizedException({message: 'Unauthorized', $metadata: {httpStatusCode: 401}}), {operation: 'UpdateRestApi', httpMethod: 'PATCH', resourcePath: '/restapis/a1b2c3d4e5'})).toMatchObject({
      kind: 'access-denied',
      message: 'access denied: UpdateRestApi needs apigateway:PATCH on arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5',
    })
  })

  it('ExpiredTokenException and "token is expired": expired-credentials, naming the profile', () => {
    expect(mapped(unmodeled('ExpiredTokenException', 403, 'The security token included in the request is expired'), {profile: 'ops'})).toEqual({
      kind: 'expired-credentials',
      code: 'AWS_EXPIRED_CREDENTIALS',
      message: 'the AWS credentials of profile "ops" have expired (ExpiredTokenException): refresh them and retry',
    })
    expect(mapped(unmodeled('UnrecognizedClientException', 403, 'The security token included in the request is expired')).kind).toBe('expired-credentials')
  })

  it('CredentialsProviderError: no-credentials, saying what to set', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'})
    expect(mapped(missing)).toEqual({
      kind: 'no-credentials',
      code: 'AWS_NO_CREDENTIALS',
      message: 'no AWS credentials found: set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    })
    const expiredSso = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), {name: 'CredentialsProviderError'})
    expect(mapped(expiredSso, {profile: 'sso'}).message).toBe('the AWS credentials of profile "sso" have expired: refresh them (e.g. aws sso login --profile sso) and retry')
  })

  it('signature errors say the credentials were refused and never repeat what AWS echoed', () => {
    const echoed = unmodeled(
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match.\nThe Canonical String for this request should have been\nGET\n/restapis\n\nx-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLETOKEN',
    )
    const result = mapped(echoed)
    expect(result.kind).toBe('invalid-credentials')
    expect(result.message).not.toMatch(/IQoJ|Canonical/)
  })

  it('network failures name the endpoint; refused connections are final, dropped ones were retried', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {code: 'ECONNREFUSED'})
    expect(mapped(refused, {endpoint: 'http://127.0.0.1:9'})).toEqual({
      kind: 'network',
      code: 'AWS_NETWORK',
      message: 'GetResources: cannot reach API Gateway at http://127.0.0.1:9 (ECONNREFUSED)',
    })
    const reset = Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'})
    expect(mapped(reset, {attempts: 8}).message).toBe('GetResources: the connection to https://apigateway.eu-west-1.amazonaws.com kept dropping after 8 attempts (ECONNRESET)')
  })

  it('conflicts, 5xx and bad requests keep AWS message on one line', () => {
    expect(mapped(unmodeled('ConflictException', 409, 'Unable to complete operation due to concurrent modification. Please try again later.'), {attempts: 8})).toMatchObject({
      kind: 'conflict',
      message: 'GetResources /restapis/a1b2c3d4e5/resources: still a concurrent modification after 8 attempts (ConflictException: Unable to complete operation due to concurrent modification. Please try again later.)',
    })
    expect(mapped(unmodeled('ServiceUnavailableException', 503, 'Service Unavailable')).kind).toBe('unavailable')
    expect(mapped(new BadRequestException({message: 'Invalid patch path /x\nsecond line', $metadata: {httpStatusCode: 400}}))).toMatchObject({
      kind: 'bad-request',
      message: 'GetResources /restapis/a1b2c3d4e5/resources: API Gateway rejected the request (BadRequestException: Invalid patch path /x)',
    })
  })

  it('passes an AwsCallError through unchanged', () => {
    const already = new AwsCallError('throttled', 'x')
    expect(toAwsCallError(already, context)).toBe(already)
  })
})

describe('ambiguousCallError', () => {
  const createDeployment: AwsCallContext = {...context, operation: 'CreateDeployment', httpMethod: 'POST', resourcePath: '/restapis/abc/deployments'}

  function ambiguous(error: unknown) {
    const result = ambiguousCallError(error, createDeployment)
    expect(result).toBeInstanceOf(AwsCallError)
    expect(result.oclif.exit).toBe(1)
    expect(result.message).not.toContain('\n')
    return {kind: result.kind, code: result.code, message: result.message}
  }

  it('a 5xx: says the write may or may not have been applied, with what API Gateway answered', () => {
    expect(ambiguous(unmodeled('InternalFailure', 500, 'Internal server error\nsecond line'))).toEqual({
      kind: 'ambiguous',
      code: 'AWS_AMBIGUOUS',
      message:
        'CreateDeployment /restapis/abc/deployments: the outcome is unknown (API Gateway answered 500 InternalFailure: Internal server error); it may or may not have been applied',
    })
  })

  it('a dropped connection: names the endpoint and the socket error', () => {
    expect(ambiguous(Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'})).message).toBe(
      'CreateDeployment /restapis/abc/deployments: the outcome is unknown (the connection to https://apigateway.eu-west-1.amazonaws.com dropped: ECONNRESET); it may or may not have been applied',
    )
    expect(ambiguous(Object.assign(new Error('socket hang up'), {name: 'Error'})).message).toContain('dropped: Error: socket hang up)')
  })

  it('a 503 the SDK surfaced without a status still reads as an answer', () => {
    expect(ambiguous({name: 'ServiceUnavailableException', message: 'Service Unavailable'}).message).toContain(
      '(API Gateway answered ServiceUnavailableException: Service Unavailable)',
    )
  })

})

describe('error facts', () => {
  it('redacts access key ids, signatures and tokens', () => {
    const text = 'Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/apigateway/aws4_request, Signature=abcdef0123456789 X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLE'
    const redacted = redactSecrets(text)
    expect(redacted).not.toMatch(/IOSFODNN7EXAMPLE|abcdef0123456789|FwoGZXIvYXdzEXAMPLE/)
    expect(redactSecrets('key ASIAY34FZKBOKMUTVV7A used')).toBe('key ASIA**** used')
  })

  it('classifies by name, status and socket code', () => {
    expect(classifyFailure(unmodeled('TooManyRequestsException', 429, ''))).toBe('throttled')
    expect(classifyFailure(unmodeled('LimitExceededException', 429, ''))).toBe('throttled')
    expect(classifyFailure({name: 'Whatever', $metadata: {httpStatusCode: 429}})).toBe('throttled')
    expect(classifyFailure(unmodeled('ConflictException', 409, ''))).toBe('conflict')
    expect(classifyFailure({name: 'Error', $metadata: {httpStatusCode: 502}})).toBe('server')
    expect(classifyFailure(Object.assign(new Error('x'), {code: 'ETIMEDOUT'}))).toBe('dropped-connection')
    expect(classifyFailure(Object.assign(new Error('x'), {name: 'TimeoutError'}))).toBe('dropped-connection')
    expect(classifyFailure(Object.assign(new Error('x'), {code: 'ECONNREFUSED'}))).toBe('final')
    expect(classifyFailure(unmodeled('NotFoundException', 404, ''))).toBe('final')
  })

  it('reads Retry-After from the modeled field or the header; ignores garbage', () => {
    expect(retryAfterMs({retryAfterSeconds: '5'})).toBe(5000)
    expect(retryAfterMs({$response: {headers: {'retry-after': '0.5'}}})).toBe(500)
    expect(retryAfterMs({$response: {headers: {'retry-after': 'soon'}}})).toBeUndefined()
    expect(retryAfterMs({})).toBeUndefined()
  })
})
