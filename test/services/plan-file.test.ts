// Saved plans: what `plan --out` writes, `apply --plan` reads back unchanged; anything else is refused
// with one line naming the file, exit 2, before any call to AWS.
import {mkdtempSync, readFileSync, readdirSync, statSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {UsageError} from '../../src/core/errors.js'
import {ExitCode} from '../../src/core/exit-codes.js'
import type {Plan} from '../../src/core/plan.js'
import {loadPlan, savePlan} from '../../src/services/plan-file.js'
import {SAMPLE_API, samplePlan} from '../helpers/sample-plan.js'

const API = SAMPLE_API
const makePlan = samplePlan

let directory: string

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'binfix-plan-'))
})

afterEach(() => {
  rmSync(directory, {recursive: true, force: true})
})

async function refusal(file: string): Promise<string> {
  const error = await loadPlan(file, directory).then(
    () => undefined,
    (failure: unknown) => failure,
  )
  expect(error).toBeInstanceOf(UsageError)
  expect((error as UsageError).oclif.exit).toBe(ExitCode.usage)
  const {message} = error as UsageError
  expect(message).not.toContain('\n')
  expect(message.startsWith(`--plan ${file}: `)).toBe(true)
  return message
}

/** Saves `edit` applied to a fresh plan as plan.json, the way someone editing the file by hand would. */
function editedPlan(edit: (plan: Record<string, any>) => unknown): string {
  const plan = JSON.parse(JSON.stringify(makePlan())) as Record<string, any>
  const result = edit(plan)
  writeFileSync(join(directory, 'plan.json'), JSON.stringify(result === undefined ? plan : result, null, 2))
  return 'plan.json'
}

