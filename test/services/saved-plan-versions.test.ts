// Saved plans are a published format: plans written by an earlier release (fixtures/plans/) are read by this
// one, the spec they record means what it meant, and a version this release does not know is named as such.
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {UsageError} from '../../src/core/errors.js'
import {desiredSpecOf, planSpecOf} from '../../src/core/plan-spec.js'
import {loadSpecFile} from '../../src/desired-spec/load-spec.js'
import {loadPlan} from '../../src/services/plan-file.js'

const PLANS = join(process.cwd(), 'fixtures', 'plans')
const VERSION_1 = 'image-api.version-1.plan.json'

let directory: string

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'binfix-plan-versions-'))
})

afterEach(() => {
  rmSync(directory, {recursive: true, force: true})
})

function writtenPlan(edit: (plan: Record<string, any>) => void): string {
  const plan = JSON.parse(readFileSync(join(PLANS, VERSION_1), 'utf8')) as Record<string, any>
  edit(plan)
  writeFileSync(join(directory, 'plan.json'), JSON.stringify(plan, null, 2))
  return 'plan.json'
}

describe('plans of format version 1, as released', () => {
  it('reads the plan written before the plan file had its own spec shape, unchanged', async () => {
    copyFileSync(join(PLANS, VERSION_1), join(directory, 'plan.json'))
    const loaded = await loadPlan('plan.json', directory)
    expect(loaded).toStrictEqual(JSON.parse(readFileSync(join(PLANS, VERSION_1), 'utf8')))
    expect(loaded.version).toBe(1)
  })

  it('records the spec as the loader reads it today: field for field, both ways', async () => {
    copyFileSync(join(PLANS, 'image-api.version-1.binfix.yaml'), join(directory, 'binfix.yaml'))
    const loaded = await loadPlan(VERSION_1, PLANS)
    const spec = await loadSpecFile('binfix.yaml', directory)
    // Every optional field of a spec is set in the fixture, so a field the shape forgot would show here.
    expect(spec.verifyAuth).toBeDefined()
    expect(spec.routes.some((rule) => rule.transferMode !== undefined)).toBe(true)
    expect(desiredSpecOf(loaded.spec!)).toStrictEqual(spec)
    // Written back, the recorded spec is the same JSON, key order included.
    expect(JSON.stringify(planSpecOf(spec))).toBe(JSON.stringify(loaded.spec))
  })

  it('reads a version 1 plan whose spec carries a field added later, and keeps it out of the spec apply judges with', async () => {
    const file = writtenPlan((plan) => {
      plan.spec.owner = 'platform-team'
      plan.spec.routes[0].note = 'added by a later release'
    })
    const loaded = await loadPlan(file, directory)
    const spec = desiredSpecOf(loaded.spec!)
    expect(spec).not.toHaveProperty('owner')
    expect(spec.routes[0]).not.toHaveProperty('note')
  })

  it('refuses a plan of a format version it does not know, naming the versions it reads', async () => {
    const file = writtenPlan((plan) => void (plan.version = 2))
    const error = await loadPlan(file, directory).catch((failure: unknown) => failure)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toBe('--plan plan.json: plan format version 2, which this apigw-binfix does not read (it reads version 1): make the plan again with this version')
  })

  it('refuses a version 1 plan whose recorded spec renamed a field', async () => {
    const file = writtenPlan((plan) => {
      plan.spec.mediaTypes = plan.spec.binaryMediaTypes
      delete plan.spec.binaryMediaTypes
    })
    const error = await loadPlan(file, directory).catch((failure: unknown) => failure)
    expect((error as Error).message).toMatch(/^--plan plan\.json: not an apigw-binfix plan at \/spec: must have required property 'binaryMediaTypes'$/)
  })
})
