// AWS integrations to services the sandbox has no stand-in for answer as a failed integration does on AWS,
// with the sandbox's diagnosis header naming the service and one log line per service.
import {startTestSandbox} from '../../helpers/sandbox.js'
import {deployApi, send} from './support.js'

const AWS_BODY = '{"message": "Internal server error"}'
const line = (service: string) => `AWS service ${service} is not modelled by the sandbox: it answers 500 as AWS does for a failed integration; rehearse this route on AWS`

describe('an AWS integration to a service the sandbox does not model', () => {
  it.each([
    ['kinesis', 'arn:aws:apigateway:us-east-1:kinesis:action/PutRecord'],
    ['dynamodb', 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem'],
    ['sqs', 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue'],
    ['sns', 'arn:aws:apigateway:us-east-1:sns:action/Publish'],
    ['states', 'arn:aws:apigateway:us-east-1:states:action/StartExecution'],
  ])('answers 500 Internal server error for %s, saying so in the diagnosis header and the log', async (service, uri) => {
    const logged: string[] = []
    const sandbox = await startTestSandbox({logDiagnosis: (entry) => logged.push(entry)})
    try {
      const api = deployApi(sandbox, {
        routes: [{path: '/call', method: 'POST', integration: {type: 'AWS', httpMethod: 'POST', uri, integrationResponses: {'200': {statusCode: '200'}}}}],
      })
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const answer = await send(api.url('/call'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"a": 1}'})
        expect({status: answer.status, body: answer.text}).toEqual({status: 500, body: AWS_BODY})
        expect(answer.headers['content-type']).toBe('application/json')
        expect(answer.headers['x-amzn-errortype']).toBe('InternalServerErrorException')
        expect(answer.headers['x-apigw-binfix-sandbox-diagnosis']).toBe(line(service))
      }
      expect(logged).toEqual([`sandbox: ${line(service)}`])
    } finally {
      await sandbox.close()
    }
  })
})

describe('an AWS_PROXY integration to Firehose (the other service AWS_PROXY takes)', () => {
  it('answers the same, naming firehose', async () => {
    const sandbox = await startTestSandbox()
    try {
      const api = deployApi(sandbox, {routes: [{path: '/records', method: 'POST', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:firehose:action/PutRecord'}}]})
      const answer = await send(api.url('/records'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})
      expect({status: answer.status, body: answer.text, diagnosis: answer.headers['x-apigw-binfix-sandbox-diagnosis']}).toEqual({status: 500, body: AWS_BODY, diagnosis: line('firehose')})
    } finally {
      await sandbox.close()
    }
  })
})
