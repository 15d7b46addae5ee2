// Serverless Framework (serverless.yml): provider.apiGateway.binaryMediaTypes, the http events' request
// and response contentHandling for `integration: lambda`, and overrides of the methods Serverless
// generates without a setting for it (CORS preflights).
//
// Sources (serverless/serverless):
// - provider.apiGateway.binaryMediaTypes → AWS::ApiGateway::RestApi BinaryMediaTypes as written (v1.42.0,
//   PR #6063); compileRestApi returns early when provider.apiGateway.restApiId is set, so a service on a
//   shared API sets no binary types at all (lib/plugins/aws/package/compile/events/api-gateway/lib/rest-api.js).
// - http.request.contentHandling → Integration.ContentHandling and http.response.contentHandling →
//   IntegrationResponses[].ContentHandling, for AWS, HTTP and MOCK integrations only; the response value
//   goes to 2xx status codes only (method/integration.js; PR #6987 v1.59.0, PR #7757; a per-status-code
//   setting was asked for in #7705 and its PR #7706 closed). lambda-proxy drops both with a warning (#10266).
// - Generated CORS OPTIONS methods set no IntegrationResponses ContentHandling (#10254, PR #11010; cors.js).
//   Their logical ids: naming.js getMethodLogicalId (see names.ts).
// - resources.Resources is lodash-merged into the compiled template (deep, lists by position), while
//   resources.extensions merges Properties shallowly, replacing Integration whole
//   (lib/plugins/aws/package/lib/merge-custom-provider-resources.js; PR #7352): only the former can add
//   ContentHandling and keep the generated Type, templates and CORS headers.
// - Every `sls deploy` creates a new AWS::ApiGateway::Deployment (deployment.js), so a change goes live with it.
// - http.response.transferMode (STREAM | BUFFERED) → Integration.ResponseTransferMode, Serverless Framework
//   v4.25 (its release notes, as this project's reference on streaming records them; not confirmed here
//   from Serverless's sources). Other methods get Integration.ResponseTransferMode by resources.Resources.

import type {DurableChange, MethodSetting} from './durable-change.js'
import {type SourceNames, knownMethodLogicalId, nameSource, routeName, serverlessMethodLogicalId} from './names.js'
import {headerLines, methodTitle, removedNote, streamingNote, unsetNote} from './wording.js'
import {type YamlComment, renderYaml} from './yaml-snippet.js'

interface HttpEvent {
  method: MethodSetting
  event: Record<string, unknown>
  notes: string[]
}

/** The key under `functions:` for a Lambda function named SERVICE-STAGE-KEY (Serverless's default naming), else the name. */
export function serverlessFunctionKey(functionName: string, stage: string | null): string {
  const marker = stage === null ? undefined : `-${stage}-`
  const at = marker === undefined ? -1 : functionName.indexOf(marker)
  return at === -1 ? functionName : functionName.slice(at + marker!.length)
}

