// lint on templates no one here wrote (fixtures/lint/README.md says where each is from and what the
// variants change): SAM's own test template before and after aws-sam-translator, a Serverless service's
// serverless.yml and its compiled template, and Terraform's documented REST API planned with the real AWS
// provider. Each broken variant's findings are placed at the declaration at fault; each fixed one is clean.
import {lintText} from '../../../src/core/lint/index.js'
import {lintFixtureFile, placeOf, readFixture, samTranslate, specFixture, subjects} from './support.js'

const errorsAndWarnings = <T extends {severity: string}>(findings: readonly T[]) => findings.filter((entry) => entry.severity !== 'info')

describe('SAM: api_with_cors_no_definitionbody.yaml (aws/serverless-application-model) and its translation', () => {
  it('as published (Cors, no binary media types): nothing to report, before or after the transform', () => {
    expect(lintFixtureFile('sam/api_with_cors_no_definitionbody.yaml').findings).toEqual([])
    const transformed = lintText('transformed.json', samTranslate(readFixture('sam/api_with_cors_no_definitionbody.yaml')))
    expect('findings' in transformed && transformed.findings).toEqual([])
  })

  it('*/* in Globals.Api next to Cors: each preflight SAM generates answers 500, reported at Cors, with the way out SAM leaves', () => {
    const source = readFixture('sam/cors-catch-all.yaml')
    const result = lintFixtureFile('sam/cors-catch-all.yaml')
    expect(result.format).toBe('sam')
    const preflights = result.findings.filter((entry) => entry.ruleId === 'catch-all-breaks-generated-preflight')
    expect(preflights.map((entry) => `${entry.httpMethod} ${entry.resourcePath}`).sort()).toEqual(['OPTIONS /', 'OPTIONS /any'])
    for (const entry of preflights) {
      expect(entry).toMatchObject({severity: 'error', auditKind: 'preflight-hazard', api: 'ExplicitApi', file: 'fixtures/lint/sam/cors-catch-all.yaml', ...placeOf(source, 'Cors: origins')})
      expect(entry.message).toMatch(/fails with 500 Internal server error/)
      expect(entry.message).toMatch(/SAM has no contentHandling option .*DefinitionBody/)
    }
    // The file's line is what the human view shows.
    expect(result.lines[preflights[0]!.line]).toBe('    Cors: origins')
  })

  it('the lint of the SAM file and of its transformed CloudFormation agree', () => {
    for (const variant of ['cors-catch-all.yaml', 'cors-narrow-types.yaml']) {
      const sam = lintFixtureFile(`sam/${variant}`)
      const transformed = lintText('transformed.json', samTranslate(readFixture(`sam/${variant}`)))
      if ('skipped' in transformed) throw new Error(transformed.skipped)
      expect(transformed.format).toBe('cloudformation')
      expect(subjects(transformed.findings)).toEqual(subjects(sam.findings))
    }
    // The transformed template places the preflights' findings at the options operations SAM wrote into the body.
    const transformedText = samTranslate(readFixture('sam/cors-catch-all.yaml'))
    const transformed = lintText('transformed.json', transformedText)
    if ('skipped' in transformed) throw new Error(transformed.skipped)
    const hazard = transformed.findings.find((entry) => entry.ruleId === 'preflight-hazard' && entry.resourcePath === '/any')!
    expect(transformed.lines[hazard.line]!.trim()).toBe('"x-amazon-apigateway-integration": {')
  })

  it('narrow types (image~1png) instead of */*: the preflights keep working, only notes (merge mode, browsers asking for image/avif)', () => {
    const result = lintFixtureFile('sam/cors-narrow-types.yaml')
    expect(errorsAndWarnings(result.findings)).toEqual([])
    expect(result.findings.map((entry) => entry.ruleId).sort()).toEqual(['merge-import-keeps-types', 'proxy-binary-response'])
  })
})

