// A saved plan's calls are checked against the changes they claim to make, and against the live API,
// before apply sends any of them; and a signed plan proves it is the one that was reviewed.
import {generateKeyPairSync, randomBytes} from 'node:crypto'

import type {ApiConfig} from '../../src/core/api-config.js'
import type {Plan} from '../../src/core/plan.js'
import {planFault, planFaultAgainstLive} from '../../src/core/plan-check.js'
import {canonicalJson, parseSigningKey, signPlan, signatureFault} from '../../src/core/plan-signature.js'
import {samplePlan, sampleLive} from '../helpers/sample-plan.js'

/** The sample plan with one change edited as someone with the file could. */
function edited(edit: (changes: any[]) => void): Plan {
  const plan = JSON.parse(JSON.stringify(samplePlan())) as Plan
  edit(plan.changes as any[])
  return plan
}

const integrationChange = (changes: any[]) => changes.find((change) => change.call.operation === 'UpdateIntegration')

describe('planFault', () => {
  it('finds nothing wrong with a plan as plan made it', () => {
    const plan = samplePlan()
    expect(plan.changes.length).toBeGreaterThanOrEqual(4)
    expect(planFault(plan)).toBeUndefined()
    expect(planFaultAgainstLive(plan, sampleLive)).toBeUndefined()
  })

  it.each<[string, (changes: any[]) => void, RegExp]>([
    ['a call that patches /uri instead of /contentHandling', (changes) => (integrationChange(changes).call.patchOperations[0].path = '/uri'), /its call \(UpdateIntegration PUT r1: replace \/uri ""\) is not the one that sets PUT \/lambda integration contentHandling to PASSTHROUGH \(unset\) \(UpdateIntegration PUT r1: replace \/contentHandling ""\)$/],
    ['a call to another method than its change', (changes) => (integrationChange(changes).call.httpMethod = 'DELETE'), /its call \(UpdateIntegration DELETE r1: replace \/contentHandling ""\) is not the one that sets PUT \/lambda integration contentHandling/],
    ['a call with a second patch operation', (changes) => integrationChange(changes).call.patchOperations.push({op: 'replace', path: '/uri', value: 'https://attacker.example'}), /its call .* is not the one/],
    ['a value other than its after value', (changes) => (integrationChange(changes).call.patchOperations[0].value = 'CONVERT_TO_TEXT'), /its call \(UpdateIntegration PUT r1: replace \/contentHandling "CONVERT_TO_TEXT"\) is not the one that sets/],
    ['a summary that hides what it does', (changes) => (integrationChange(changes).summary = 'GET /other integration contentHandling: nothing'), /its summary does not say what it does \("PUT \/lambda integration contentHandling: CONVERT_TO_BINARY → PASSTHROUGH \(unset\)"\)/],
    ['before and after of different settings', (changes) => (integrationChange(changes).after.resourceId = 'r9'), /its before and after values are of different settings/],
    ['before and after of different routes', (changes) => (integrationChange(changes).after.resourcePath = '/elsewhere'), /its before and after values name different routes/],
    ['a key that is not its setting', (changes) => (integrationChange(changes).key = 'binaryMediaTypes image/png'), /its key "binaryMediaTypes image\/png" is not its setting's/],
    ['a change that changes nothing', (changes) => (integrationChange(changes).after.contentHandling = integrationChange(changes).before.contentHandling), /it changes nothing/],
    ['the same setting twice', (changes) => changes.push(JSON.parse(JSON.stringify(integrationChange(changes)))), /the same setting as an earlier change/],
    ['a binary media type that is no media type', (changes) => {
      const change = changes.find((entry) => entry.after.setting === 'binaryMediaType' && entry.after.listed)
      change.after.mediaType = change.before.mediaType = 'nonsense'
      change.key = 'binaryMediaTypes nonsense'
    }, /nonsense is not a media type/],
  ])('refuses %s', (_name, edit, fault) => {
    expect(planFault(edited(edit))).toMatch(new RegExp(`^change \\d+ \\(.+?\\): ${fault.source}`))
  })

  it('refuses a change of a setting the live API does not have, or not where the plan says, or not with its before value', () => {
    const plan = samplePlan()
    const withoutPut: ApiConfig = {...sampleLive, routes: sampleLive.routes.filter((route) => route.httpMethod !== 'PUT')}
    expect(planFaultAgainstLive(plan, withoutPut)).toMatch(/: REST API a1b2c3d4e5 has no integration for PUT on resource r1 \(\/lambda\)$/)
    const withoutResponse: ApiConfig = {...sampleLive, routes: sampleLive.routes.map((route) => (route.httpMethod === 'GET' ? {...route, integration: {...route.integration!, responses: []}} : route))}
    expect(planFaultAgainstLive(plan, withoutResponse)).toMatch(/: REST API a1b2c3d4e5 has no 200 integration response for GET on resource r1 \(\/lambda\)$/)
    const moved: ApiConfig = {...sampleLive, routes: sampleLive.routes.map((route) => ({...route, resourcePath: '/moved'}))}
    expect(planFaultAgainstLive(plan, moved)).toMatch(/: resource r1 is \/moved, not \/lambda$/)
    const otherValue: ApiConfig = {...sampleLive, routes: sampleLive.routes.map((route) => (route.httpMethod === 'PUT' ? {...route, integration: {...route.integration!, contentHandling: 'CONVERT_TO_TEXT' as const}} : route))}
    expect(planFaultAgainstLive(plan, otherValue)).toMatch(/: the live value is CONVERT_TO_TEXT, not CONVERT_TO_BINARY$/)
  })
})

describe('signed plans', () => {
  const hmac = parseSigningKey(Buffer.from(`${randomBytes(32).toString('hex')}\n`))
  const pair = generateKeyPairSync('ed25519')
  const privateKey = parseSigningKey(Buffer.from(pair.privateKey.export({type: 'pkcs8', format: 'pem'}) as string))
  const publicKey = parseSigningKey(Buffer.from(pair.publicKey.export({type: 'spki', format: 'pem'}) as string))

  it('verify with the secret (HMAC) or the public key (Ed25519) that signed them', () => {
    if ('fault' in hmac || 'fault' in privateKey || 'fault' in publicKey) throw new Error('keys not read')
    const byHmac = signPlan(samplePlan(), hmac)
    expect(byHmac.signature).toMatchObject({algorithm: 'hmac-sha256', keyId: expect.stringMatching(/^[0-9a-f]{16}$/)})
    expect(signatureFault(byHmac, hmac)).toBeUndefined()
    const byEd25519 = signPlan(samplePlan(), privateKey)
    expect(signatureFault(byEd25519, publicKey)).toBeUndefined()
    // Saved as JSON and read back, the key order may differ: the signature covers the canonical form.
    const reordered = Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(byEd25519))).reverse()) as unknown as Plan
    expect(signatureFault(reordered, publicKey)).toBeUndefined()
  })

  it('refuse an edited, unsigned or otherwise-signed plan', () => {
    if ('fault' in hmac || 'fault' in privateKey || 'fault' in publicKey) throw new Error('keys not read')
    const signed = signPlan(samplePlan(), privateKey)
    const tampered = JSON.parse(JSON.stringify(signed)) as Plan
    tampered.changes[0]!.summary = `${tampered.changes[0]!.summary} `
    expect(signatureFault(tampered, publicKey)).toBe('its signature does not match its content: it was changed after it was signed')
    expect(signatureFault(samplePlan(), publicKey)).toBe('it is not signed')
    expect(signatureFault(signed, hmac)).toBe('it is signed with ed25519, not hmac-sha256')
    const otherPair = generateKeyPairSync('ed25519')
    const otherKey = parseSigningKey(Buffer.from(otherPair.publicKey.export({type: 'spki', format: 'pem'}) as string))
    if ('fault' in otherKey) throw new Error('key not read')
    expect(signatureFault(signed, otherKey)).toMatch(/^it is signed with key [0-9a-f]{16}, not [0-9a-f]{16}$/)
  })

  it('refuse keys that are no keys: a short secret, an RSA key', () => {
    expect(parseSigningKey(Buffer.from('hunter2\n'))).toEqual({fault: 'an HMAC secret of 7 bytes: use at least 32 random bytes (e.g. openssl rand -hex 32)'})
    const rsa = generateKeyPairSync('rsa', {modulusLength: 1024})
    expect(parseSigningKey(Buffer.from(rsa.publicKey.export({type: 'spki', format: 'pem'}) as string))).toEqual({fault: 'a rsa key: plans are signed with Ed25519 keys or an HMAC secret'})
    expect(parseSigningKey(Buffer.from('-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n'))).toEqual({fault: 'not a PEM key that can be read'})
  })

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({b: [{d: 1, c: undefined, a: 'x'}], a: null})).toBe('{"a":null,"b":[{"a":"x","d":1}]}')
  })
})
