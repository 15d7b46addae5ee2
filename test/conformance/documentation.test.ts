// Documentation parts and versions against AWS's recorded answers: TestApiGatewayApiDocumentationPart in
// test_apigateway_api.py and TestDocumentations in test_apigateway_common.py (localstack/localstack
// 8b9a79f0), each test a transcription of the LocalStack test of the same name: the same calls, in the
// same order, matched under the same keys.
import {readFileSync} from 'node:fs'

import {
  CreateDocumentationPartCommand,
  CreateDocumentationVersionCommand,
  DeleteDocumentationPartCommand,
  GetDocumentationPartCommand,
  GetDocumentationPartsCommand,
  GetDocumentationVersionCommand,
  GetResourcesCommand,
  ImportDocumentationPartsCommand,
  ImportRestApiCommand,
  type PatchOperation,
  UpdateDocumentationPartCommand,
  UpdateDocumentationVersionCommand,
} from '@aws-sdk/client-api-gateway'

import {shortUid, useConformanceSandbox} from './context.js'
import {type Answer, answerTo, callerOf, restApiFixtures} from './control-plane-support.js'
import {type Deviation, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox()
const {apigwCreateRestApi, createRestApigw} = restApiFixtures(context)
const {replay, done} = conformance('documentation.test.ts', DEVIATIONS)
const send = answerTo(context)
const call = callerOf(context)

const bytes = (text: string) => new TextEncoder().encode(text)
const SAMPLE = '{ "description": "Sample API description" }'
const UPDATED = '{ "description": "Updated Sample API description" }'
const updatePart = (restApiId: string, documentationPartId: string, patchOperations: PatchOperation[]) =>
  send(new UpdateDocumentationPartCommand({restApiId, documentationPartId, patchOperations}))

/** The API every invalid-operation test starts from, with its one API part. */
async function apiWithPart(): Promise<{apiId: string; partId: string}> {
  const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'this is my api'})
  const part = await call(new CreateDocumentationPartCommand({restApiId: apiId, location: {type: 'API'}, properties: SAMPLE}))
  return {apiId, partId: part.id}
}