describe('Serverless Framework: official_joke_api (serverless.yml and its compiled template)', () => {
  const spec = specFixture('lint/specs/joke-api.binfix.yaml')

  it('against a spec wanting image/png: the missing type, at provider in serverless.yml and at the RestApi in the compiled template', () => {
    const yml = lintFixtureFile('serverless/joke-api/serverless.yml', spec)
    const compiled = lintFixtureFile('serverless/joke-api/.serverless/cloudformation-template-update-stack.json', spec)
    expect(yml.format).toBe('serverless')
    expect(compiled.format).toBe('serverless-template')
    const missing = (findings: typeof yml.findings) => findings.filter((entry) => entry.ruleId === 'missing-binary-media-type')
    expect(missing(yml.findings)).toEqual([expect.objectContaining({severity: 'error', mediaType: 'image/png', ...placeOf(readFixture('serverless/joke-api/serverless.yml'), 'provider:')})])
    expect(missing(compiled.findings)).toEqual([
      expect.objectContaining({severity: 'error', mediaType: 'image/png', ...placeOf(readFixture('serverless/joke-api/.serverless/cloudformation-template-update-stack.json'), '"ApiGatewayRestApi": {')}),
    ])
    expect(missing(yml.findings)[0]!.message).toMatch(/GET \/hello with Accept: image\/png gets the base64 text the function returned instead of the bytes/)
    expect(missing(yml.findings)[0]!.fix).toMatch(/provider:\n\s+apiGateway:\n[\s\S]*binaryMediaTypes:\n\s+- image\/png/)
    expect(subjects(yml.findings)).toEqual(subjects(compiled.findings))
  })

  it('with provider.apiGateway.binaryMediaTypes [image/png] (and the compiled BinaryMediaTypes): no error or warning, and both agree', () => {
    const yml = lintFixtureFile('serverless/joke-api-binary/serverless.yml', spec)
    const compiled = lintFixtureFile('serverless/joke-api-binary/.serverless/cloudformation-template-update-stack.json', spec)
    expect(errorsAndWarnings(yml.findings)).toEqual([])
    expect(subjects(yml.findings)).toEqual(subjects(compiled.findings))
  })

  it('*/* next to cors: true: the preflight Serverless generates answers 500, reported at cors', () => {
    const source = readFixture('serverless/joke-api-cors/serverless.yml')
    const result = lintFixtureFile('serverless/joke-api-cors/serverless.yml')
    const preflight = result.findings.filter((entry) => entry.ruleId === 'catch-all-breaks-generated-preflight')
    expect(preflight).toEqual([expect.objectContaining({severity: 'error', httpMethod: 'OPTIONS', resourcePath: '/hello', ...placeOf(source, 'cors: true')})])
    // The integration's CONVERT_TO_TEXT (cors.js) saves the request; the response's empty template does not.
    expect(preflight[0]!.message).toMatch(/response mapping template cannot transform bytes/)
    expect(preflight[0]!.message).toMatch(/serverless #10254/)
  })
})

describe("Terraform: the provider docs' REST API, planned with hashicorp/aws 5.100.0", () => {
  it("as published: triggers that hash resource ids only, which its own NOTE warns will not pick up all changes", () => {
    const source = readFixture('terraform/published/plan.json')
    const result = lintFixtureFile('terraform/published/plan.json')
    expect(result).toMatchObject({format: 'terraform-plan', apis: ['aws_api_gateway_rest_api.example']})
    expect(result.findings).toEqual([
      expect.objectContaining({ruleId: 'deployment-never-redeployed', severity: 'warning', ...placeOf(source, '{"address":"aws_api_gateway_deployment.example"')}),
    ])
    expect(result.findings[0]!.message).toMatch(/triggers hash resource ids only/)
  })

  it('broken: "~1" in binary_media_types and a deployment without triggers, each placed in the plan', () => {
    const source = readFixture('terraform/broken/plan.json')
    const result = lintFixtureFile('terraform/broken/plan.json')
    expect(result.findings.map((entry) => entry.ruleId).sort()).toEqual(['binary-media-type-escaping', 'deployment-never-redeployed'])
    const escaping = result.findings.find((entry) => entry.ruleId === 'binary-media-type-escaping')!
    expect(escaping).toMatchObject({severity: 'warning', auditKind: 'malformed-binary-media-type', mediaType: 'image~1png', ...placeOf(source, '"image~1png"')})
    expect(escaping.message).toMatch(/GET \/example with Accept: image\/png gets the mapping template output as text, not bytes/)
    expect(escaping.fix).toMatch(/binary_media_types = \["image\/png"\]/)
    const deployment = result.findings.find((entry) => entry.ruleId === 'deployment-never-redeployed')!
    expect(deployment).toMatchObject({severity: 'warning', api: 'aws_api_gateway_rest_api.example', ...placeOf(source, '{"address":"aws_api_gateway_deployment.example"')})
    expect(deployment.fix).toMatch(/create_before_destroy = true/)
  })

  it('fixed: image/png with "/", triggers hashing the settings themselves, and lifecycle: nothing to report', () => {
    expect(lintFixtureFile('terraform/fixed/plan.json').findings).toEqual([])
  })
})
