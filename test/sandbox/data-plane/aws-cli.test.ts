// The AWS CLI (botocore, independent of the JS SDK) makes the thumbnail service's binary fix; the data
// plane then shows what real requests experience before and after the redeploy it needs.
import {fileURLToPath} from 'node:url'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {awsApigatewayJson, awsCliVersion} from '../../helpers/external/aws-cli.js'
import {startTestSandbox} from '../../helpers/sandbox.js'
import {send} from './support.js'

const cli = await awsCliVersion()
const maybe = 'version' in cli ? describe : describe.skip
if ('missing' in cli) console.warn(`SKIPPED test/sandbox/data-plane/aws-cli.test.ts: the AWS CLI is not available (${cli.missing})`)

const fixture = fileURLToPath(new URL('../../../fixtures/apis/thumbnail-service.oas30.json', import.meta.url))
const functionFile = (name: string) => fileURLToPath(new URL(`../../../fixtures/functions/${name}.mjs`, import.meta.url))
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xc3])

maybe('the AWS CLI fixes the thumbnail service; the data plane serves the fix once deployed', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox({
      lambdas: {
        'thumbnail-service-dev-upload': functionFile('thumbnail-service-dev-upload'),
        'thumbnail-service-dev-thumbnail': functionFile('thumbnail-service-dev-thumbnail'),
      },
    })
  })
  afterAll(() => sandbox.close())

  it('import, deploy, add */* and redeploy', async () => {
    const aws = <T>(...args: string[]) => awsApigatewayJson<T>(sandbox.url, args)
    const {id} = await aws<{id: string}>('import-rest-api', '--body', `fileb://${fixture}`)
    await aws('create-deployment', '--rest-api-id', id, '--stage-name', 'dev')
    const at = (path: string) => `${sandbox.url}/restapis/${id}/dev/_user_request_${path}`
    const roundTrip = async (key: string) => {
      await send(at(`/upload?key=${key}`), {method: 'POST', headers: {'Content-Type': 'image/png'}, body: PNG})
      return (await send(at(`/thumbnails/${key}`), {headers: {Accept: 'image/png'}})).body
    }
    expect(await roundTrip('a.png')).not.toEqual(PNG)

    await aws('update-rest-api', '--rest-api-id', id, '--patch-operations', 'op=add,path=/binaryMediaTypes/*~1*')
    expect(await roundTrip('b.png')).not.toEqual(PNG)
    await aws('create-deployment', '--rest-api-id', id, '--stage-name', 'dev')
    expect(await roundTrip('c.png')).toEqual(PNG)
  })
})
