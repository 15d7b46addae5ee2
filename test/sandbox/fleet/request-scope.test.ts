// The account of an access key id, as LocalStack reads it, and the keys the sandbox's STS hands out.
import {accountOfAccessKey, structuredAccessKeyId} from '../../../src/sandbox/request-scope.js'

const DEFAULT = '123456789012'

describe('the account of an access key id', () => {
  it('is the key itself when it is 12 digits, the default account for any other plain key', () => {
    expect(accountOfAccessKey('000000000001', DEFAULT)).toBe('000000000001')
    expect(accountOfAccessKey('1234567890123', DEFAULT)).toBe(DEFAULT)
    expect(accountOfAccessKey('12345678901a', DEFAULT)).toBe(DEFAULT)
    expect(accountOfAccessKey('test', DEFAULT)).toBe(DEFAULT)
    // Real AWS keys are not read as LocalStack's structured ones (its PARITY_AWS_ACCESS_KEY_ID safeguard).
    expect(accountOfAccessKey('AKIARZPUZDIKGB2VALC4', DEFAULT)).toBe(DEFAULT)
  })

  it("reads LocalStack's structured keys: LSIAQAAAAAAVNCBMPNSG is account 000000000042 (LocalStack docs, Credentials)", () => {
    expect(accountOfAccessKey('LSIAQAAAAAAVNCBMPNSG', DEFAULT)).toBe('000000000042')
  })

  it('hands out keys that read back as their account, odd and even', () => {
    let counter = 0
    const random = (length: number) => Array.from({length}, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[counter++ % 36]).join('')
    for (const account of ['000000000000', '000000000001', '111111111111', '999999999999', '123456789013']) {
      const key = structuredAccessKeyId(account, random)
      expect(key).toMatch(/^LSIA[A-Z2-7]{16}$/)
      expect(accountOfAccessKey(key, DEFAULT)).toBe(account)
    }
  })
})
