// The AWS CLI (an independent client, botocore's model) sets and reads responseTransferMode on the
// sandbox: put-integration --response-transfer-mode, update-integration's /responseTransferMode patch.
import type {Sandbox} from '../../src/sandbox/server.js'
import {awsCli, awsCliVersion} from '../helpers/external/aws-cli.js'
import {startTestSandbox} from '../helpers/sandbox.js'

const STREAMING_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:video/response-streaming-invocations'

const version = await awsCliVersion()
const suite = 'version' in version ? describe : describe.skip

suite(`AWS CLI ${'version' in version ? version.version.split(' ')[0] : `(skipped: ${version.missing})`} and responseTransferMode`, () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox()
  })
  afterAll(() => sandbox.close())

  const cli = async (...args: string[]) => {
    const result = await awsCli('apigateway', sandbox.url, args)
    if (result.exitCode !== 0) throw new Error(result.stderr)
    return result.stdout === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>)
  }

  it('put-integration --response-transfer-mode STREAM, then update-integration back to BUFFERED', async () => {
    const api = await cli('create-rest-api', '--name', 'streaming')
    const at = ['--rest-api-id', api['id'] as string, '--resource-id', api['rootResourceId'] as string, '--http-method', 'GET']
    await cli('put-method', ...at, '--authorization-type', 'NONE')
    const put = await cli('put-integration', ...at, '--type', 'AWS_PROXY', '--integration-http-method', 'POST', '--uri', STREAMING_URI, '--response-transfer-mode', 'STREAM')
    expect(put['responseTransferMode']).toBe('STREAM')
    expect((await cli('get-integration', ...at))['responseTransferMode']).toBe('STREAM')
    const updated = await cli('update-integration', ...at, '--patch-operations', 'op=replace,path=/responseTransferMode,value=BUFFERED')
    expect(updated['responseTransferMode']).toBe('BUFFERED')
  })
})
