// verify on an API whose route calls Kinesis through an AWS integration, a service the sandbox does not
// model: the route answers AWS's 500 for a failed integration, and verify says the sandbox does not model
// the service rather than blaming the route's binary settings.
import {ImportRestApiCommand, CreateDeploymentCommand} from '@aws-sdk/client-api-gateway'

import {paletteFor} from '../../src/ui/colours.js'
import {renderVerify} from '../../src/ui/verify-view.js'
import {useAuditBench} from './audit-support.js'
import {verify} from './verify-support.js'

const logged: string[] = []
const bench = useAuditBench({logDiagnosis: (line) => logged.push(line)})

// The shape of the developer guide's Kinesis proxy ("Tutorial: Create a REST API as an Amazon Kinesis
// proxy"): PutRecord with the request body as the record's data, base64 text as Kinesis wants it.
const KINESIS_PROXY = {
  openapi: '3.0.1',
  info: {title: 'kinesis-proxy', version: '1'},
  'x-amazon-apigateway-binary-media-types': ['application/octet-stream'],
  paths: {
    '/streams/{stream-name}/record': {
      put: {
        parameters: [{name: 'stream-name', in: 'path', required: true, schema: {type: 'string'}}],
        responses: {'200': {description: 'ok'}},
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:kinesis:action/PutRecord',
          credentials: 'arn:aws:iam::123456789012:role/apigAwsProxyRole',
          contentHandling: 'CONVERT_TO_TEXT',
          passthroughBehavior: 'when_no_templates',
          requestTemplates: {
            'application/octet-stream': '{"StreamName": "$input.params(\'stream-name\')", "Data": "$input.body", "PartitionKey": "probe"}',
          },
          responses: {default: {statusCode: '200'}},
        },
      },
    },
  },
}

describe('verify against a route calling a service the sandbox does not model', () => {
  it('says the service is not modelled by the sandbox, not a binary setting', async () => {
    const imported = await bench.client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify(KINESIS_PROXY))}))
    await bench.client.send(new CreateDeploymentCommand({restApiId: imported.id, stageName: 'v1'}))
    const specFile = bench.specFile('kinesis.binfix.yaml', [
      'version: 1',
      'stage: v1',
      'binaryMediaTypes: [application/octet-stream]',
      'routes:',
      '  PUT /streams/{stream-name}/record:',
      '    request: CONVERT_TO_TEXT',
      'verify:',
      '  - route: "PUT /streams/probe/record"',
      '    contentType: [application/octet-stream]',
    ])
    const report = await verify(bench.sandbox.url, {api: imported.id!, specFile})

    expect(report.allPassed).toBe(false)
    expect(report.steps.length).toBeGreaterThan(0)
    const sentence = 'the integration calls AWS service kinesis, which is not modelled by the sandbox, so it answered 500 as AWS does for a failed integration'
    for (const step of report.steps) {
      expect(step).toMatchObject({pass: false, status: 500, summary: 'answered 500 {"message": "Internal server error"}', cause: {setting: 'sandbox', sentence, fix: 'verify this route on AWS'}})
    }
    const text = renderVerify(report, paletteFor({isTTY: false}))
    expect(text).toContain(`cause: ${sentence}`)
    expect(text).not.toContain('not explained by binary settings')
    expect(logged).toEqual(['sandbox: AWS service kinesis is not modelled by the sandbox: it answers 500 as AWS does for a failed integration; rehearse this route on AWS'])
  })
})
