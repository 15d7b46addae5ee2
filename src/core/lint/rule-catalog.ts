// Every rule lint can report, with the help a reviewer needs (SARIF's rule metadata, the human view's legend).

import type {LintRuleId} from './lint-finding.js'

export interface LintRule {
  id: LintRuleId
  /** One line. */
  summary: string
  /** What goes wrong for real requests, and the way out. */
  help: string
}

export const LINT_RULES: readonly LintRule[] = [
  {id: 'missing-binary-media-type', summary: 'A binary media type the spec wants is not declared', help: 'Requests with that Content-Type or first Accept entry are handled as text: uploads arrive corrupted, downloads come back as base64 text. Add the type to the API\'s binary media types.'},
  {id: 'unexpected-binary-media-type', summary: 'A binary media type the spec does not list', help: 'Every request whose Content-Type or first Accept entry matches it is handled as binary, JSON bodies included. Remove it, or list it in the spec.'},
  {id: 'malformed-binary-media-type', summary: 'A binary media type API Gateway can never match', help: 'Entries with parameters, spaces, a type wildcard or no slash never match a request header. Write type/subtype, or type/* for a family.'},
  {id: 'binary-media-type-escaping', summary: 'A binary media type written with "~1" where it is stored as written', help: '"~1" is SAM\'s spelling for its BinaryMediaTypes property (and of patch paths); OpenAPI\'s x-amazon-apigateway-binary-media-types and Terraform\'s binary_media_types store it as written, so it never matches. Write "/" there.'},
  {id: 'integration-content-handling', summary: "An integration's contentHandling differs from the spec", help: "The request side's conversion: CONVERT_TO_TEXT base64-encodes binary bodies for a mapping template or Lambda, CONVERT_TO_BINARY decodes base64 text, unset passes through. Set it as the spec says."},
  {id: 'integration-response-content-handling', summary: "An integration response's contentHandling differs from the spec", help: "The response side's conversion for that status code. Set it as the spec says."},
  {id: 'undeployed-change', summary: 'A setting that is not deployed to the stage', help: 'The stage serves its deployment; redeploy it.'},
  {id: 'preflight-hazard', summary: 'A CORS preflight that the binary media types break', help: 'With */* in binaryMediaTypes the empty preflight counts as binary: the MOCK request template fails (500) and a response template cannot transform bytes. CONVERT_TO_TEXT on the MOCK integration and its responses keeps it answering.'},
  {id: 'catch-all-breaks-generated-preflight', summary: '*/* next to CORS preflights the tool generates without contentHandling', help: "SAM's Cors, Serverless's cors: true and CDK's addCorsPreflight generate MOCK preflights with no contentHandling option; under */* they answer 500 and browsers block the real requests. Declare the preflight yourself with CONVERT_TO_TEXT, or list narrower types than */*."},
  {id: 'proxy-binary-response', summary: 'Lambda proxy binary responses: what they need', help: 'A Lambda proxy answer is decoded only when the function returns isBase64Encoded: true and the first Accept entry matches binaryMediaTypes; contentHandling plays no part.'},
  {id: 'unknown-route', summary: 'The spec names a route the file does not declare', help: 'The spec\'s setting cannot apply; fix the spec\'s key or the file.'},
  {id: 'stream-transfer-mode', summary: 'Response streaming settings', help: 'See apigw-binfix audit\'s streaming rules.'},
  {id: 'stream-integration-type', summary: 'A streamed route on an integration that cannot stream', help: 'Only HTTP_PROXY and AWS_PROXY integrations stream.'},
  {id: 'stream-invocation-uri', summary: "A streamed Lambda proxy on Invoke's URI", help: 'A streamed Lambda proxy needs the InvokeWithResponseStream URI.'},
  {id: 'buffered-timeout-over-quota', summary: 'A buffered integration timeout past the default quota', help: 'Above 29 s needs a quota increase, or streaming.'},
  {id: 'catch-all-for-streams', summary: '*/* kept for routes that now stream', help: 'Streamed responses need no binary media type; */* still makes every request body binary.'},
  {id: 'deployment-never-redeployed', summary: 'A deployment that does not change with the methods', help: 'CloudFormation creates a Deployment once; Terraform does not recreate aws_api_gateway_deployment without triggers. The stage keeps serving the old snapshot, so a binary fix in the file never reaches requests. Hash the methods into the Deployment\'s logical id, or give Terraform triggers and create_before_destroy.'},
  {id: 'merge-import-keeps-types', summary: 'An OpenAPI import in merge mode never removes a binary media type', help: 'PutRestApi in merge mode only adds binary media types: deleting one from the file leaves it live. Use overwrite mode, or remove it from the live API.'},
  {id: 'binary-media-types-conflict', summary: 'Binary media types set both as a property and in the body, differently', help: 'Two lists for one API: which one it holds depends on the tool. Keep one.'},
]

export function ruleOf(id: LintRuleId): LintRule {
  return LINT_RULES.find((rule) => rule.id === id)!
}
