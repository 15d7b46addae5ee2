// The README's AWS CLI examples, run as a person on a fresh machine would paste them: no AWS config or
// credentials file, no AWS_* variables but those the README itself sets, against a sandbox serving the
// sample image API (the README's id and port replaced by the sandbox's).
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {GetRestApiCommand, ImportRestApiCommand} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {awsCliVersion} from '../helpers/external/aws-cli.js'
import {sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const run = promisify(execFile)
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const README_ENDPOINT = 'http://127.0.0.1:4580'
const README_API_ID = 'k3q9z1x7ab'

/** The shell blocks of the README that run the AWS CLI. */
function awsCliBlocks(): string[] {
  return [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => /^aws /m.test(block))
}

const cli = await awsCliVersion()
const describeWithCli = 'version' in cli ? describe : describe.skip
if ('missing' in cli) console.warn(`README AWS CLI examples skipped: ${cli.missing}`)

describeWithCli('the README AWS CLI examples, on a fresh machine', () => {
  let sandbox: Sandbox
  let home: string

  beforeAll(async () => {
    sandbox = await startTestSandbox()
    home = mkdtempSync(join(tmpdir(), 'apigw-binfix-fresh-home-'))
  })

  afterAll(async () => {
    await sandbox.close()
    rmSync(home, {recursive: true, force: true})
  })

  it('there are some, and each block runs to the end', async () => {
    const blocks = awsCliBlocks()
    expect(blocks.length).toBeGreaterThan(0)
    const client = sdkClient(sandbox.url)
    try {
      for (const block of blocks) {
        const body = readFileSync(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))
        const id = (await client.send(new ImportRestApiCommand({body}))).id!
        const script = block.replaceAll(README_ENDPOINT, sandbox.url).replaceAll(README_API_ID, id)
        // A fresh machine: the caller's AWS settings and files are not there; loopback is not proxied.
        const env: NodeJS.ProcessEnv = {PATH: process.env.PATH, HOME: home, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', AWS_PAGER: ''}
        const result = await run('sh', ['-e', '-c', script], {env, timeout: 60_000}).catch((error: Error & {stderr?: string}) => ({stdout: '', stderr: `${error.message}\n${error.stderr ?? ''}`, failed: true}))
        expect({block, failed: 'failed' in result, stderr: result.stderr}).toEqual({block, failed: false, stderr: ''})
        if (block.includes('update-rest-api')) {
          expect((await client.send(new GetRestApiCommand({restApiId: id}))).binaryMediaTypes).toContain('image/png')
        }
      }
    } finally {
      client.destroy()
    }
  }, 120_000)
})
