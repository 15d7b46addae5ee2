import {targetOptions} from '../../src/cli/target-flags.js'
import {UsageError} from '../../src/core/errors.js'

describe('targetOptions', () => {
  it('passes <api> or --stack/--logical-id through, leaving out what is not given', () => {
    expect(targetOptions(undefined, {})).toEqual({})
    expect(targetOptions('a1b2c3d4e5', {})).toEqual({api: 'a1b2c3d4e5'})
    expect(targetOptions(undefined, {stack: 'image-api'})).toEqual({stack: {name: 'image-api'}})
    expect(targetOptions(undefined, {stack: 'image-api', 'logical-id': 'ApiName'})).toEqual({stack: {name: 'image-api', logicalId: 'ApiName'}})
    const stackId = 'arn:aws:cloudformation:us-east-1:123456789012:stack/image-api/7f1ac5a0-c6d1-11ee-8a3c-0a1b2c3d4e5f'
    expect(targetOptions(undefined, {stack: stackId})).toEqual({stack: {name: stackId}})
  })

  it.each([
    ['abc', {stack: 'image-api'}, '<api> abc and --stack image-api: name the API one way, not both'],
    [undefined, {stack: '1st-stack'}, '--stack 1st-stack: not a stack name (letters, digits and hyphens, starting with a letter) or stack id'],
    [undefined, {stack: 'image_api'}, '--stack image_api: not a stack name (letters, digits and hyphens, starting with a letter) or stack id'],
    [undefined, {stack: 'image-api', 'logical-id': 'Api-Name'}, '--logical-id Api-Name: not a logical id (letters and digits only)'],
  ])('refuses %s %j in one line naming the flag: %s', (api, flags, message) => {
    let error: unknown
    try {
      targetOptions(api, flags)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toBe(message)
  })
})
