// AWS CDK (TypeScript, aws-cdk-lib v2): RestApi binaryMediaTypes, the integrations' contentHandling and
// integrationResponses[].contentHandling, and the escape hatch for preflights CDK generates.
//
// Sources (aws-cdk-lib aws_apigateway API reference and aws/aws-cdk sources):
// - RestApiProps.binaryMediaTypes → CfnRestApi BinaryMediaTypes as written ("image/png"); SpecRestApi only
//   got the prop later (aws/aws-cdk PR #35502), hence the escape hatch CfnRestApi.addPropertyOverride.
// - IntegrationOptions.contentHandling (ContentHandling.CONVERT_TO_BINARY | CONVERT_TO_TEXT) and
//   integrationResponses: IntegrationResponse[] {statusCode, selectionPattern?, contentHandling?,
//   responseParameters?, responseTemplates?}; LambdaIntegration(handler, LambdaIntegrationOptions) with
//   proxy (default true); MockIntegration(IntegrationOptions); HttpIntegration(url, {proxy, httpMethod,
//   options}); Integration({type, uri, integrationHttpMethod, options}).
// - addCorsPreflight / defaultCorsPreflightOptions create `addMethod('OPTIONS', new MockIntegration({...}))`
//   with no contentHandling option (resource.ts), so the generated method (construct id "OPTIONS") is
//   reached through node.findChild and patched with addPropertyOverride; an array index in the path
//   addresses a list element (core/lib/cfn-resource.ts addOverride).
// - RestApi's Deployment logical id hashes the RestApi and its methods, so `cdk deploy` redeploys a change
//   (aws/aws-cdk PR #7115); removed binary media types can stay live (aws/aws-cdk#24099).
// - IntegrationOptions.responseTransferMode: ResponseTransferMode.BUFFERED | STREAM (aws-cdk-lib API
//   reference, "Type last changed: v2.230.0"; only AWS_PROXY and HTTP_PROXY integrations stream).

import type {DurableChange, MethodSetting, ResponseSetting} from './durable-change.js'
import {camelIdentifier, routeCamel, routeName} from './names.js'
import {UNSET_ADVICE, headerLines, methodTitle, removedNote} from './wording.js'

const INDENT = '  '

export function renderCdk(change: DurableChange): string {
  const lines: string[] = []
  const comment = (...text: string[]) => lines.push(...text.map((line) => (line === '' ? '//' : `// ${line}`)))

  comment(...headerLines(change, 'cdk'), 'Merge into the stack that defines the API (aws-cdk-lib v2); the names declared below stand for your constructs.')
  lines.push("import * as apigateway from 'aws-cdk-lib/aws-apigateway'")
  const functions = standInFunctions(change.methods)
  if (functions.size > 0) lines.push("import type * as lambda from 'aws-cdk-lib/aws-lambda'")
  lines.push('')

  if (functions.size > 0 || !change.binaryMediaTypes) {
    comment('Stand-ins for constructs your stack already has.')
    if (!change.binaryMediaTypes) lines.push(`declare const api: apigateway.RestApi // the REST API ${change.api.name} (${change.api.id})`)
    for (const [name, variable] of functions) lines.push(`declare const ${variable}: lambda.IFunction // the function ${name}`)
    lines.push('')
  }

  comment("In your stack's constructor:")
  if (change.binaryMediaTypes) {
    const list = `[${change.binaryMediaTypes.desired.map(tsString).join(', ')}]`
    comment(
      `The REST API ${change.api.name} (${change.api.id}). binaryMediaTypes is the whole list, written with "/"; CDK copies it`,
      'to AWS::ApiGateway::RestApi BinaryMediaTypes as written.',
      ...removedNote(change.binaryMediaTypes.removed),
    )
    lines.push("const api = new apigateway.RestApi(this, 'Api', {", `${INDENT}// ...your other props`, `${INDENT}binaryMediaTypes: ${list},`, '})')
    comment('Where the props are out of reach (a SpecRestApi on an older aws-cdk-lib, an imported template), the escape hatch:')
    comment(`(api.node.defaultChild as apigateway.CfnRestApi).addPropertyOverride('BinaryMediaTypes', ${list})`)
    lines.push('')
  }

  for (const method of change.methods) {
    lines.push(...methodLines(method, functions), '')
  }

  comment(
    "cdk deploy publishes this: RestApi's deployment (deploy: true, the default) gets a new logical id when the",
    'RestApi or its methods change (aws/aws-cdk PR #7115). A SpecRestApi does not see changes inside its OpenAPI',
    `body (aws/aws-cdk#8159): add api.latestDeployment?.addToLogicalId({binaryFix: '${change.fingerprint}'}) there.`,
  )
  return `${lines.join('\n')}\n`
}

/** Lambda function name → the variable standing for it. */
function standInFunctions(methods: readonly MethodSetting[]): Map<string, string> {
  const variables = new Map<string, string>()
  for (const method of methods) {
    if (method.lambdaFunction && !variables.has(method.lambdaFunction)) variables.set(method.lambdaFunction, `${camelIdentifier(method.lambdaFunction)}Function`)
  }
  return variables
}

