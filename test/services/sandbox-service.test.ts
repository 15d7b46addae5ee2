import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {GetStageCommand} from '@aws-sdk/client-api-gateway'

import {UsageError} from '../../src/core/errors.js'
import {startSandbox} from '../../src/sandbox/server.js'
import {runSandbox} from '../../src/services/sandbox-service.js'
import {sdkClient} from '../helpers/sandbox.js'

const fixture = (name: string) => new URL(`../../fixtures/apis/${name}`, import.meta.url).pathname

describe('runSandbox', () => {
  let scratch: string
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'binfix-service-'))
  })
  afterEach(() => rmSync(scratch, {recursive: true, force: true}))

  it('saves --import and --deploy-stage to --state, so a restart without them serves the same APIs', async () => {
    const stateFile = join(scratch, 'state.json')
    const first = await runSandbox({port: 0, stateFile, imports: [fixture('image-api.oas30.json'), fixture('thumbnail-service.oas30.json')], deployStage: 'v1'})
    await first.sandbox.close()

    const restarted = await startSandbox({port: 0, stateFile})
    try {
      expect([...restarted.store.state.apis.keys()]).toEqual(first.restApis.map((api) => api.id))
      const stage = await sdkClient(restarted.url).send(new GetStageCommand({restApiId: first.restApis[0].id, stageName: 'v1'}))
      expect(stage.deploymentId).toBe(first.restApis[0].deploymentId)
    } finally {
      await restarted.close()
    }
  })

  it('refuses a bad file before importing any: nothing is served and nothing saved', async () => {
    const stateFile = join(scratch, 'state.json')
    const refused = runSandbox({port: 0, stateFile, imports: [fixture('image-api.oas30.json'), join(scratch, 'missing.json')]})
    await expect(refused).rejects.toBeInstanceOf(UsageError)
    await expect(refused).rejects.toThrow(`--import ${join(scratch, 'missing.json')}: no such file`)
    const restarted = await startSandbox({port: 0, stateFile})
    try {
      expect(restarted.store.state.apis.size).toBe(0)
    } finally {
      await restarted.close()
    }
  })
})
