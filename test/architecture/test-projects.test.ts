// Each test file is in the jest project (jest.config.js) that what it starts calls for: a program other than
// this project's sources on node → external; a sandbox, a stand-in server or the CLI from the sources →
// sandbox; neither → unit. What a file starts is read from its own text: the helpers and programs it names.
import {readFileSync, readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

type Project = 'unit' | 'sandbox' | 'external'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const {projectOf} = (await import(new URL('../../jest.config.js', import.meta.url).href)) as {projectOf: (file: string) => Project}

/** Names a test uses to start something outside this project's sources on node. */
const EXTERNAL_SIGNS = [
  /\b(awsCli|awsCliVersion|awsApigateway|awsApigatewayJson|awsCloudFormation|awsCloudFormationJson|startMoto|motoVersion|spawnInTerminal|terraformFmtCheck|cfnLint|samTranslate)\b/,
  /'(python3|fish|cfn-lint|script)'/,
  /bin\/run\.js|typescript\/bin\/tsc|scripts\/demo\.mjs/,
  // Any child process but node itself (a `node -e` for a pid is still a unit test's).
  /(?<![.\w])(spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*(?!process\.execPath\b)/,
]
/** Names a test uses to start a sandbox, a stand-in server, or the CLI from the sources. */
const SANDBOX_SIGNS = [
  /\b(startTestSandbox|startSandbox|sandboxWith|startBackend|thumbnailSandbox|imageSandbox|useAuditBench|useConformanceSandbox|startChildSandbox|createServer|spawnCli|runCli|runInProcess)\b/,
]

/** The project a test's text calls for. */
function projectCalledFor(text: string): Project {
  if (EXTERNAL_SIGNS.some((sign) => sign.test(text))) return 'external'
  if (SANDBOX_SIGNS.some((sign) => sign.test(text))) return 'sandbox'
  return 'unit'
}

const THIS_FILE = 'test/architecture/test-projects.test.ts'
const testFiles = (readdirSync(`${ROOT}test`, {recursive: true}) as string[])
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `test/${name}`)
  // This file names every sign in its patterns.
  .filter((file) => file !== THIS_FILE)
  .sort()

describe('jest projects', () => {
  it('hold every test file where what it starts calls for', () => {
    expect(testFiles.length).toBeGreaterThan(150)
    const misplaced = testFiles.flatMap((file) => {
      const wanted = projectCalledFor(readFileSync(`${ROOT}${file}`, 'utf8'))
      const placed = projectOf(file)
      return wanted === placed ? [] : [`${file}: in ${placed}, starts what ${wanted} runs`]
    })
    expect(misplaced).toEqual([])
  })

  it('can fail: a sandbox in a unit folder, a pty in a sandbox folder, a pure test among external ones', () => {
    expect(projectOf('test/core/made-up.test.ts')).toBe('unit')
    expect(projectCalledFor("const sandbox = await startTestSandbox()\n")).toBe('sandbox')
    expect(projectOf('test/e2e/made-up.test.ts')).toBe('sandbox')
    expect(projectCalledFor("const run = spawnInTerminal(['apply'], env)\n")).toBe('external')
    expect(projectOf('test/startup/made-up.test.ts')).toBe('external')
    expect(projectCalledFor("expect(awsCliCommand(call)).toBe('aws apigateway')\n")).toBe('unit')
    expect(projectCalledFor("spawn('/usr/bin/script', ['-qefc', command, '/dev/null'])\n")).toBe('external')
    expect(projectCalledFor("spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])\n")).toBe('unit')
    expect(projectCalledFor("const match = /Journal: (\\S+)/.exec(screen)\n")).toBe('unit')
  })
})
