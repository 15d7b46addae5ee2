// SAM's Api events, with the API each attaches to.
import {samApiEvents} from '../../../src/core/cfn/sam-api-events.js'
import {parseTemplate} from '../../../src/core/cfn/template.js'
import {SAM_IMPLICIT} from './templates.js'

describe('samApiEvents', () => {
  test('Api events only, with RestApiId resolved from its Ref (null when it is not one)', () => {
    const template = parseTemplate(
      SAM_IMPLICIT.replace('            Path: /{proxy+}', '            RestApiId: !GetAtt Other.RestApiId\n            Path: /{proxy+}'),
    )
    expect(samApiEvents(template)).toEqual([
      {functionId: 'ThumbnailFunction', eventId: 'GetThumbnail', path: 'thumbnails/{key}/', method: 'GET', restApiId: undefined},
      {functionId: 'ThumbnailFunction', eventId: 'Everything', path: '/{proxy+}', method: 'any', restApiId: null},
    ])
  })
})
