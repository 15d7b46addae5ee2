// CloudFormation: fragments of AWS::ApiGateway::RestApi (BinaryMediaTypes), AWS::ApiGateway::Method
// (Integration.ContentHandling, Integration.IntegrationResponses[].ContentHandling), and the new
// AWS::ApiGateway::Deployment that makes them live.
//
// Sources:
// - AWS::ApiGateway::RestApi BinaryMediaTypes: list of strings; AWS::ApiGateway::Method Integration
//   ContentHandling and IntegrationResponse {StatusCode (required), SelectionPattern, ContentHandling,
//   ResponseParameters, ResponseTemplates} with ContentHandling CONVERT_TO_BINARY | CONVERT_TO_TEXT
//   (CloudFormation template reference, aws-properties-apigateway-method-integrationresponse; cfn-lint's
//   us-east-1 schemas aws-apigateway-restapi.json / aws-apigateway-method.json).
// - "~1": old CloudFormation docs said slashes in BinaryMediaTypes must be written "~1" (quoted in
//   humanmade/tachyon PR #85; awsdocs/aws-cloudformation-user-guide PR #220); the current page does not,
//   CDK writes "/" into this property (aws/aws-cdk PR #35502's snapshot: "image/png") and so does the
//   Serverless Framework (provider.apiGateway.binaryMediaTypes copied as written). A "~1" that reaches the
//   API literally never matches (audit's malformed-binary-media-type), so "/" is what we emit. The one
//   failure on record with "/" is a 2018 update ("Invalid patch path /binaryMediaTypes/image/png",
//   aws/aws-cdk#1157), named in the comment so a reader who meets it knows the other form.
// - Integration.ResponseTransferMode BUFFERED | STREAM, default BUFFERED (cfn-lint 1.51's
//   AWS::ApiGateway::Method schema); a streamed Lambda proxy's Uri is InvokeWithResponseStream's
//   (developer guide, response-transfer-mode-lambda.html).
// - A Deployment is created once; CloudFormation does not redeploy the stage when methods change, so a new
//   Deployment (new logical id) is what publishes the change (AWS::ApiGateway::Deployment reference;
//   aws-binary-facts §5.6; CDK salts its Deployment's logical id for the same reason, aws/aws-cdk PR #7115).

import type {DurableChange, MethodSetting} from './durable-change.js'
import {type SourceNames, knownMethodLogicalId, methodLogicalId, nameSource} from './names.js'
import {headerLines, logicalIdNote, methodTitle, removedNote, streamingNote, unsetNote} from './wording.js'
import {type YamlComment, renderYaml} from './yaml-snippet.js'

export const REST_API_LOGICAL_ID = 'RestApi'

export function deploymentLogicalId(change: DurableChange): string {
  return `Deployment${change.fingerprint}`
}

export function stageLogicalId(stage: string): string {
  const word = stage.replaceAll(/[^A-Za-z0-9]/g, '')
  return `Stage${word.charAt(0).toUpperCase()}${word.slice(1)}`
}

