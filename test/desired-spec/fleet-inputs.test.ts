// The fleet file and the c7n-org accounts file: what they accept, and every refusal at its line:column.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {firstMatch} from '../../src/core/fleet-selection.js'
import {loadAccountsFile} from '../../src/desired-spec/accounts-file.js'
import {loadFleetFile} from '../../src/desired-spec/fleet-file.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'apigw-binfix-fleet-inputs-'))
  mkdirSync(join(dir, 'specs'))
  writeFileSync(join(dir, 'specs', 'images.yaml'), 'version: 1\nbinaryMediaTypes: [image/png]\n')
  writeFileSync(join(dir, 'specs', 'bad.yaml'), 'version: 1\nbinaryMediaTypes: [nonsense]\n')
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function write(name: string, lines: string[]): string {
  writeFileSync(join(dir, name), lines.join('\n'))
  return name
}

describe('the fleet file', () => {
  it('loads selectors with their specs, relative to the file, and the first match wins', async () => {
    mkdirSync(join(dir, 'nested'), {recursive: true})
    writeFileSync(join(dir, 'nested', 'fleet.yaml'), ['version: 1', 'apis:', '  - match: {name: "images-*", tags: {team: media}}', '    spec: ../specs/images.yaml', '  - match: {stack: "thumb-*"}', '    spec: ../specs/images.yaml', '    stage: dev', ''].join('\n'))
    const fleet = (await loadFleetFile('nested/fleet.yaml', dir))!
    expect(fleet.selectors).toHaveLength(2)
    expect(fleet.selectors[0]!.spec.binaryMediaTypes).toEqual(['image/png'])
    const facts = {accountId: '111111111111', accountName: 'media', region: 'us-east-1'}
    expect(firstMatch(fleet.selectors, {...facts, name: 'images-eu', tags: {team: 'media'}})).toBe(0)
    // Every given key must match: the name alone is not enough.
    expect(firstMatch(fleet.selectors, {...facts, name: 'images-eu', tags: {team: 'web'}})).toBeUndefined()
    expect(firstMatch(fleet.selectors, {...facts, name: 'x', tags: {'aws:cloudformation:stack-name': 'thumb-dev'}})).toBe(1)
  })

  it('is optional: without --fleet and ./binfix-fleet.yaml every API is judged without a spec', async () => {
    expect(await loadFleetFile(undefined, join(dir, 'specs'))).toBeUndefined()
  })

  it.each([
    [['version: 2', 'apis: []'], /^f\.yaml:1:10: version must be 1 \(got 2\)/],
    [['version: 1', 'apis:', '  - match: {name: ""}', '    spec: specs/images.yaml'], /^f\.yaml:3:19: apis\[0\]\.match\.name must not be empty/],
    [['version: 1', 'apis:', '  - match: {}', '    spec: specs/missing.yaml'], /^f\.yaml:4:11: spec "specs\/missing\.yaml": no such file/],
    [['version: 1', 'apis:', '  - match: {}'], /^f\.yaml:3:5: apis\[0\]\.spec is required/],
    [['version: 1', 'apis: [', ''], /^f\.yaml:\d+:\d+: /],
  ])('refuses %j at its line and column', async (lines, message) => {
    await expect(loadFleetFile(write('f.yaml', lines), dir)).rejects.toThrow(message)
  })

  it("reports a named spec's own fault in the spec, at its line", async () => {
    await expect(loadFleetFile(write('f.yaml', ['version: 1', 'apis:', '  - match: {}', '    spec: specs/bad.yaml']), dir)).rejects.toThrow(/^specs\/bad\.yaml:2:/)
  })
})

describe('the c7n-org accounts file', () => {
  it("reads c7n-org's format: a role or a chain of roles, external id, Regions, tags", async () => {
    const file = write('accounts.yml', [
      'accounts:',
      "  - account_id: '123123123123'",
      '    name: account-1',
      '    regions: [us-east-1, us-west-2]',
      '    role: arn:aws:iam::123123123123:role/CloudCustodian',
      '    external_id: abc123',
      '    tags: [type:prod, "division:some division"]',
      "  - account_id: '456456456456'",
      '    role: [arn:aws:iam::999999999999:role/Hub, arn:aws:iam::456456456456:role/Spoke]',
      'vars: {charge_code: xyz}',
    ])
    expect(await loadAccountsFile(file, dir)).toEqual([
      {accountId: '123123123123', name: 'account-1', roles: ['arn:aws:iam::123123123123:role/CloudCustodian'], externalId: 'abc123', regions: ['us-east-1', 'us-west-2'], tags: ['type:prod', 'division:some division']},
      {accountId: '456456456456', name: '456456456456', roles: ['arn:aws:iam::999999999999:role/Hub', 'arn:aws:iam::456456456456:role/Spoke'], tags: []},
    ])
  })

  it.each([
    [['accounts:', '  - account_id: 123'], /^a\.yml:2:17: accounts\[0\]\.account_id must be a string \(got 123\)/],
    [['accounts:', "  - account_id: '123123123123'", '    role: Custodian'], /^a\.yml:3:11: .*must be a role ARN/],
    [['accounts:', "  - account_id: '123123123123'", '    regoins: [us-east-1]'], /^a\.yml:3:5: accounts\[0\]: unknown key "regoins"/],
    [['accounts:', "  - account_id: '123123123123'", "  - account_id: '123123123123'"], /^a\.yml:3:17: account 123123123123 is listed twice/],
  ])('refuses %j at its line and column', async (lines, message) => {
    await expect(loadAccountsFile(write('a.yml', lines), dir)).rejects.toThrow(message)
  })
})
