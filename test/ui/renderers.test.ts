// The human renderers: AWS CLI commands that paste into a POSIX shell, and colour only where wanted.
import {finding} from '../../src/core/findings.js'
import type {AuditReport} from '../../src/services/audit-service.js'
import {renderAudit} from '../../src/ui/audit-view.js'
import {paletteFor} from '../../src/ui/colours.js'
import {awsCliCommand} from '../../src/ui/fix-commands.js'

describe('fix calls as AWS CLI commands', () => {
  it('quotes JSON patch operations and odd stage names for the shell', () => {
    expect(awsCliCommand({operation: 'UpdateRestApi', restApiId: 'abc', patchOperations: [{op: 'add', path: "/binaryMediaTypes/it's~1odd"}]})).toBe(
      `aws apigateway update-rest-api --rest-api-id abc --patch-operations '[{"op":"add","path":"/binaryMediaTypes/it'\\''s~1odd"}]'`,
    )
    expect(awsCliCommand({operation: 'CreateDeployment', restApiId: 'abc', stageName: 'v1'})).toBe('aws apigateway create-deployment --rest-api-id abc --stage-name v1')
    expect(awsCliCommand({operation: 'CreateDeployment', restApiId: 'abc', stageName: 'my stage'})).toBe("aws apigateway create-deployment --rest-api-id abc --stage-name 'my stage'")
  })
})

describe('audit view', () => {
  const report: AuditReport = {
    api: {id: 'abc', name: 'Images'},
    region: 'us-east-1',
    stage: 'v1',
    deploymentId: 'd1',
    spec: {kind: 'binfix', file: 'binfix.yaml'},
    inSync: false,
    findings: [finding({kind: 'missing-binary-media-type', severity: 'error', mediaType: 'image/png', message: 'image/png is missing.', fix: []})],
    ignored: [],
    fix: [{operation: 'UpdateRestApi', restApiId: 'abc', patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}]}],
    ownership: null,
    scope: {routes: 2, binaryMediaTypes: [], preflights: 0, lambdaProxyRoutes: 1, stageCompared: true, specJudged: true},
    calls: 4,
  }

  it('colours on a TTY only, and never with NO_COLOR', () => {
    expect(renderAudit(report, paletteFor({isTTY: true}, {}))).toMatch(/\u001B\[31m/)
    expect(renderAudit(report, paletteFor({isTTY: true}, {NO_COLOR: '1'}))).not.toMatch(/\u001B\[/)
    expect(renderAudit(report, paletteFor({isTTY: false}, {}))).not.toMatch(/\u001B\[/)
  })

  it('ends with the single redeploy the patches need', () => {
    expect(renderAudit(report, paletteFor({}, {}))).toContain('then redeploy once: aws apigateway create-deployment --rest-api-id abc --stage-name v1')
  })

  it('fix commands carry the Region, profile and endpoint the audit reached', () => {
    const text = renderAudit(report, paletteFor({}, {}), {region: 'eu-west-1', profile: 'ops', endpointUrl: 'http://127.0.0.1:4580'})
    expect(text).toContain('--stage-name v1 --region eu-west-1 --profile ops --endpoint-url http://127.0.0.1:4580')
  })

  it('without a spec, says what it checked and what it could not judge instead of a bare "In sync"', () => {
    const noSpec: AuditReport = {...report, spec: null, inSync: true, findings: [], fix: [], scope: {...report.scope, specJudged: false}}
    const text = renderAudit(noSpec, paletteFor({}, {}), {region: 'us-east-1'})
    expect(text).toContain('In sync with the rules that need no spec (0 errors, 0 warnings).')
    expect(text).toContain('Checked without a spec: binaryMediaTypes (empty), 0 MOCK OPTIONS preflights for CORS hazards, 1 Lambda-proxy route for advice, stage v1 for undeployed changes, across 2 routes.')
    expect(text).toContain('The API lists no binary media types')
    expect(text).toContain('Not judged: which media types must be binary')
    expect(text).toContain('apigw-binfix init abc --region us-east-1')
  })
})
