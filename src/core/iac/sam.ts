// AWS SAM: AWS::Serverless::Api BinaryMediaTypes in SAM's "~1" form, and contentHandling where SAM has
// room for it: the OpenAPI DefinitionBody's x-amazon-apigateway-integration.
//
// Sources:
// - BinaryMediaTypes on AWS::Serverless::Api and Globals.Api, written with "~1" for "/" (SAM spec
//   versions/2016-10-31.md; aws/serverless-application-model PR #353). The transform writes the list with
//   "/" into the body's x-amazon-apigateway-binary-media-types (samtranslator swagger.py
//   add_binary_media_types, PR #1043) and verbatim into the generated RestApi (api_generator.py).
// - Globals lists are appended to the resource's list: the same type in both is a duplicate, which
//   cfn-lint rejects (E3037 "has non-unique elements", seen with cfn-lint 1.51).
// - contentHandling: no SAM property; x-amazon-apigateway-integration {contentHandling, responses:
//   {<selection pattern | "default">: {statusCode, contentHandling}}} per operation (API Gateway OpenAPI
//   extensions reference). SAM's Cors adds MOCK OPTIONS without contentHandling (issue #553) and skips a
//   path whose options operation the body already has (samtranslator SwaggerEditor.add_cors).
// - Entries removed from BinaryMediaTypes stay live: the API is imported from its body in merge mode
//   (aws/serverless-application-model#3511, aws-cloudformation/cloudformation-coverage-roadmap#1894).
// - A changed body gets a new Deployment (its logical id hashes the body); AlwaysDeploy forces one
//   (aws/serverless-application-model PR #2935).
// - responseTransferMode in x-amazon-apigateway-integration (developer guide, response-streaming-http.html).
//   A function's Api event takes ResponseTransferMode: RESPONSE_STREAM, which writes responseTransferMode
//   STREAM and the response-streaming-invocations URI into the body (aws-sam-translator 1.110
//   eventsources/push.py _build_apigw_integration_uri, swagger.py add_lambda_integration).

import type {DurableChange, MethodSetting} from './durable-change.js'
import {type SourceNames, nameSource, routeName} from './names.js'
import {headerLines, logicalIdNote, methodTitle, removedNote, streamingNote, unsetNote} from './wording.js'
import {type YamlComment, renderYaml} from './yaml-snippet.js'

export const SAM_API_LOGICAL_ID = 'Api'

/** "image/png" → "image~1png", as SAM's docs ask. */
export function samMediaType(mediaType: string): string {
  return mediaType.replaceAll('/', '~1')
}

/** The OpenAPI operation key of a method: lower case, ANY as API Gateway's extension. */
export function openApiOperation(httpMethod: string): string {
  return httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : httpMethod.toLowerCase()
}

/** The key of an integration response in x-amazon-apigateway-integration.responses. */
export function responseKey(response: {selectionPattern?: string}): string {
  return response.selectionPattern ?? 'default'
}

