// Quotas kept per account and Region, but CreateDeployment's per account across its Regions.
import {createAdmission} from '../../../src/sandbox/admission.js'

describe('quota scopes', () => {
  const at = (now: {t: number}) => createAdmission({awsQuotas: true, faultRate: 0, seed: 1, now: () => now.t})

  it("spends CreateDeployment's one call per 5 s for the whole account, in every Region", () => {
    const now = {t: 1_700_000_000_000}
    const admission = at(now)
    expect(admission.admit('CreateDeployment', true, {accountId: '111111111111', region: 'us-east-1'}).kind).toBe('proceed')
    expect(admission.admit('CreateDeployment', true, {accountId: '111111111111', region: 'eu-west-1'}).kind).toBe('reject')
    expect(admission.admit('CreateDeployment', true, {accountId: '222222222222', region: 'us-east-1'}).kind).toBe('proceed')
    now.t += 5_000
    expect(admission.admit('CreateDeployment', true, {accountId: '111111111111', region: 'eu-west-1'}).kind).toBe('proceed')
  })

  it("keeps GetResources' 5 per 2 s for each account and Region", () => {
    const admission = at({t: 1_700_000_000_000})
    const scope = {accountId: '111111111111', region: 'us-east-1'}
    for (let index = 0; index < 5; index++) expect(admission.admit('GetResources', false, scope).kind).toBe('proceed')
    expect(admission.admit('GetResources', false, scope).kind).toBe('reject')
    expect(admission.admit('GetResources', false, {...scope, region: 'eu-west-1'}).kind).toBe('proceed')
    expect(admission.admit('GetResources', false, {...scope, accountId: '333333333333'}).kind).toBe('proceed')
  })
})