/** "/thumbnails/{key}" → "thumbnails/{key}", as http events write paths. */
export function serverlessPath(resourcePath: string): string {
  return resourcePath === '/' ? '/' : resourcePath.replace(/^\//, '')
}

export function renderServerless(change: DurableChange, names: SourceNames = {}): string {
  // The stack's own logical id wins where it differs from what Serverless's naming predicts.
  const methodId = (method: MethodSetting) => knownMethodLogicalId(names, method) ?? serverlessMethodLogicalId(method)
  const comments: YamlComment[] = []
  const at = (path: ReadonlyArray<string | number>, ...lines: string[]) => comments.push({path, lines})
  const notes: string[] = []
  const value: Record<string, unknown> = {}

  if (change.binaryMediaTypes) {
    value['provider'] = {apiGateway: {binaryMediaTypes: change.binaryMediaTypes.desired}}
    at(
      ['provider', 'apiGateway', 'binaryMediaTypes'],
      'The whole list, written with "/". A service that sets provider.apiGateway.restApiId (an API shared',
      'across services) does not manage the API: Serverless then sets no binary media types at all, so put',
      'the list in the service or stack that creates the API.',
      ...removedNote(change.binaryMediaTypes.removed),
    )
  }

  const events = new Map<string, HttpEvent[]>()
  const overrides: MethodSetting[] = []
  for (const method of change.methods) {
    if (method.integrationType === 'AWS_PROXY') {
      if (method.integration || method.responses.length > 0) {
        notes.push(
          `${routeName(method)} is lambda-proxy (Serverless's default): Serverless drops request/response settings there with a`,
          'warning (serverless/serverless#10266). Binary answers need isBase64Encoded: true and a matching binaryMediaTypes entry.',
        )
      }
      if (method.transferMode && method.lambdaFunction) {
        const key = serverlessFunctionKey(method.lambdaFunction, change.stage)
        events.set(key, [...(events.get(key) ?? []), proxyTransferEvent(method)])
      } else if (method.transferMode) overrides.push(method)
      continue
    }
    if (method.integrationType === 'AWS' && method.lambdaFunction && !method.preflight) {
      const key = serverlessFunctionKey(method.lambdaFunction, change.stage)
      events.set(key, [...(events.get(key) ?? []), lambdaEvent(method, methodId(method))])
      continue
    }
    overrides.push(method)
  }

  if (events.size > 0) {
    value['functions'] = Object.fromEntries([...events].map(([key, list]) => [key, {events: list.map((entry) => ({http: entry.event}))}]))
    for (const [key, list] of events) {
      const functionName = list[0]!.method.lambdaFunction!
      at(['functions', key], `${key} stands for the key of the function ${functionName}${key === functionName ? '' : ' (its name without service and stage)'}.`)
      list.forEach((entry, index) => {
        const which = entry.event['integration'] === 'lambda' ? '(integration: lambda, the non-proxy one)' : '(lambda-proxy, the default integration)'
        at(['functions', key, 'events', index], methodTitle(entry.method), `Merge into its http event ${which}.`, ...entry.notes)
      })
    }
  }

  if (overrides.length > 0) {
    value['resources'] = {Resources: Object.fromEntries(overrides.map((method) => [methodId(method), {Properties: {Integration: overrideIntegration(method)}}]))}
    at(
      ['resources', 'Resources'],
      'Methods Serverless generates with no setting for this. Serverless deep-merges resources.Resources into',
      'what it generates (lists by position), so the generated Type, templates and CORS headers stay;',
      'resources.extensions would replace Properties.Integration whole (serverless/serverless PR #7352).',
    )
    for (const method of overrides) {
      const id = methodId(method)
      const lines = [methodTitle(method), id === serverlessMethodLogicalId(method) ? `${id} is the logical id Serverless gives ${routeName(method)}.` : `${id} is the logical id of ${routeName(method)} in ${nameSource(names)}.`]
      if (method.preflight) lines.push('Generated CORS preflights carry no IntegrationResponses ContentHandling (serverless/serverless#10254, PR #11010).')
      at(['resources', 'Resources', id], ...lines)
      if (method.integration?.desired === null) at(['resources', 'Resources', id, 'Properties', 'Integration'], unsetNote('ContentHandling'), 'A merge cannot remove a key: drop it where your source sets it.')
      if (method.responses.length > 0) {
        at(['resources', 'Resources', id, 'Properties', 'Integration', 'IntegrationResponses'], `One entry per generated integration response, in order (${method.responses.map((entry) => entry.statusCode).join(', ')}).`)
      }
    }
  }

  return renderYaml({
    value,
    header: [...headerLines(change, 'serverless'), 'Merge into serverless.yml; function keys are placeholders where the comment says so.'],
    comments,
    footer: [...notes, 'Every sls deploy creates a new AWS::ApiGateway::Deployment, so these values go live with the next deploy.'],
  })
}

function lambdaEvent(method: MethodSetting, logicalId: string): HttpEvent {
  const notes: string[] = []
  const event: Record<string, unknown> = {path: serverlessPath(method.resourcePath), method: method.httpMethod.toLowerCase(), integration: 'lambda'}
  if (method.integration) {
    if (method.integration.desired) event['request'] = {contentHandling: method.integration.desired}
    else notes.push(`request: ${unsetNote('contentHandling')}`)
  }
  const covered = method.responses.filter((entry) => entry.covered)
  const success = covered.filter((entry) => entry.statusCode.startsWith('2'))
  const values = [...new Set(success.map((entry) => entry.desired))]
  if (values.length === 1 && values[0]) event['response'] = {contentHandling: values[0]}
  else if (values.length === 1) notes.push(`response: ${unsetNote('contentHandling')}`)
  else if (values.length > 1) notes.push(`2xx responses want different values (${success.map((entry) => `${entry.statusCode}: ${entry.desired ?? 'PASSTHROUGH'}`).join(', ')}); Serverless sets one for all 2xx.`)
  for (const entry of covered.filter((candidate) => !candidate.statusCode.startsWith('2'))) {
    if (entry.desired) {
      notes.push(`Status ${entry.statusCode} wants ${entry.desired}: Serverless sets response.contentHandling on 2xx only; add it to that entry of`, `resources.Resources.${logicalId}.Properties.Integration.IntegrationResponses.`)
    } else {
      notes.push(`Status ${entry.statusCode} stays unset (PASSTHROUGH), as Serverless leaves every non-2xx response.`)
    }
  }
  return {method, event, notes}
}

/** A lambda-proxy http event's response.transferMode (Serverless Framework v4.25). */
function proxyTransferEvent(method: MethodSetting): HttpEvent {
  const mode = method.transferMode!
  const event: Record<string, unknown> = {path: serverlessPath(method.resourcePath), method: method.httpMethod.toLowerCase(), response: {transferMode: mode.desired}}
  const notes = [...streamingNote(method, 'The function URI')]
  if (mode.uri) notes.push("Check that the compiled Integration.Uri ends in /response-streaming-invocations; if it does not, set Uri in resources.Resources.")
  return {method, event, notes}
}

function overrideIntegration(method: MethodSetting): Record<string, unknown> {
  const integration: Record<string, unknown> = {}
  if (method.integration?.desired) integration['ContentHandling'] = method.integration.desired
  if (method.transferMode) {
    integration['ResponseTransferMode'] = method.transferMode.desired
    if (method.transferMode.uri) integration['Uri'] = method.transferMode.uri
  }
  if (method.responses.length > 0) integration['IntegrationResponses'] = method.responses.map((entry) => (entry.desired ? {ContentHandling: entry.desired} : {}))
  return integration
}