export function renderCloudFormation(change: DurableChange, names: SourceNames = {}): string {
  const resources: Record<string, unknown> = {}
  const comments: YamlComment[] = []
  const at = (path: ReadonlyArray<string | number>, ...lines: string[]) => comments.push({path: ['Resources', ...path], lines})
  const restApi = names.restApi ?? REST_API_LOGICAL_ID
  const methodId = (method: MethodSetting) => knownMethodLogicalId(names, method) ?? methodLogicalId(method)
  const named = names.restApi !== undefined || change.methods.some((method) => knownMethodLogicalId(names, method) !== undefined)

  if (change.binaryMediaTypes) {
    resources[restApi] = {Type: 'AWS::ApiGateway::RestApi', Properties: {BinaryMediaTypes: change.binaryMediaTypes.desired}}
    at([restApi], `The AWS::ApiGateway::RestApi of ${change.api.name} (${change.api.id}); ${logicalIdNote(restApi, names.restApi !== undefined, names)}.`)
    at(
      [restApi, 'Properties', 'BinaryMediaTypes'],
      'The whole list, written with "/". Old CloudFormation docs asked for "~1" (image~1png); the current',
      'docs do not, and CDK and the Serverless Framework write "/" here. If an update fails with',
      '"Invalid patch path /binaryMediaTypes/image/png" (aws/aws-cdk#1157), write the "~1" form.',
      ...removedNote(change.binaryMediaTypes.removed),
    )
  }

  for (const method of change.methods) {
    const id = methodId(method)
    resources[id] = {Type: 'AWS::ApiGateway::Method', Properties: {Integration: integrationFragment(method)}}
    at([id], methodTitle(method), `Its AWS::ApiGateway::Method; ${logicalIdNote(id, knownMethodLogicalId(names, method) !== undefined, names)}. Keep the properties not shown.`)
    if (method.integration?.desired === null) at([id, 'Properties', 'Integration'], unsetNote('ContentHandling'))
    if (method.transferMode) at([id, 'Properties', 'Integration', 'ResponseTransferMode'], ...streamingNote(method, 'Uri'))
    if (method.responses.length > 0) {
      at(
        [id, 'Properties', 'Integration', 'IntegrationResponses'],
        'CloudFormation replaces this list whole: every status code is listed, in your order. Keep each',
        "entry's ResponseParameters and ResponseTemplates (and any entry of yours missing here).",
      )
      method.responses.forEach((response, index) => {
        if (response.covered && response.desired === null) at([id, 'Properties', 'Integration', 'IntegrationResponses', index], `${response.statusCode}: ${unsetNote('ContentHandling')}`)
      })
    }
  }

  const deployment = deploymentLogicalId(change)
  // The resource that creates the stage in the owner's template, when known: the stage is moved there,
  // never created a second time (a second resource for one stage fails the stack update).
  const creator = change.stage === null ? undefined : names.stages?.[change.stage]
  const createdByDeployment = creator?.type === 'AWS::ApiGateway::Deployment'
  resources[deployment] = {
    Type: 'AWS::ApiGateway::Deployment',
    ...(change.methods.length > 0 ? {DependsOn: change.methods.map(methodId)} : {}),
    Properties: {RestApiId: {Ref: restApi}, ...(createdByDeployment ? {StageName: change.stage} : {}), Description: `apigw-binfix: binary settings ${change.fingerprint}`},
  }
  at(
    [deployment],
    'A new AWS::ApiGateway::Deployment: CloudFormation deploys the API only when it creates one, so these',
    createdByDeployment
      ? `changes stay off the stage until then. In ${nameSource(names)}, replace Deployment ${creator.logicalId}, which creates stage`
      : 'changes stay off the stage until then. Replace your Deployment with this one (a new logical id makes',
    createdByDeployment
      ? `${change.stage} through its StageName, with this one (StageName kept), and list your changed methods under DependsOn.`
      : 'CloudFormation create it) and list your changed methods under DependsOn.',
  )
  if (change.stage !== null && !createdByDeployment) {
    const stage = creator?.logicalId ?? stageLogicalId(change.stage)
    resources[stage] = creator
      ? {Type: 'AWS::ApiGateway::Stage', Properties: {DeploymentId: {Ref: deployment}}}
      : {Type: 'AWS::ApiGateway::Stage', Properties: {StageName: change.stage, RestApiId: {Ref: restApi}, DeploymentId: {Ref: deployment}}}
    if (creator) at([stage], `Stage ${change.stage} is ${stage} of ${nameSource(names)}: change its DeploymentId to the new deployment; keep its other properties.`)
    else at([stage], `Stage ${change.stage}: point it at the new deployment. Where the Deployment itself names the stage`, `(StageName: ${change.stage}) instead, put StageName on the new Deployment.`)
  }

  return renderYaml({
    value: {Resources: resources},
    header: [
      ...headerLines(change, 'cloudformation'),
      named
        ? `Merge each fragment into the resource of your template it names; logical ids are placeholders unless a comment says they are from ${nameSource(names)}.`
        : 'Merge each fragment into the resource of your template it names; logical ids here are placeholders.',
    ],
    comments,
  })
}

function integrationFragment(method: MethodSetting): Record<string, unknown> {
  const integration: Record<string, unknown> = {}
  if (method.integration?.desired) integration['ContentHandling'] = method.integration.desired
  if (method.transferMode) {
    integration['ResponseTransferMode'] = method.transferMode.desired
    if (method.transferMode.uri) integration['Uri'] = method.transferMode.uri
  }
  if (method.responses.length > 0) {
    integration['IntegrationResponses'] = method.responses.map((response) => ({
      StatusCode: response.statusCode,
      ...(response.selectionPattern === undefined ? {} : {SelectionPattern: response.selectionPattern}),
      ...(response.desired ? {ContentHandling: response.desired} : {}),
    }))
  }
  return integration
}
