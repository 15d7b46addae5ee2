// The fixture templates are templates CloudFormation (and SAM) accept: the preinstalled cfn-lint passes them
// with no error or warning. Skipped, visibly, on a machine without cfn-lint.
import {execFile} from 'node:child_process'
import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {PROJECT_ROOT} from '../../helpers/cli/child-cli.js'

const run = promisify(execFile)

async function cfnLintVersion(): Promise<{version: string} | {missing: string}> {
  try {
    const {stdout} = await run('cfn-lint', ['--version'], {timeout: 60_000})
    return {version: stdout.trim()}
  } catch (error) {
    return {missing: (error as Error).message.split('\n')[0]!}
  }
}

const lint = await cfnLintVersion()
const maybe = 'version' in lint ? describe : describe.skip
if ('missing' in lint) console.warn(`SKIPPED test/sandbox/cloudformation/cfn-lint.test.ts: cfn-lint is not available (${lint.missing})`)

const stacks = join(PROJECT_ROOT, 'fixtures/stacks')
// The templates: the compiled Serverless template and CloudFormation's REGIONAL example (JSON) and the SAM
// templates; not the stack declarations, nor SAM's own test templates in sam/ (translator inputs, without a Transform).
const templates = readdirSync(stacks)
  .filter((name) => name.endsWith('.json') || name.endsWith('.sam.yaml'))
  .sort()

maybe('cfn-lint on fixtures/stacks', () => {
  it('finds the four templates', () => {
    expect(templates).toEqual(['hello-world.sam.yaml', 'image-api.sam.yaml', 'regional-api.cfn.json', 'thumbnail-service.serverless.json'])
  })

  it('passes every template with exit 0 and no finding', async () => {
    console.info(`cfn-lint: ${'version' in lint ? lint.version : ''}`)
    const {stdout} = await run('cfn-lint', ['--format', 'json', ...templates.map((name) => join(stacks, name))], {timeout: 120_000})
    expect(JSON.parse(stdout)).toEqual([])
  }, 150_000)
})
