// What sandbox says once it listens, from a given start: each line as the user sees it.
import {exposureWarning, renderSandboxStarted, type SandboxStarted} from '../../src/ui/sandbox-view.js'

describe('renderSandboxStarted', () => {
  const bare: SandboxStarted = {endpoint: 'http://127.0.0.1:4580', region: 'us-east-1', restApis: [], stacks: [], functions: []}

  it('an empty sandbox: where it listens and how to use it', () => {
    expect(renderSandboxStarted(bare).split('\n')).toEqual([
      'apigw-binfix sandbox listening on http://127.0.0.1:4580 (region us-east-1)',
      'Use it with: --endpoint-url http://127.0.0.1:4580  (or AWS_ENDPOINT_URL_API_GATEWAY=http://127.0.0.1:4580)',
      'Press Ctrl-C to stop.',
    ])
  })

  it('what the state file restored first, then the imports, the stacks and the functions; stacks add the CloudFormation endpoint', () => {
    const running: SandboxStarted = {
      ...bare,
      restored: {
        file: '.apigw-binfix/sandbox.json',
        restApis: [
          {id: 'k3q9z1x7ab', name: 'kept', stages: [{stage: 'v1', deploymentId: 'd1'}, {stage: 'v2', deploymentId: 'd2'}]},
          {id: 'p0p0p0p0p0', name: 'draft', stages: []},
        ],
        stacks: [],
      },
      restApis: [
        {file: 'fixtures/apis/image-api.oas30.json', id: 'a1b2c3d4e5', name: 'image-api', stage: 'v1', deploymentId: 'd3'},
        {file: 'other.json', id: 'b1b2c3d4e5', name: 'other'},
      ],
      stacks: [{file: 'stack.yaml', stackName: 'thumbnails', stackId: 'arn:stack', restApis: {ApiGatewayRestApi: 'a1b2c3d4e5', Other: 'b1b2c3d4e5'}}],
      functions: ['image', 'thumbnail'],
    }
    expect(renderSandboxStarted(running).split('\n')).toEqual([
      'apigw-binfix sandbox listening on http://127.0.0.1:4580 (region us-east-1)',
      '  k3q9z1x7ab  kept  restored from .apigw-binfix/sandbox.json  stages v1 (d1), v2 (d2)',
      '  p0p0p0p0p0  draft  restored from .apigw-binfix/sandbox.json  no stages',
      '  a1b2c3d4e5  image-api  from fixtures/apis/image-api.oas30.json  deployed to v1 (d3)',
      '  b1b2c3d4e5  other  from other.json',
      '  stack thumbnails  from stack.yaml  (ApiGatewayRestApi → a1b2c3d4e5, Other → b1b2c3d4e5)',
      '  Lambda functions: image, thumbnail',
      'Use it with: --endpoint-url http://127.0.0.1:4580  (or AWS_ENDPOINT_URL_API_GATEWAY=http://127.0.0.1:4580, AWS_ENDPOINT_URL_CLOUDFORMATION=http://127.0.0.1:4580)',
      'Press Ctrl-C to stop.',
    ])
  })

  it('a restored stack alone also adds the CloudFormation endpoint', () => {
    const running: SandboxStarted = {...bare, restored: {file: 'state.json', restApis: [], stacks: [{stackName: 'kept', stackId: 'arn:kept', restApis: {Api: 'k3q9z1x7ab'}}]}}
    expect(renderSandboxStarted(running).split('\n').slice(1, 3)).toEqual([
      '  stack kept  restored from state.json  (Api → k3q9z1x7ab)',
      'Use it with: --endpoint-url http://127.0.0.1:4580  (or AWS_ENDPOINT_URL_API_GATEWAY=http://127.0.0.1:4580, AWS_ENDPOINT_URL_CLOUDFORMATION=http://127.0.0.1:4580)',
    ])
  })

  it('warns when it listens beyond loopback', () => {
    expect(exposureWarning('0.0.0.0')).toBe('Warning: listening on 0.0.0.0: the sandbox has no authentication')
  })
})
