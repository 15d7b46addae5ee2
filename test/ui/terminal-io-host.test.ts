// The terminal's IoHost: where each kind of message goes (tasks and notes on stderr, the plan on stdout,
// warnings to the warning line; under --json neither results nor warnings), and that nothing is asked
// without a terminal. Questions through inquirer are exercised in test/services/init-service.test.ts.
import {Ansis} from 'ansis'

import {message, confirmation} from '../../src/services/io-host.js'
import {step} from '../../src/services/tasks.js'
import {renderPlan} from '../../src/ui/plan-view.js'
import {terminalIoHost} from '../../src/ui/terminal-io-host.js'
import {samplePlan} from '../helpers/sample-plan.js'

function collector(): NodeJS.WritableStream & {text: () => string} {
  let written = ''
  return {write: (chunk: string) => ((written += chunk), true), text: () => written} as unknown as NodeJS.WritableStream & {text: () => string}
}

const savedNoColor = process.env.NO_COLOR
beforeAll(() => (process.env.NO_COLOR = '1'))
afterAll(() => (savedNoColor === undefined ? delete process.env.NO_COLOR : (process.env.NO_COLOR = savedNoColor)))

async function host(options: {json?: boolean; interactive?: boolean} = {}) {
  const stdout = collector()
  const stderr = collector()
  const warnings: string[] = []
  const io = await terminalIoHost({json: options.json ?? false, interactive: options.interactive ?? false, reach: {region: 'eu-west-1'}, warn: (text) => warnings.push(text), stdout, stderr})
  return {io, stdout, stderr, warnings}
}

it('tasks and notes go to stderr as plain lines off a terminal', async () => {
  const {io, stdout, stderr} = await host()
  expect(await step(io, 'Reading the API', async () => 'a1b2c3d4e5', (id) => id)).toBe('a1b2c3d4e5')
  await io.notify(message('info', 'write.answer-lost', 'CreateDeployment: the answer was lost; reading the stage to see whether it was deployed', {operation: 'CreateDeployment'}))
  await expect(step(io, 'CreateDeployment v1', async () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled')
  expect(stderr.text()).toBe('done  Reading the API (a1b2c3d4e5)\nnote  CreateDeployment: the answer was lost; reading the stage to see whether it was deployed\nFAIL  CreateDeployment v1: throttled\n')
  expect(stdout.text()).toBe('')
})

it("the plan goes to stdout, drawn by the plan view with the run's reach, then a blank line", async () => {
  const {io, stdout, stderr} = await host()
  const plan = samplePlan()
  await io.notify(message('result', 'apply.plan', 'The plan', {plan, requests: []}))
  expect(stdout.text()).toBe(`${renderPlan(plan, [], new Ansis(0), {region: 'eu-west-1'})}\n\n`)
  expect(stdout.text()).toContain('Nothing to change')
  expect(stderr.text()).toBe('')
})

it('a warning goes to the warning line', async () => {
  const {io, stdout, stderr, warnings} = await host()
  await io.notify(message('warn', 'init.left-out', 'left out live binary media type "image~1png"', {entry: 'image~1png', reason: 'escaped-slash'}))
  expect(warnings).toEqual(['left out live binary media type "image~1png"'])
  expect(stdout.text() + stderr.text()).toBe('')
})

it('under --json: no plan and no warning (stdout carries the one document), tasks still on stderr', async () => {
  const {io, stdout, stderr, warnings} = await host({json: true})
  await io.notify(message('result', 'apply.plan', 'The plan', {plan: samplePlan(), requests: []}))
  await io.notify(message('warn', 'init.empty-spec', 'the spec would ask for nothing', {api: {id: 'a1b2c3d4e5', name: 'images'}}))
  await step(io, 'Re-reading', async () => undefined)
  expect(stdout.text()).toBe('')
  expect(warnings).toEqual([])
  expect(stderr.text()).toBe('done  Re-reading\n')
})

it('without a terminal nothing is asked: the answer is the one --yes stands for', async () => {
  const {io, stdout, stderr} = await host({interactive: false})
  expect(await io.requestResponse(confirmation('rollback.confirm', 'Point stage v1 back?', true))).toBe(true)
  expect(await io.requestResponse(confirmation('init.overwrite', 'binfix.yaml exists. Overwrite it?', false))).toBe(false)
  expect(stdout.text() + stderr.text()).toBe('')
})
