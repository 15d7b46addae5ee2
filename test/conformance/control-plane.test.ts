// The control plane against AWS's recorded answers: REST APIs, resources, methods, method responses,
// integrations, integration responses, deployments and stages. Each test transcribes the LocalStack test
// of the same name (tests/aws/services/apigateway/*.py at localstack/localstack 8b9a79f0): the same calls,
// in the same order, matched under the same keys.
import {CreateRestApiCommand, GetRestApiCommand} from '@aws-sdk/client-api-gateway'

import {answer} from './answer.js'
import {shortUid, useConformanceSandbox} from './context.js'
import {type Deviation, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox()
const {replay, done} = conformance('control-plane.test.ts', DEVIATIONS)

describe('REST APIs', () => {
  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_create_rest_api_verify_defaults', async (snapshot) => {
    const create = (input: Record<string, unknown>) => answer(context.client.send(new CreateRestApiCommand({name: `test-api-${shortUid()}`, ...input})))
    snapshot.match('create-with-edge-default', await create({endpointConfiguration: {types: ['EDGE']}}))
    snapshot.match('create-with-regional-default', await create({endpointConfiguration: {types: ['REGIONAL']}}))
    snapshot.match('create-with-private-default', await create({endpointConfiguration: {types: ['PRIVATE']}}))
    snapshot.match('create-with-empty-default', await create({}))
    snapshot.match('create-with-empty-ip-address-type-and-wrong-type', await create({description: '', endpointConfiguration: {types: ['wrong']}}))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_get_api_case_insensitive', async (snapshot) => {
    const created = (await answer(context.client.send(new CreateRestApiCommand({name: `test-case-sensitive-apis-${shortUid()}`, description: 'lower case api'})))) as {id: string}
    snapshot.match('create-rest-api', created)
    snapshot.match('get-api-upper-case', await answer(context.client.send(new GetRestApiCommand({restApiId: created.id.toUpperCase()}))))
  })
})

done()
