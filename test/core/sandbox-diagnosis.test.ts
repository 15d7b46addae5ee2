import fc from 'fast-check'

import {formatSandboxDiagnosis, parseSandboxDiagnosis} from '../../src/core/sandbox-diagnosis.js'

describe('the sandbox diagnosis header', () => {
  it('says which function has no handler and the flags that give it one', () => {
    expect(formatSandboxDiagnosis({kind: 'no-lambda-handler', functionName: 'ImageFunction'})).toBe(
      'no local handler for Lambda function ImageFunction: start the sandbox with --lambda ImageFunction=FILE or --functions DIR (with DIR/ImageFunction.mjs)',
    )
  })

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (functionName) => {
        expect(parseSandboxDiagnosis(formatSandboxDiagnosis({kind: 'no-lambda-handler', functionName}))).toEqual({kind: 'no-lambda-handler', functionName})
      }),
    )
  })

  it('is one line of printable ASCII whatever the name, which stays one word', () => {
    fc.assert(
      fc.property(fc.string({maxLength: 40, unit: 'binary'}), (functionName) => {
        const line = formatSandboxDiagnosis({kind: 'no-lambda-handler', functionName})
        expect(line).toMatch(/^[\x20-\x7e]+$/)
        expect(parseSandboxDiagnosis(line)?.kind).toBe('no-lambda-handler')
      }),
    )
    expect(formatSandboxDiagnosis({kind: 'no-lambda-handler', functionName: 'a b\né€'})).toMatch(/^no local handler for Lambda function a%20b%0A%C3%A9%E2%82%AC: /)
  })

  it('knows nothing of other values', () => {
    for (const value of [undefined, '', 'no local handler', 'No local handler for Lambda function x: start']) expect(parseSandboxDiagnosis(value)).toBeUndefined()
  })
})

describe('the diagnosis for a service the sandbox does not model', () => {
  it('names the service and reads back what it writes', () => {
    const line = formatSandboxDiagnosis({kind: 'unmodelled-service', service: 'kinesis'})
    expect(line).toBe('AWS service kinesis is not modelled by the sandbox: it answers 500 as AWS does for a failed integration; rehearse this route on AWS')
    expect(parseSandboxDiagnosis(line)).toEqual({kind: 'unmodelled-service', service: 'kinesis'})
    expect(parseSandboxDiagnosis('AWS service kinesis is not modelled')).toBeUndefined()
  })
})
