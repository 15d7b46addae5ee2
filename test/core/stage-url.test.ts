import {stageBaseUrl} from '../../src/core/stage-url.js'

describe('stageBaseUrl', () => {
  it("is the default execute-api host on AWS, with the stage as the first path segment", () => {
    expect(stageBaseUrl({restApiId: 'a1b2c3d4e5', region: 'eu-west-1', stage: 'v1'})).toBe('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1')
  })

  it('uses amazonaws.com.cn in the China Regions', () => {
    expect(stageBaseUrl({restApiId: 'a1b2c3d4e5', region: 'cn-north-1', stage: 'prod'})).toBe('https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/prod')
  })

  it("is AWS's host too when the endpoint given is AWS's own control plane", () => {
    expect(stageBaseUrl({restApiId: 'a1b2c3d4e5', region: 'us-east-1', stage: 'v1', endpointUrl: 'https://apigateway.us-east-1.amazonaws.com'})).toBe(
      'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v1',
    )
  })

  it("is the emulator's _user_request_ form behind another control-plane endpoint", () => {
    expect(stageBaseUrl({restApiId: 'a1b2c3d4e5', region: 'us-east-1', stage: 'v1', endpointUrl: 'http://127.0.0.1:4580/'})).toBe('http://127.0.0.1:4580/restapis/a1b2c3d4e5/v1/_user_request_')
  })

  it('takes --base-url as given (a custom domain maps the stage itself), without a trailing slash', () => {
    expect(stageBaseUrl({restApiId: 'a1b2c3d4e5', region: 'us-east-1', stage: 'v1', endpointUrl: 'http://127.0.0.1:4580', baseUrl: 'https://images.example.com/api/'})).toBe(
      'https://images.example.com/api',
    )
  })
})
