// lint's folder walk at scale and where it cannot read: many files with bounded memory, the folders it
// leaves (node_modules, .git, .terraform, .aws-sam, hidden ones but .serverless), a walk bound, and files
// and folders without read permission (run by the built CLI: `npm run build` first).
import {spawnSync} from 'node:child_process'
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {MAX_WALKED_FILES, lintPaths} from '../../src/services/lint-service.js'

const TEMPLATE = readFileSync(fileURLToPath(new URL('../../fixtures/lint/sam/cors-catch-all.yaml', import.meta.url)), 'utf8')
const BUILT_CLI = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lint-walk-'))
})
afterEach(() => {
  rmSync(dir, {recursive: true, force: true})
})

function smallFiles(folder: string, count: number): void {
  mkdirSync(folder, {recursive: true})
  for (let index = 0; index < count; index++) writeFileSync(join(folder, `data-${index}.json`), `{"id": ${index}}`)
}

describe("lint's folder walk", () => {
  it('lints a folder of 10,000 small files with bounded memory, leaving dependencies and tools state', async () => {
    for (let part = 0; part < 10; part++) smallFiles(join(dir, 'data', `part-${part}`), 1_000)
    writeFileSync(join(dir, 'template.yaml'), TEMPLATE)
    for (const left of ['node_modules/pkg', '.git/objects', '.terraform/modules', '.aws-sam/build', '.idea']) {
      mkdirSync(join(dir, left), {recursive: true})
      writeFileSync(join(dir, left, 'template.yaml'), TEMPLATE)
    }
    mkdirSync(join(dir, '.serverless'))
    writeFileSync(join(dir, '.serverless', 'template.yaml'), TEMPLATE)
    const before = process.memoryUsage().heapUsed
    const report = await lintPaths({paths: ['.'], cwd: dir})
    expect(report.files.map((entry) => entry.file)).toEqual(['.serverless/template.yaml', 'template.yaml'])
    expect(report.skipped).toEqual([])
    // The walk holds paths, not texts: 10,000 of them are a few MB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024)
  }, 120_000)

  it('refuses a walk past its bound (50,000 data files by default) in one line, asking for the folders to lint', async () => {
    expect(MAX_WALKED_FILES).toBe(50_000)
    // The bound's logic on a smaller one: 51,000 files would cost CI half a minute to write.
    for (let part = 0; part < 3; part++) smallFiles(join(dir, 'checkout', `part-${part}`), 1_000)
    await expect(lintPaths({paths: ['checkout'], cwd: dir, maxWalkedFiles: 2_999})).rejects.toThrow(/^checkout: more than 2999 JSON and YAML files under it; name the folders that hold the templates$/)
    await expect(lintPaths({paths: ['checkout'], cwd: dir, maxWalkedFiles: 3_000})).resolves.toMatchObject({files: []})
  }, 60_000)

  it('a file or folder without read permission: the named file refused in one line, the folder listed as skipped', () => {
    writeFileSync(join(dir, 'template.yaml'), TEMPLATE)
    writeFileSync(join(dir, 'secret.yaml'), TEMPLATE)
    mkdirSync(join(dir, 'locked'))
    writeFileSync(join(dir, 'locked', 'template.yaml'), TEMPLATE)
    chmodSync(join(dir, 'secret.yaml'), 0o000)
    chmodSync(join(dir, 'locked'), 0o000)
    chmodSync(dir, 0o755)
    // Root reads past permissions: the built CLI then runs as nobody, as a CI runner's user would.
    const asUser = process.getuid?.() === 0 ? {uid: 65_534, gid: 65_534} : {}
    const run = (...args: string[]) => spawnSync(process.execPath, [BUILT_CLI, 'lint', ...args], {cwd: dir, encoding: 'utf8', env: {PATH: process.env['PATH'] ?? '', HOME: dir, NO_COLOR: '1'}, timeout: 60_000, ...asUser})
    const named = run('secret.yaml')
    expect({status: named.status, stderr: named.stderr.trim()}).toEqual({status: 2, stderr: expect.stringMatching(/^(Error: )?secret\.yaml: cannot be read \(EACCES\)$/)})
    const folder = run('--json', '.')
    const report = JSON.parse(folder.stdout) as {skipped: Array<{file: string; reason: string}>; files: Array<{file: string}>}
    expect(report.skipped).toEqual([
      {file: 'locked', reason: 'folder cannot be read (EACCES)'},
      {file: 'secret.yaml', reason: 'cannot be read (EACCES)'},
    ])
    expect(report.files.map((entry) => entry.file)).toEqual(['template.yaml'])
  }, 120_000)
})
