import {connectionOptions} from '../../src/cli/aws-flags.js'
import {UsageError} from '../../src/core/errors.js'

describe('connectionOptions', () => {
  it('passes the flags through as connection options, leaving out the ones not given', () => {
    expect(connectionOptions({})).toEqual({})
    expect(connectionOptions({region: 'eu-west-1', profile: 'ops', 'endpoint-url': 'http://127.0.0.1:4580'})).toEqual({
      region: 'eu-west-1',
      profile: 'ops',
      endpointUrl: 'http://127.0.0.1:4580',
    })
  })

  it.each([
    [{region: 'EU West 1'}, '--region "EU West 1": not a Region name (e.g. us-east-1)'],
    // A pasted blob is cut, and stays on one line.
    [{region: `${'X'.repeat(999)}\n`}, `--region "${'X'.repeat(80)}…" (1000 characters): not a Region name (e.g. us-east-1)`],
    [{profile: ' '}, '--profile: the profile name is empty'],
    [{'endpoint-url': 'localhost:4580'}, '--endpoint-url localhost:4580: not an http(s) URL'],
    [{'endpoint-url': 'ftp://example.com'}, '--endpoint-url ftp://example.com: not an http(s) URL'],
    // The value is not echoed: it holds a secret.
    [{'endpoint-url': 'https://user:hunter2@example.com'}, '--endpoint-url: must not contain a user name or password'],
  ])('%j: one-line UsageError naming the flag', (flags, message) => {
    let caught: unknown
    try {
      connectionOptions(flags)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(UsageError)
    expect((caught as UsageError).message).toBe(message)
  })
})
