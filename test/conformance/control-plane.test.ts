// The control plane against AWS's recorded answers: REST APIs and resources (methods and integrations
// are in control-plane-methods.test.ts, deployments and stages in control-plane-stages.test.ts). Each
// test transcribes the LocalStack test of the same name (tests/aws/services/apigateway/*.py at
// localstack/localstack 8b9a79f0): the same calls, in the same order, matched under the same keys.
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  type PatchOperation,
  UpdateResourceCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import {answer} from './answer.js'
import {shortUid, sortedBy, useConformanceSandbox} from './context.js'
import {type Answer, answerTo, restApiFixtures} from './control-plane-support.js'
import {type Deviation, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = [
  {
    test: 'test_apigateway_api.py::TestApiGatewayApiRestApi::test_get_api_case_insensitive',
    key: 'create-rest-api',
    path: '.endpointConfiguration.ipAddressType',
    reason:
      'recorded in April 2024, before AWS answered with ipAddressType; every REST API recorded since July 2025 has it ' +
      '(test_create_rest_api_verify_defaults: "ipv4" for an EDGE API created without one)',
  },
]

const context = useConformanceSandbox()
const {apigwCreateRestApi} = restApiFixtures(context)
const {replay, done} = conformance('control-plane.test.ts', DEVIATIONS)
const send = answerTo(context)
const updateRestApi = (restApiId: string, patchOperations: PatchOperation[]) => send(new UpdateRestApiCommand({restApiId, patchOperations}))
const byPath = (resources: Answer) => sortedBy(resources, 'items', (item) => item.path)

describe('TestApiGatewayApiRestApi', () => {
  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_list_and_delete_apis', async (snapshot) => {
    const first = await apigwCreateRestApi({name: `test-list-and-delete-apis-${shortUid()}`, description: 'this is my api'})
    snapshot.match('create-rest-api-1', first)
    snapshot.match('create-rest-api-2', await apigwCreateRestApi({name: `test-list-and-delete-apis-${shortUid()}`, description: 'this is my api2'}))
    // response["items"].sort(key=itemgetter("createdDate")): the dates as AWS gave them, before they read "datetime".
    const byCreation = context.client.send(new GetRestApisCommand({})).then((listed) => ({
      ...listed,
      items: [...(listed.items ?? [])].sort((a, b) => a.createdDate!.getTime() - b.createdDate!.getTime()),
    }))
    snapshot.match('get-rest-api-before-delete', await answer(byCreation))
    snapshot.match('delete-rest-api', await send(new DeleteRestApiCommand({restApiId: first.id})))
    snapshot.match('get-rest-api-after-delete', await send(new GetRestApisCommand({})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_get_api_case_insensitive', async (snapshot) => {
    const created = await apigwCreateRestApi({name: `test-case-sensitive-apis-${shortUid()}`, description: 'lower case api'})
    snapshot.match('create-rest-api', created)
    snapshot.match('get-api-upper-case', await send(new GetRestApiCommand({restApiId: created.id.toUpperCase()})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_create_rest_api_with_optional_params', async (snapshot) => {
    snapshot.match('create-only-name', await apigwCreateRestApi({name: `test-api-${shortUid()}`}))
    snapshot.match('create-empty-desc', await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: ''}))
    snapshot.match('create-with-version', await apigwCreateRestApi({name: `test-api-${shortUid()}`, version: 'v1'}))
    snapshot.match('create-with-empty-binary-media', await apigwCreateRestApi({name: `test-api-${shortUid()}`, binaryMediaTypes: []}))
    snapshot.match('string-compression-size', await apigwCreateRestApi({name: `test-api-${shortUid()}`, minimumCompressionSize: -1}))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_create_rest_api_with_binary_media_types', async (snapshot) => {
    snapshot.match('create-with-binary-media', await apigwCreateRestApi({name: `test-api-${shortUid()}`, binaryMediaTypes: ['image/png']}))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_create_rest_api_with_tags', async (snapshot) => {
    const created = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'this is my api', tags: {MY_TAG1: 'MY_VALUE1'}})
    snapshot.match('create-rest-api-w-tags', created)
    const got = await send(new GetRestApiCommand({restApiId: created.id}))
    snapshot.match('get-rest-api-w-tags', got)
    expect(got.tags).toEqual({MY_TAG1: 'MY_VALUE1'})
    snapshot.match('get-rest-apis-w-tags', await send(new GetRestApisCommand({})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_update_rest_api_operation_add_remove', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'this is my api'})
    const added = await updateRestApi(id, [
      {op: 'add', path: '/binaryMediaTypes/image~1png'},
      {op: 'add', path: '/binaryMediaTypes/image~1jpeg'},
    ])
    snapshot.match('update-rest-api-add', added)
    expect(added.binaryMediaTypes).toEqual(['image/png', 'image/jpeg'])
    expect(added.description).toBe('this is my api')
    const replaced = await updateRestApi(id, [{op: 'replace', path: '/binaryMediaTypes/image~1png', value: 'image/gif'}])
    snapshot.match('update-rest-api-replace', replaced)
    expect(replaced.binaryMediaTypes).toEqual(['image/jpeg', 'image/gif'])
    const removed = await updateRestApi(id, [
      {op: 'remove', path: '/binaryMediaTypes/image~1gif'},
      {op: 'remove', path: '/description'},
    ])
    snapshot.match('update-rest-api-remove', removed)
    expect(removed.binaryMediaTypes).toEqual(['image/jpeg'])
    expect(removed).not.toHaveProperty('description')
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_update_rest_api_compression', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'this is my api'})
    const readable = async () => expect((await send(new GetRestApiCommand({restApiId: id}))).ResponseMetadata.HTTPStatusCode).toBe(200)
    snapshot.match('enable-compression', await updateRestApi(id, [{op: 'replace', path: '/minimumCompressionSize', value: '10'}]))
    await readable()
    snapshot.match('disable-compression', await updateRestApi(id, [{op: 'replace', path: '/minimumCompressionSize', value: ''}]))
    await readable()
    snapshot.match('set-compression-zero', await updateRestApi(id, [{op: 'replace', path: '/minimumCompressionSize', value: '0'}]))
    await readable()
    snapshot.match('set-negative-compression', await updateRestApi(id, [{op: 'replace', path: '/minimumCompressionSize', value: '-1'}]))
    snapshot.match('set-string-compression', await updateRestApi(id, [{op: 'replace', path: '/minimumCompressionSize', value: 'test'}]))
    snapshot.match('unsupported-operation', await updateRestApi(id, [{op: 'add', path: '/minimumCompressionSize', value: '10'}]))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_update_rest_api_behaviour', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'this is my api'})
    const array = await updateRestApi(id, [{op: 'add', path: '/binaryMediaTypes/-', value: 'image/png'}])
    snapshot.match('update-rest-api-array', array)
    expect(array.binaryMediaTypes).toEqual(['-'])
    snapshot.match('update-rest-api-add-base-path', await updateRestApi(id, [{op: 'add', path: '/binaryMediaTypes', value: 'image/gif'}]))
    snapshot.match('update-rest-api-replace-base-path', await updateRestApi(id, [{op: 'replace', path: '/binaryMediaTypes', value: 'image/gif'}]))
    snapshot.match('update-rest-api-remove-base-path', await updateRestApi(id, [{op: 'remove', path: '/binaryMediaTypes'}]))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_update_rest_api_invalid_api_id', async (snapshot) => {
    const failed = await updateRestApi('api_id', [{op: 'replace', path: '/apiKeySource', value: 'AUTHORIZER'}])
    snapshot.match('not-found-update-rest-api', failed)
    expect(failed.Error?.Code).toBe('NotFoundException')
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_update_rest_api_concatenation_of_errors', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`})
    const wrong = (path: string, value: string) => ({op: 'wrong' as never, path, value})
    snapshot.match(
      'update-rest-api-wrong-operations-on-ipAddressType',
      await updateRestApi(id, [wrong('/endpointConfiguration/ipAddressType', 'dualstack'), wrong('/endpointConfiguration/ipAddressType', 'dualstack')]),
    )
    snapshot.match(
      'update-rest-api-wrong-operations-on-type',
      await updateRestApi(id, [wrong('/endpointConfiguration/types/0', 'EDGE'), wrong('/endpointConfiguration/types/0', 'EDGE')]),
    )
    snapshot.match(
      'update-rest-api-wrong-operations-on-type-and-on-ip-address-type',
      await updateRestApi(id, [
        wrong('/endpointConfiguration/ipAddressType', 'dualstack'),
        wrong('/endpointConfiguration/types/0', 'EDGE'),
        wrong('/binaryMediaTypes', 'image/gif'),
      ]),
    )
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_update_rest_api_ip_address_type', async (snapshot) => {
    const {id} = await apigwCreateRestApi({name: `test-api-${shortUid()}`})
    snapshot.match(
      'update-rest-api-replace-type',
      await updateRestApi(id, [
        {op: 'replace', path: '/endpointConfiguration/types/0', value: 'EDGE'},
        {op: 'replace', path: '/endpointConfiguration/types/0', value: 'REGIONAL'},
        {op: 'replace', path: '/endpointConfiguration/types/0', value: 'PRIVATE'},
      ]),
    )
    snapshot.match('update-rest-api-replace-to-ipv4-within-private-type', await updateRestApi(id, [{op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'ipv4'}]))
    snapshot.match('update-rest-api-wrong-ipAddressType', await updateRestApi(id, [{op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'wrong'}]))
    snapshot.match('update-rest-api-wrong-type', await updateRestApi(id, [{op: 'replace', path: '/endpointConfiguration/types/0', value: 'wrong'}]))
    snapshot.match(
      'update-rest-api-invalid-operation-on-ipAddressType',
      await updateRestApi(id, [{op: 'remove', path: '/endpointConfiguration/ipAddressType', value: 'dualstack'}]),
    )
    snapshot.match('update-rest-api-invalid-operation-on-type', await updateRestApi(id, [{op: 'remove', path: '/endpointConfiguration/types/0', value: 'EDGE'}]))
    snapshot.match(
      'update-rest-api-replace-ip-address-type',
      await updateRestApi(id, [{op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'dualstack'}]),
    )
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_create_rest_api_with_endpoint_configuration', async (snapshot) => {
    const create = (input: Record<string, unknown>) => apigwCreateRestApi({name: `test-api-${shortUid()}`, ...input})
    snapshot.match('create-with-empty-types', await create({endpointConfiguration: {types: []}}))
    snapshot.match('create-with-invalid-ip-address-type', await create({endpointConfiguration: {ipAddressType: 'wrong', types: ['EDGE']}}))
    snapshot.match('create-with-invalid-types', await create({endpointConfiguration: {ipAddressType: 'ipv4', types: ['wrong']}}))
    snapshot.match('create-with-invalid-ip-address-type-and-types', await create({endpointConfiguration: {ipAddressType: 'wrong', types: ['wrong']}}))
    snapshot.match('create-with-invalid-types-and-ip-address-type', await create({endpointConfiguration: {types: ['wrong'], ipAddressType: 'wrong'}}))
    snapshot.match(
      'create-with-multiple-errors-1',
      await create({description: '', minimumCompressionSize: -1, endpointConfiguration: {ipAddressType: 'wrong', types: ['wrong']}}),
    )
    snapshot.match(
      'create-with-multiple-errors-2',
      await create({description: '', minimumCompressionSize: -1, endpointConfiguration: {ipAddressType: 'ipv4', types: ['EDGE']}}),
    )
    snapshot.match('create-with-two-types', await create({endpointConfiguration: {types: ['EDGE', 'REGIONAL']}}))
    snapshot.match('create-with-endpoint-config-dualstack', await create({endpointConfiguration: {ipAddressType: 'dualstack', types: ['EDGE']}}))
    snapshot.match('create-with-endpoint-config-regional', await create({endpointConfiguration: {ipAddressType: 'ipv4', types: ['REGIONAL']}}))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_create_rest_api_private_type', async (snapshot) => {
    const create = (input: Record<string, unknown>) => apigwCreateRestApi({name: `test-api-${shortUid()}`, ...input})
    snapshot.match('create-with-private-type-and-ipv4-ip-address-type', await create({endpointConfiguration: {ipAddressType: 'ipv4', types: ['PRIVATE']}}))
    snapshot.match('create-with-private-type-and-wrong-ip-address-type', await create({endpointConfiguration: {ipAddressType: 'wrong', types: ['PRIVATE']}}))
    snapshot.match(
      'create-with-private-type-and-ipv4-ip-address-type-and-empty-description',
      await create({description: '', endpointConfiguration: {ipAddressType: 'ipv4', types: ['PRIVATE']}}),
    )
  })

  replay('test_apigateway_api.py::TestApiGatewayApiRestApi::test_create_rest_api_verify_defaults', async (snapshot) => {
    const create = (input: Record<string, unknown>) => apigwCreateRestApi({name: `test-api-${shortUid()}`, ...input})
    const edge = await create({endpointConfiguration: {types: ['EDGE']}})
    snapshot.match('create-with-edge-default', edge)
    expect(edge.endpointConfiguration.ipAddressType).toBe('ipv4')
    const regional = await create({endpointConfiguration: {types: ['REGIONAL']}})
    snapshot.match('create-with-regional-default', regional)
    expect(regional.endpointConfiguration.ipAddressType).toBe('ipv4')
    const privateApi = await create({endpointConfiguration: {types: ['PRIVATE']}})
    snapshot.match('create-with-private-default', privateApi)
    expect(privateApi.endpointConfiguration.ipAddressType).toBe('dualstack')
    const unconfigured = await create({})
    snapshot.match('create-with-empty-default', unconfigured)
    expect(unconfigured.endpointConfiguration).toEqual({types: ['EDGE'], ipAddressType: 'ipv4'})
    snapshot.match('create-with-empty-ip-address-type-and-wrong-type', await create({description: '', endpointConfiguration: {types: ['wrong']}}))
  })
})

describe('TestApiGatewayApiResource', () => {
  const createResource = (restApiId: string, parentId: string, pathPart: string) => send(new CreateResourceCommand({restApiId, parentId, pathPart}))
  const updateResource = (restApiId: string, resourceId: string, patchOperations: PatchOperation[]) =>
    send(new UpdateResourceCommand({restApiId, resourceId, patchOperations}))
  const getResources = async (restApiId: string) => byPath(await send(new GetResourcesCommand({restApiId})))
  const deleteResource = (restApiId: string, resourceId: string) => send(new DeleteResourceCommand({restApiId, resourceId}))

  replay('test_apigateway_api.py::TestApiGatewayApiResource::test_resource_lifecycle', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource lifecycle'})
    const root = await getResources(apiId)
    snapshot.match('rest-api-root-resource', root)
    const rootId = root.items[0].id
    const pets = await createResource(apiId, rootId, 'pets')
    snapshot.match('create-resource', pets)
    snapshot.match('rest-api-resources-after-create', await getResources(apiId))
    snapshot.match('create-subresource', await createResource(apiId, pets.id, 'subpets'))
    snapshot.match('rest-api-resources-after-create-sub', await getResources(apiId))
    snapshot.match('update-path-part', await updateResource(apiId, pets.id, [{op: 'replace', path: '/pathPart', value: 'dogs'}]))
    snapshot.match('get-resp-after-update-path-part', await send(new GetResourceCommand({restApiId: apiId, resourceId: pets.id})))
    snapshot.match('del-resource', await deleteResource(apiId, pets.id))
    snapshot.match('rest-api-resources-after-delete', await getResources(apiId))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiResource::test_update_resource_behaviour', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource behaviour'})
    const rootId = (await getResources(apiId)).items[0].id
    const pets = await createResource(apiId, rootId, 'pets')
    snapshot.match('nonexistent-resource', await updateResource(apiId, 'fake-resource', [{op: 'replace', path: '/pathPart', value: 'dogs'}]))
    snapshot.match('invalid-path-part', await updateResource(apiId, pets.id, [{op: 'replace', path: '/invalid', value: 'dogs'}]))
    snapshot.match('invalid-parent-id', await updateResource(apiId, pets.id, [{op: 'replace', path: '/parentId', value: 'fake-parent-id'}]))
    const subpets = await createResource(apiId, pets.id, 'subpets')
    snapshot.match('create-subresource', subpets)
    const subpetsChild = await createResource(apiId, subpets.id, 'pets')
    snapshot.match('create-subresource-child', subpetsChild)
    snapshot.match('existing-future-sibling-path', await updateResource(apiId, subpetsChild.id, [{op: 'replace', path: '/parentId', value: rootId}]))
    await context.client.send(new DeleteResourceCommand({restApiId: apiId, resourceId: subpetsChild.id}))
    snapshot.match('update-parent-id-to-subresource-id', await updateResource(apiId, pets.id, [{op: 'replace', path: '/parentId', value: subpets.id}]))
    snapshot.match('update-parent-id-to-root-id', await updateResource(apiId, subpets.id, [{op: 'replace', path: '/parentId', value: rootId}]))
    snapshot.match('update-path-already-exists', await updateResource(apiId, subpets.id, [{op: 'replace', path: '/pathPart', value: 'pets'}]))
    await context.client.send(new DeleteResourceCommand({restApiId: apiId, resourceId: pets.id}))
    snapshot.match('resources-after-deletion', await getResources(apiId))
    snapshot.match('remove-unsupported', await updateResource(apiId, subpets.id, [{op: 'remove', path: '/pathPart'}]))
    snapshot.match('add-unsupported', await updateResource(apiId, subpets.id, [{op: 'add', path: '/pathPart', value: 'added-pets'}]))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiResource::test_update_resource_on_root', async (snapshot) => {
    const {id: apiId, rootResourceId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource behaviour'})
    snapshot.match('update-root-path-part', await updateResource(apiId, rootResourceId, [{op: 'replace', path: '/pathPart', value: 'dogs'}]))
    snapshot.match('update-root-parent', await updateResource(apiId, rootResourceId, [{op: 'replace', path: '/parentId', value: rootResourceId}]))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiResource::test_delete_resource', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource behaviour'})
    const rootId = (await send(new GetResourcesCommand({restApiId: apiId}))).items[0].id
    const pets = await createResource(apiId, rootId, 'pets')
    const subpets = await createResource(apiId, pets.id, 'subpets')
    snapshot.match('delete-resource', await deleteResource(apiId, pets.id))
    snapshot.match('get-resources', await send(new GetResourcesCommand({restApiId: apiId})))
    snapshot.match('delete-subresource', await deleteResource(apiId, subpets.id))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiResource::test_create_resource_parent_invalid', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource parent'})
    snapshot.match('wrong-resource-parent-id', await createResource(apiId, 'fake-resource-id', 'subpets'))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiResource::test_create_proxy_resource', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource proxy'})
    const rootId = (await getResources(apiId)).items[0].id
    snapshot.match('create-base-proxy-resource', await createResource(apiId, rootId, '{proxy+}'))
    const parentId = (await createResource(apiId, rootId, 'parent')).id
    snapshot.match('create-proxy-sibling-resource', parentId)
    const parentProxy = await createResource(apiId, parentId, '{proxy+}')
    snapshot.match('create-proxy-sibling-proxy-child-resource', parentProxy)
    const staticChild = await createResource(apiId, parentId, 'child')
    snapshot.match('create-proxy-sibling-static-child-resource', staticChild)
    snapshot.match('create-static-child-proxy-resource', await createResource(apiId, staticChild.id, '{proxy+}'))
    snapshot.match('all-resources', await getResources(apiId))
    await context.client.send(new DeleteResourceCommand({restApiId: apiId, resourceId: parentProxy.id}))
    const dynamicChild = await createResource(apiId, parentId, '{child}')
    snapshot.match('create-proxy-sibling-dynamic-child-resource', dynamicChild)
    snapshot.match('create-dynamic-child-proxy-resource', await createResource(apiId, dynamicChild.id, '{proxy+}'))
    snapshot.match('all-resources-2', await getResources(apiId))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiResource::test_create_proxy_resource_validation', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'testing resource proxy'})
    const rootId = (await getResources(apiId)).items[0].id
    const baseProxy = await createResource(apiId, rootId, '{proxy+}')
    snapshot.match('create-base-proxy-resource', baseProxy)
    snapshot.match('create-proxy-dynamic-sibling-resource', await createResource(apiId, rootId, '{dynamic}'))
    snapshot.match('create-proxy-static-child-resource', await createResource(apiId, baseProxy.id, 'child'))
    snapshot.match('create-proxy-dynamic-child-resource', await createResource(apiId, baseProxy.id, '{child}'))
    const parent = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'parent'}))
    snapshot.match('create-greedy-child-resource', await createResource(apiId, parent.id!, '{child+}'))
  })
})

done()
