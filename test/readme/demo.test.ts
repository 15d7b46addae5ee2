// The README's first command ends in `npm run demo`: audit → verify (fails, says why) → apply → verify
// (bytes intact) on the sample image API in a sandbox, then what to try next. It runs the build, as a
// user does (CI builds before testing; a checkout without dist/ skips it, visibly).
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const built = existsSync(`${root}dist/commands/index.js`)
if (!built) console.warn('demo test skipped: run `npm run build` first')

;(built ? it : it.skip)('npm run demo: exits 0 after audit 3, verify 3, apply 0, verify 0, and says what to try next', () => {
  const {NODE_OPTIONS: _jestOnly, ...env} = process.env
  const run = spawnSync(process.execPath, ['scripts/demo.mjs'], {cwd: root, env: {...env, NO_COLOR: '1'}, encoding: 'utf8', timeout: 120_000})
  expect({status: run.status, stderr: run.stderr}).toEqual({status: 0, stderr: expect.not.stringContaining('demo: expected')})
  expect(run.stdout).toContain('(exit 3: 3 means findings; audit only reads)')
  expect(run.stdout).toContain('(exit 0: 0 means every request kept its bytes)')
  expect(run.stdout).toContain('What to try next, by hand:')
}, 150_000)