function methodLines(method: MethodSetting, functions: ReadonlyMap<string, string>): string[] {
  const lines = [`// ${methodTitle(method)}`]
  const variable = `${routeCamel(method.httpMethod, method.resourcePath)}Integration`
  const options = optionLines(method)
  const resource = method.resourcePath === '/' ? 'api.root' : `api.root.resourceForPath(${tsString(method.resourcePath)})`
  if (method.lambdaFunction && (method.integrationType === 'AWS' || method.integrationType === 'AWS_PROXY')) {
    const proxy = method.integrationType === 'AWS_PROXY'
    if (proxy && method.transferMode?.desired === 'STREAM') {
      lines.push(
        "// A streamed Lambda proxy: the function's bytes pass unconverted (no isBase64Encoded, no binaryMediaTypes).",
        '// Check that the synthesized Uri ends in /response-streaming-invocations: streaming needs InvokeWithResponseStream.',
      )
    } else if (proxy) lines.push('// A proxy integration: its answer bypasses integration responses; binary answers need isBase64Encoded: true.')
    lines.push(`const ${variable} = new apigateway.LambdaIntegration(${functions.get(method.lambdaFunction)}, {`, `${INDENT}proxy: ${proxy},`, ...options, '})')
  } else if (method.integrationType === 'MOCK') {
    lines.push(`const ${variable} = new apigateway.MockIntegration({`, `${INDENT}// ...your requestTemplates`, ...options, '})')
  } else if (method.integrationType === 'HTTP' || method.integrationType === 'HTTP_PROXY') {
    const proxy = method.integrationType === 'HTTP_PROXY'
    lines.push(
      `const ${variable} = new apigateway.HttpIntegration(${tsString(method.uri ?? 'https://example.com')}, {`,
      `${INDENT}proxy: ${proxy},`,
      `${INDENT}// ...your httpMethod`,
      `${INDENT}options: {`,
      ...options.map((line) => INDENT + line),
      `${INDENT}},`,
      '})',
    )
  } else {
    lines.push(
      `const ${variable} = new apigateway.Integration({`,
      `${INDENT}type: apigateway.IntegrationType.AWS,`,
      `${INDENT}uri: ${tsString(method.uri ?? '')},`,
      `${INDENT}// ...your integrationHttpMethod, credentials and the rest`,
      `${INDENT}options: {`,
      ...options.map((line) => INDENT + line),
      `${INDENT}},`,
      '})',
    )
  }
  lines.push(`${resource}.addMethod(${tsString(method.httpMethod)}, ${variable})`)
  if (method.preflight) lines.push(...preflightEscapeHatch(method, resource, `${routeCamel(method.httpMethod, method.resourcePath)}Method`))
  return lines
}

function optionLines(method: MethodSetting): string[] {
  const lines: string[] = []
  if (method.integration?.desired) lines.push(`${INDENT}contentHandling: ${handling(method.integration.desired)},`)
  else if (method.integration) lines.push(`${INDENT}// contentHandling: ${UNSET_ADVICE}`)
  if (method.transferMode) lines.push(`${INDENT}responseTransferMode: apigateway.ResponseTransferMode.${method.transferMode.desired},`)
  if (method.responses.length > 0) {
    lines.push(
      `${INDENT}integrationResponses: [`,
      `${INDENT}${INDENT}// Every integration response of ${routeName(method)}; keep the responseParameters and responseTemplates of yours.`,
      ...method.responses.map((response) => `${INDENT}${INDENT}${responseLiteral(response)}`),
      `${INDENT}],`,
    )
  }
  return lines
}

function responseLiteral(response: ResponseSetting): string {
  const fields = [`statusCode: ${tsString(response.statusCode)}`]
  if (response.selectionPattern !== undefined) fields.push(`selectionPattern: ${tsString(response.selectionPattern)}`)
  if (response.desired) fields.push(`contentHandling: ${handling(response.desired)}`)
  const unset = response.covered && response.desired === null ? ` // contentHandling: ${UNSET_ADVICE}` : ''
  return `{${fields.join(', ')}},${unset}`
}

function preflightEscapeHatch(method: MethodSetting, resource: string, variable: string): string[] {
  const overrides: string[] = []
  if (method.integration?.desired) overrides.push(`${variable}.addPropertyOverride('Integration.ContentHandling', ${tsString(method.integration.desired)})`)
  method.responses.forEach((response, index) => {
    if (response.desired) overrides.push(`${variable}.addPropertyOverride('Integration.IntegrationResponses.${index}.ContentHandling', ${tsString(response.desired)})`)
  })
  return [
    '// With defaultCorsPreflightOptions or addCorsPreflight(), CDK creates this method itself and offers no',
    '// contentHandling for it: instead of the addMethod above, override the generated AWS::ApiGateway::Method.',
    `// const ${variable} = ${resource}.node.findChild('OPTIONS').node.defaultChild as apigateway.CfnMethod`,
    ...overrides.map((line) => `// ${line}`),
  ]
}

function handling(value: string): string {
  return `apigateway.ContentHandling.${value}`
}

/** A single-quoted TypeScript string literal. */
export function tsString(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`
}