export function renderSam(change: DurableChange, names: SourceNames = {}): string {
  const logicalId = names.restApi ?? SAM_API_LOGICAL_ID
  const properties: Record<string, unknown> = {}
  const comments: YamlComment[] = []
  const api = ['Resources', logicalId]
  const at = (path: ReadonlyArray<string | number>, ...lines: string[]) => comments.push({path: [...api, ...path], lines})

  if (change.binaryMediaTypes) properties['BinaryMediaTypes'] = change.binaryMediaTypes.desired.map(samMediaType)
  if (change.methods.length > 0) properties['DefinitionBody'] = definitionBody(change)
  comments.push({
    path: api,
    lines: [
      `The AWS::Serverless::Api of ${change.api.name} (${change.api.id}); ${logicalIdNote(logicalId, names.restApi !== undefined, names)}.`,
      'Functions whose Api events name no RestApiId use SAM\'s implicit API: see Globals at the end.',
    ],
  })
  if (change.binaryMediaTypes) {
    at(
      ['Properties', 'BinaryMediaTypes'],
      'The whole list in SAM\'s "~1" form ("/" written as "~1", as SAM\'s docs ask); SAM turns it back into "/"',
      'for the OpenAPI body. Removing an entry here does not remove it from the API: SAM imports the body in',
      'merge mode (aws/serverless-application-model#3511).',
      ...removedNote(change.binaryMediaTypes.removed),
    )
  }
  if (change.methods.length > 0) {
    at(
      ['Properties', 'DefinitionBody'],
      'contentHandling has no SAM property: it goes in the OpenAPI DefinitionBody, per operation, in',
      'x-amazon-apigateway-integration and its responses. Merge these keys into your body (SAM adds its',
      'events\' paths to it); non-proxy integrations only exist there anyway.',
    )
    if (change.binaryMediaTypes) {
      at(
        ['Properties', 'DefinitionBody', 'x-amazon-apigateway-binary-media-types'],
        'With "/". SAM copies BinaryMediaTypes here itself; write it yourself where SAM does not edit the body',
        '(DefinitionUri, or a body pulled in with AWS::Include).',
      )
    }
    for (const method of change.methods) methodComments(method, (path, ...lines) => at(['Properties', 'DefinitionBody', 'paths', method.resourcePath, openApiOperation(method.httpMethod), ...path], ...lines))
  }

  return renderYaml({
    value: {Resources: {[logicalId]: {Type: 'AWS::Serverless::Api', Properties: properties}}},
    header: [
      ...headerLines(change, 'sam'),
      names.restApi === undefined ? 'Merge into your SAM template; the logical id is a placeholder.' : `Merge into your SAM template; the logical id is the API's in ${nameSource(names)}.`,
    ],
    comments,
    footer: [
      'sam deploy publishes a changed API: the generated Deployment\'s logical id hashes the OpenAPI body. If the',
      'stage still serves the old deployment, set AlwaysDeploy: true on the Api (aws/serverless-application-model PR #2935).',
      ...(change.binaryMediaTypes
        ? [
            '',
            "For SAM's implicit API (ServerlessRestApi), or every API of the template, the list goes in Globals",
            "instead; not in both: SAM appends the global list to the resource's, and a type listed twice fails.",
            'Globals:',
            '  Api:',
            '    BinaryMediaTypes:',
            ...change.binaryMediaTypes.desired.map((entry) => `      - ${JSON.stringify(samMediaType(entry))}`),
          ]
        : []),
    ],
  })
}

function definitionBody(change: DurableChange): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const method of change.methods) {
    const integration: Record<string, unknown> = {}
    if (method.integration?.desired) integration['contentHandling'] = method.integration.desired
    if (method.transferMode) {
      integration['responseTransferMode'] = method.transferMode.desired
      if (method.transferMode.uri) integration['uri'] = method.transferMode.uri
    }
    if (method.responses.length > 0) {
      integration['responses'] = Object.fromEntries(
        method.responses.map((response) => [responseKey(response), {statusCode: response.statusCode, ...(response.desired ? {contentHandling: response.desired} : {})}]),
      )
    }
    paths[method.resourcePath] = {...paths[method.resourcePath], [openApiOperation(method.httpMethod)]: {'x-amazon-apigateway-integration': integration}}
  }
  return {...(change.binaryMediaTypes ? {'x-amazon-apigateway-binary-media-types': change.binaryMediaTypes.desired} : {}), paths}
}

function methodComments(method: MethodSetting, at: (path: ReadonlyArray<string | number>, ...lines: string[]) => void): void {
  const lines = [methodTitle(method)]
  if (method.preflight) {
    lines.push(
      "SAM's Cors property generates this preflight without contentHandling and has no option for it",
      '(aws/serverless-application-model#553). SAM leaves a path alone whose options operation is in the body,',
      'so declare it here in full: type: mock, requestTemplates, the CORS responseParameters, and contentHandling.',
    )
  }
  if (method.proxy && method.transferMode?.desired !== 'STREAM') lines.push('A proxy integration: its answer bypasses integration responses; binary answers need isBase64Encoded: true.')
  at([], ...lines)
  const integration = ['x-amazon-apigateway-integration']
  if (method.integration?.desired === null) at(integration, unsetNote('contentHandling'))
  if (method.transferMode) {
    at(
      [...integration, 'responseTransferMode'],
      ...streamingNote(method, 'uri'),
      ...(method.transferMode.desired === 'STREAM' && method.lambdaFunction ? ["Where the function's Api event makes this route, ResponseTransferMode: RESPONSE_STREAM on the event does the same."] : []),
    )
  }
  if (method.responses.length > 0) {
    at(
      [...integration, 'responses'],
      `Every integration response of ${routeName(method)}, keyed by selection pattern ("default": none).`,
      'Keep the responseParameters and responseTemplates of yours.',
    )
    for (const response of method.responses) {
      if (response.covered && response.desired === null) at([...integration, 'responses', responseKey(response)], `${response.statusCode}: ${unsetNote('contentHandling')}`)
    }
  }
}