describe('saving and loading a plan', () => {
  it('reads back exactly the plan it saved', async () => {
    const plan = makePlan()
    expect(plan.changes.length).toBeGreaterThanOrEqual(4)
    expect(plan.redeployDue).toBe(true)
    await savePlan(join(directory, 'plan.json'), plan, 'plan.json', {replace: false})
    expect(readdirSync(directory)).toEqual(['plan.json'])
    // It describes infrastructure: readable by its owner only.
    expect(statSync(join(directory, 'plan.json')).mode & 0o777).toBe(0o600)
    const loaded = await loadPlan('plan.json', directory)
    expect(loaded).toEqual(plan)
    // Nothing is lost to JSON: no undefined fields, no Dates.
    expect(loaded).toStrictEqual(JSON.parse(JSON.stringify(plan)))
    expect(readFileSync(join(directory, 'plan.json'), 'utf8').endsWith('}\n')).toBe(true)
  })

  it('reads a plan without stage, region or spec', async () => {
    const plan: Plan = {...makePlan(), stage: null, region: null, deploymentId: null, spec: null, redeployDue: false}
    await savePlan(join(directory, 'bare.json'), plan, 'bare.json', {replace: false})
    await expect(loadPlan(join(directory, 'bare.json'), '/')).resolves.toEqual(plan)
  })

  it('never replaces an existing file unless told to', async () => {
    const path = join(directory, 'kept.json')
    writeFileSync(path, 'keep me')
    await expect(savePlan(path, makePlan(), 'kept.json', {replace: false})).rejects.toThrow('--out kept.json: the file exists; pass --force to replace it')
    expect(readFileSync(path, 'utf8')).toBe('keep me')
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([])
    await savePlan(path, makePlan(), 'kept.json', {replace: true})
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({format: 'apigw-binfix-plan'})
  })

  it('refuses a file that does not exist', async () => {
    expect(await refusal('missing.json')).toBe('--plan missing.json: no such file')
  })

  it('refuses a directory', async () => {
    expect(await refusal('.')).toMatch(/^--plan \.: cannot read \(EISDIR\)$/)
  })

  it('refuses truncated JSON', async () => {
    const text = `${JSON.stringify(makePlan(), null, 2)}\n`
    writeFileSync(join(directory, 'cut.json'), text.slice(0, text.length / 2))
    expect(await refusal('cut.json')).toBe('--plan cut.json: not a plan: the JSON ends too early')
  })

  it('says where corrupted JSON goes wrong, without quoting the file', async () => {
    const secretish = 'AKIA-not-to-be-echoed'
    const cases: Array<[string, string]> = [
      [`{\n  "format": "apigw-binfix-plan",\n  "note": ${secretish}\n}\n`, "unexpected 'A'"],
      [`{\n  "format" "apigw-binfix-plan"\n}\n`, "expected ':' after property name at line 2, column 12"],
      [`{"format": "apigw-binfix-plan"}}\n`, 'unexpected non-whitespace character after JSON at line 1, column 32'],
    ]
    for (const [index, [text, where]] of cases.entries()) {
      writeFileSync(join(directory, `bad${index}.json`), text)
      const message = await refusal(`bad${index}.json`)
      expect(message).toBe(`--plan bad${index}.json: not a plan: the JSON is corrupted (${where})`)
      expect(message).not.toContain('apigw-binfix-plan')
    }
  })

  it.each<[string, (plan: Record<string, any>) => unknown, RegExp]>([
    ['a JSON array', () => [], /not an apigw-binfix plan: must be object/],
    ['JSON null', () => null, /not an apigw-binfix plan: must be object/],
    ['a plan without its changes', (plan) => void delete plan.changes, /must have required property 'changes'/],
    ['a plan without its fingerprint', (plan) => void delete plan.fingerprint, /must have required property 'fingerprint'/],
    ['another format', (plan) => void (plan.format = 'apigw-binfix-journal'), /at \/format: must be equal to constant/],
    ['a version this release does not read', (plan) => void (plan.version = 2), /: plan format version 2, which this apigw-binfix does not read \(it reads version 1\)/],
    ['a version that is not a number', (plan) => void (plan.version = '1'), /at \/version: must be equal to constant/],
    ['a fingerprint that is not a sha256', (plan) => void (plan.fingerprint = 'abc'), /at \/fingerprint: /],
    ['an empty API id', (plan) => void (plan.api.id = ''), /at \/api\/id: /],
    ['a change whose call has 2 patch operations', (plan) => void plan.changes[0].call.patchOperations.push({op: 'add', path: '/binaryMediaTypes/image~1png'}), /at \/changes\/0\/call\/patchOperations: must NOT have more than 1 items/],
    ['a change whose call has no patch operation', (plan) => void (plan.changes[0].call.patchOperations = []), /at \/changes\/0\/call\/patchOperations: /],
    ['a change that deploys', (plan) => void (plan.changes[0].call = {operation: 'CreateDeployment', restApiId: API, stageName: 'v1', patchOperations: [{op: 'add', path: '/x'}]}), /at \/changes\/0\/call\/operation: /],
    ['an UpdateIntegration without its resource', (plan) => void delete plan.changes.find((change: any) => change.call.operation === 'UpdateIntegration').call.resourceId, /must have required property 'resourceId'/],
    ['a contentHandling that is not one', (plan) => void (plan.changes.find((change: any) => change.after.setting === 'integration').after.contentHandling = 'CONVERT_TO_TXT'), /at \/changes\/\d+\/after: /],
    ['a binary media type setting without listed', (plan) => void delete plan.changes[0].before.listed, /at \/changes\/0\/before: /],
    ['a patch operation with an unknown field', (plan) => void (plan.changes[0].call.patchOperations[0].from = '/x'), /at \/changes\/0\/call\/patchOperations\/0: must NOT have additional properties/],
  ])('refuses %s', async (_what, edit, message) => {
    const file = editedPlan(edit)
    expect(await refusal(file)).toMatch(message)
  })

  it('refuses a change whose call writes another REST API', async () => {
    const file = editedPlan((plan) => void (plan.changes[1].call.restApiId = 'zzzzzzzzzz'))
    const key = makePlan().changes[1]!.key
    expect(await refusal(file)).toBe(`--plan plan.json: change "${key}" writes REST API zzzzzzzzzz, but the plan is for ${API}`)
  })

  // apply re-audits against the plan's spec only after writing, so a broken spec must be refused up front.
  it.each<[string, (plan: Record<string, any>) => unknown, RegExp]>([
    ['a spec without its fields', (plan) => void (plan.spec = {}), /at \/spec: must have required property/],
    ['a spec whose binaryMediaTypes is not a list', (plan) => void (plan.spec.binaryMediaTypes = 'image/png'), /at \/spec\/binaryMediaTypes: must be array/],
    ['a spec with an unknown mode', (plan) => void (plan.spec.binaryMediaTypesMode = 'some'), /at \/spec\/binaryMediaTypesMode: /],
    ['a spec rule without its path', (plan) => void delete plan.spec.routes[0].resourcePath, /at \/spec\/routes\/0: must have required property 'resourcePath'/],
    ['a spec rule with a contentHandling that is not one', (plan) => void (plan.spec.routes[1].responses['*'] = 'BINARY'), /at \/spec\/routes\/1\/responses\/\*: /],
  ])('refuses %s', async (_what, edit, message) => {
    const file = editedPlan(edit)
    expect(await refusal(file)).toMatch(message)
  })
})
