import {badRequest} from '../api-errors.js'
import {jsonBody, missingMember, optionalStringMap} from '../request-body.js'
import {type OperationContext, type Route, noContent, ok} from '../route.js'

export const tagRoutes: Route[] = [
  {method: 'GET', template: '/tags/{resourceArn}', operation: 'GetTags', mutating: false, handle: getTags},
  {method: 'PUT', template: '/tags/{resourceArn}', operation: 'TagResource', mutating: true, handle: tagResource},
  {method: 'DELETE', template: '/tags/{resourceArn}', operation: 'UntagResource', mutating: true, handle: untagResource},
]

// Taggable here: REST APIs and stages (arn:aws:apigateway:{region}::/restapis/{id}[/stages/{name}]).
const ARN = /^arn:aws:apigateway:([a-z0-9-]*)::\/restapis\/([^/]+)(?:\/stages\/([^/]+))?$/

function taggable(context: OperationContext): {tags?: Record<string, string>} {
  const match = ARN.exec(context.params.resourceArn)
  if (!match) throw badRequest(`Invalid ARN specified in the request: ${context.params.resourceArn}`)
  const [, region, restApiId, stageName] = match
  if (region !== context.store.state.region) throw badRequest(`Invalid ARN specified in the request: wrong region ${region}`)
  const api = context.store.api(restApiId)
  return stageName === undefined ? api.api : context.store.stage(api, stageName)
}

function getTags(context: OperationContext) {
  return ok({tags: taggable(context).tags ?? {}})
}

// Keys with the aws: prefix are AWS's own (CloudFormation's aws:cloudformation:* system tags): API Gateway
// refuses to add or remove them, on create as on TagResource, with this BadRequestException
// (serverless/serverless#9223). The stack import puts the system tags on in the store, not through these operations.
export function refuseReservedKeys(keys: readonly string[]): void {
  if (keys.some((key) => key.toLowerCase().startsWith('aws:'))) throw badRequest("Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)")
}

function tagResource(context: OperationContext) {
  const target = taggable(context)
  const tags = optionalStringMap(jsonBody(context), 'tags')
  if (!tags) throw missingMember('tagResourceInput', 'tags')
  refuseReservedKeys(Object.keys(tags))
  target.tags = {...target.tags, ...tags}
  return noContent()
}

function untagResource(context: OperationContext) {
  const target = taggable(context)
  const keys = context.query.getAll('tagKeys')
  refuseReservedKeys(keys)
  const next = {...target.tags}
  for (const key of keys) delete next[key]
  if (Object.keys(next).length === 0) delete target.tags
  else target.tags = next
  return noContent()
}
