// The SAM expansion of the implicit API against SAM's own translator: its test template implicit_api.yaml
// and the output samtranslator gives for it (fixtures/stacks/sam/), and its integration-test template with
// Globals.Api (REGIONAL, binary media types) and the resources SAM's integration test expects.
import {readFileSync} from 'node:fs'

import {expandSam} from '../../../src/sandbox/cloudformation/sam.js'
import {readStackTemplate} from '../../../src/sandbox/cloudformation/stack-template.js'
import {fixture} from './support.js'

const template = (name: string) => readStackTemplate(readFileSync(fixture(`stacks/sam/${name}`), 'utf8')).template

describe("the implicit API as SAM's translator makes it", () => {
  it('implicit_api.yaml: the RestApi, its Prod stage, its deployment and the permissions are the translator output', () => {
    const processed = expandSam(template('implicit_api.yaml'))
    const expected = JSON.parse(readFileSync(fixture('stacks/sam/implicit_api.output.json'), 'utf8')).Resources as Record<string, {Type: string; Properties: Record<string, unknown>}>
    // SAM hashes Python's str() of the definition for the deployment's id and description (here a SHA-1 of its
    // sorted JSON), and writes the partition it runs in where sam.ts leaves ${AWS::Partition}; the rest is identical.
    const comparable = (resources: Record<string, {Type: string}>) =>
      JSON.parse(
        JSON.stringify(Object.fromEntries(Object.entries(resources).filter(([, resource]) => resource.Type.startsWith('AWS::ApiGateway::') || resource.Type === 'AWS::Lambda::Permission')))
          .replace(/ServerlessRestApiDeployment[0-9a-f]{10}/g, 'ServerlessRestApiDeploymentHASH')
          .replace(/RestApi deployment id: [0-9a-f]{40}/g, 'RestApi deployment id: HASH')
          .replaceAll('arn:${AWS::Partition}:', 'arn:aws:'),
      )
    expect(comparable(processed.Resources)).toEqual(comparable(expected))
    expect(Object.keys(processed.Resources).sort()).toEqual(
      Object.keys(expected)
        .map((logicalId) => (logicalId.startsWith('ServerlessRestApiDeployment') ? Object.keys(processed.Resources).find((id) => id.startsWith('ServerlessRestApiDeployment'))! : logicalId))
        .sort(),
    )
  })

  it('implicit_api_with_settings.yaml: Globals.Api gives the implicit API a REGIONAL endpoint and binary media types', () => {
    const processed = expandSam(template('implicit_api_with_settings.yaml'))
    const expected = JSON.parse(readFileSync(fixture('stacks/sam/implicit_api_with_settings.expected.json'), 'utf8')) as Array<{LogicalResourceId: string; ResourceType: string}>
    const listed = Object.entries(processed.Resources).map(([logicalId, resource]) => ({LogicalResourceId: logicalId.replace(/^(ServerlessRestApiDeployment)[0-9a-f]{10}$/, '$1'), ResourceType: resource.Type}))
    expect(listed.sort((a, b) => a.LogicalResourceId.localeCompare(b.LogicalResourceId))).toEqual(expected.sort((a, b) => a.LogicalResourceId.localeCompare(b.LogicalResourceId)))
    expect(processed.Resources['ServerlessRestApi']!.Properties).toMatchObject({
      EndpointConfiguration: {Types: ['REGIONAL']},
      Parameters: {endpointConfigurationTypes: 'REGIONAL'},
      BinaryMediaTypes: ['image~1jpg', 'image~1png'],
      Body: {'x-amazon-apigateway-binary-media-types': ['image/jpg', 'image/png'], paths: {'/pathget': {get: expect.any(Object)}}},
    })
    expect(processed.Resources['ServerlessRestApiProdStage']!.Properties).toMatchObject({StageName: 'Prod', MethodSettings: [expect.objectContaining({LoggingLevel: 'INFO'})]})
  })
})

describe("EndpointConfiguration as SAM's translator passes it on", () => {
  it.each(['api_endpoint_configuration', 'api_endpoint_configuration_with_vpcendpoint', 'api_endpoint_configuration_with_ipaddresstype'])(
    '%s: each RestApi, the implicit one with Globals.Api, has the translator output EndpointConfiguration and parameter',
    (name) => {
      const processed = expandSam(template(`${name}.yaml`))
      const expected = JSON.parse(readFileSync(fixture(`stacks/sam/${name}.output.json`), 'utf8')).Resources as Record<string, {Type: string; Properties: Record<string, unknown>}>
      const endpoints = (resources: Record<string, {Type: string; Properties?: unknown}>) =>
        Object.fromEntries(
          Object.entries(resources)
            .filter(([, resource]) => resource.Type === 'AWS::ApiGateway::RestApi')
            .map(([logicalId, resource]) => {
              const properties = resource.Properties as Record<string, unknown>
              return [logicalId, {EndpointConfiguration: properties['EndpointConfiguration'], Parameters: properties['Parameters']}]
            }),
        )
      expect(Object.keys(endpoints(processed.Resources)).sort()).toEqual(['ExplicitApi', 'ServerlessRestApi'])
      expect(endpoints(processed.Resources)).toEqual(endpoints(expected))
    },
  )
})