describe('TestApiGatewayApiDocumentationPart', () => {
  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_doc_parts_crud_no_api', async (snapshot) => {
    snapshot.match(
      'wrong-rest-api-id-create-doc-part',
      await send(
        new CreateDocumentationPartCommand({
          restApiId: 'test-fake-rest-id',
          location: {type: 'API'},
          properties: '{\n\t"info": {\n\t\t"description" : "Your first API with Amazon API Gateway."\n\t}\n}',
        }),
      ),
    )
    snapshot.match('wrong-rest-api-id-get-doc-parts', await send(new GetDocumentationPartsCommand({restApiId: 'test-fake-rest-id'})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_documentation_part_lifecycle', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'this is my api'})
    const createdPart = await send(new CreateDocumentationPartCommand({restApiId: apiId, location: {type: 'API'}, properties: '{ "description": "Sample API description" }'}))
    snapshot.match('create-documentation-part', createdPart)
    const partId = (createdPart as Answer).id as string
    snapshot.match('get-documentation-part', await send(new GetDocumentationPartCommand({restApiId: apiId, documentationPartId: partId})))
    snapshot.match('get-documentation-parts', await send(new GetDocumentationPartsCommand({restApiId: apiId})))
    snapshot.match('update-documentation-part', await updatePart(apiId, partId, [{op: 'replace', path: '/properties', value: UPDATED}]))
    snapshot.match('get-documentation-part-after-update', await send(new GetDocumentationPartCommand({restApiId: apiId, documentationPartId: partId})))
    snapshot.match('delete_documentation_part', await send(new DeleteDocumentationPartCommand({restApiId: apiId, documentationPartId: partId})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_invalid_get_documentation_part', async (snapshot) => {
    const {apiId, partId} = await apiWithPart()
    snapshot.match('get-documentation-part-invalid-api-id', await send(new GetDocumentationPartCommand({restApiId: 'api_id', documentationPartId: partId})))
    snapshot.match('get-documentation-part-invalid-doc-id', await send(new GetDocumentationPartCommand({restApiId: apiId, documentationPartId: 'documentation_part_id'})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_invalid_get_documentation_parts', async (snapshot) => {
    snapshot.match('get-inavlid-documentation-parts', await send(new GetDocumentationPartsCommand({restApiId: 'api_id'})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_invalid_update_documentation_part', async (snapshot) => {
    const {apiId, partId} = await apiWithPart()
    snapshot.match('update-documentation-part-invalid-api-id', await updatePart('api_id', partId, [{op: 'replace', path: '/properties', value: UPDATED}]))
    snapshot.match('update-documentation-part-invalid-add-operation', await updatePart(apiId, partId, [{op: 'add', path: '/properties', value: UPDATED}]))
    snapshot.match('update-documentation-part-invalid-path', await updatePart(apiId, partId, [{op: 'replace', path: '/invalidPath', value: UPDATED}]))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_invalid_create_documentation_part_operations', async (snapshot) => {
    const {id: apiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'this is my api'})
    snapshot.match(
      'create_documentation_part_invalid_api_id',
      await send(new CreateDocumentationPartCommand({restApiId: 'api_id', location: {type: 'API'}, properties: SAMPLE})),
    )
    snapshot.match(
      'create_documentation_part_invalid_location_type',
      await send(new CreateDocumentationPartCommand({restApiId: apiId, location: {type: 'INVALID' as never}, properties: SAMPLE})),
    )
  })

  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_invalid_delete_documentation_part', async (snapshot) => {
    const {apiId, partId} = await apiWithPart()
    snapshot.match('delete_documentation_part_wrong_api_id', await send(new DeleteDocumentationPartCommand({restApiId: 'api_id', documentationPartId: partId})))
    snapshot.match('delete_documentation_part', await send(new DeleteDocumentationPartCommand({restApiId: apiId, documentationPartId: partId})))
    snapshot.match('delete_already_deleted_documentation_part', await send(new DeleteDocumentationPartCommand({restApiId: apiId, documentationPartId: partId})))
  })

  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_import_documentation_parts', async (snapshot) => {
    const spec = readFileSync(new URL('../../fixtures/localstack/files/oas30_documentation_parts.json', import.meta.url), 'utf8')
    // import_apigw(body=spec_file, failOnWarnings=True): the import, then GetResources for the root.
    const imported = await call(new ImportRestApiCommand({body: bytes(spec), failOnWarnings: true}))
    const restApiId = imported.id as string
    await call(new GetResourcesCommand({restApiId}))
    const afterApiImport = await send(new GetDocumentationPartsCommand({restApiId}))
    // The test asserts the properties are text (matching decodes JSON, in place).
    expect(typeof afterApiImport.items[0].properties).toBe('string')
    snapshot.match('get-documentations-parts-after-api-imports', afterApiImport)
    for (const item of afterApiImport.items as Array<{id: string}>) {
      const deleted = await send(new DeleteDocumentationPartCommand({restApiId, documentationPartId: item.id}))
      expect(deleted.ResponseMetadata.HTTPStatusCode).toBe(202)
    }
    expect((await send(new GetDocumentationPartsCommand({restApiId}))).items).toHaveLength(0)
    snapshot.match('import-documentation-parts', await send(new ImportDocumentationPartsCommand({restApiId, mode: 'overwrite', body: bytes(spec)})))
    const afterImport = await send(new GetDocumentationPartsCommand({restApiId}))
    expect(typeof afterImport.items[0].properties).toBe('string')
    snapshot.match('get-documentations-parts-after-import', afterImport)
  })

  replay('test_apigateway_api.py::TestApiGatewayApiDocumentationPart::test_import_documentation_parts_bad_file', async (snapshot) => {
    const {id: restApiId} = await apigwCreateRestApi({name: `test-api-${shortUid()}`, description: 'APIGW test import documentation'})
    // Python's \" in the test's (non-raw) string is a plain quote.
    const badYaml = 'test:\n    value:\n        - "value ... "escaped": $var, "dt": $(var +"%a")}"\n        '
    snapshot.match('import-documentation-parts-bad-yaml-file', await send(new ImportDocumentationPartsCommand({restApiId, mode: 'overwrite', body: bytes(badYaml)})))
    snapshot.match('import-documentation-parts-bad-json-file', await send(new ImportDocumentationPartsCommand({restApiId, mode: 'overwrite', body: bytes("{'key:value}")})))
  })
})

describe('TestDocumentations', () => {
  replay('test_apigateway_common.py::TestDocumentations::test_documentation_parts_and_versions', async (snapshot) => {
    const {apiId} = await createRestApigw()
    snapshot.match('create-part-response', await send(new CreateDocumentationPartCommand({restApiId: apiId, location: {type: 'API'}, properties: JSON.stringify({foo: 'bar'})})))
    snapshot.match('get-parts-response', await send(new GetDocumentationPartsCommand({restApiId: apiId})))
    snapshot.match('create-version-response', await send(new CreateDocumentationVersionCommand({restApiId: apiId, documentationVersion: 'v123'})))
    snapshot.match(
      'update-version-response',
      await send(new UpdateDocumentationVersionCommand({restApiId: apiId, documentationVersion: 'v123', patchOperations: [{op: 'replace', path: '/description', value: 'doc version new'}]})),
    )
    snapshot.match('get-version-response', await send(new GetDocumentationVersionCommand({restApiId: apiId, documentationVersion: 'v123'})))
  })

  done()
})

