// CloudFormation's query protocol on the sandbox's port, as raw HTTP: the XML envelope, the error envelope,
// the call log, and API Gateway's own answers left as they were for everything that is not a query call.
import type {Sandbox} from '../../../src/sandbox/server.js'
import {fetchCallLog} from '../../helpers/sandbox.js'
import {query, thumbnailSandbox, xmlText} from './support.js'

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'

describe('CloudFormation query protocol over HTTP', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    ;({sandbox} = await thumbnailSandbox())
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.calls.clear())

  it('answers POST / with Action= in an <ActionResponse> holding <ActionResult> and the request id', async () => {
    const answer = await query(sandbox.url, {Action: 'DescribeStacks', Version: '2010-05-15', StackName: 'thumbnail-service-dev'})
    expect(answer.status).toBe(200)
    expect(answer.contentType).toBe('text/xml')
    expect(answer.text.startsWith(`<DescribeStacksResponse xmlns="${NAMESPACE}"><DescribeStacksResult><Stacks><member>`)).toBe(true)
    expect(answer.text.endsWith(`<ResponseMetadata><RequestId>${answer.requestId}</RequestId></ResponseMetadata></DescribeStacksResponse>`)).toBe(true)
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(xmlText(answer.text, 'StackName')).toBe('thumbnail-service-dev')
    expect(xmlText(answer.text, 'StackStatus')).toBe('UPDATE_COMPLETE')
    // Timestamps in ISO 8601, as the query protocol writes them.
    expect(xmlText(answer.text, 'CreationTime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('refuses an unknown stack with a Sender ValidationError in an ErrorResponse, HTTP 400', async () => {
    const answer = await query(sandbox.url, {Action: 'DescribeStacks', Version: '2010-05-15', StackName: 'foo'})
    expect(answer.status).toBe(400)
    expect(answer.text).toBe(
      `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>ValidationError</Code>` +
        `<Message>Stack with id foo does not exist</Message></Error><RequestId>${answer.requestId}</RequestId></ErrorResponse>`,
    )
  })

  it('refuses an Action CloudFormation does not have with InvalidAction', async () => {
    const answer = await query(sandbox.url, {Action: 'CreateStack', Version: '2010-05-15', StackName: 'x'})
    expect(answer.status).toBe(400)
    expect(xmlText(answer.text, 'Code')).toBe('InvalidAction')
    expect(xmlText(answer.text, 'Message')).toBe('Could not find operation CreateStack for version 2010-05-15')
  })

  it('reads lists given as Name.member.N in order', async () => {
    const answer = await query(sandbox.url, {
      Action: 'DescribeStackResourceDrifts',
      Version: '2010-05-15',
      StackName: 'thumbnail-service-dev',
      'StackResourceDriftStatusFilters.member.2': 'BOGUS',
      'StackResourceDriftStatusFilters.member.1': 'MODIFIED',
    })
    expect(answer.status).toBe(400)
    expect(xmlText(answer.text, 'Message')).toContain("Value '[MODIFIED, BOGUS]' at 'stackResourceDriftStatusFilters'")
  })

  it('escapes XML in values it echoes', async () => {
    const answer = await query(sandbox.url, {Action: 'DescribeStacks', Version: '2010-05-15', StackName: 'a<b&"c"'})
    expect(xmlText(answer.text, 'Message')).toBe('Stack with id a&lt;b&amp;"c" does not exist')
  })

  it('logs each call with the Action as its operation and mutating false, DetectStackDrift included', async () => {
    await query(sandbox.url, {Action: 'DescribeStacks', Version: '2010-05-15'})
    await query(sandbox.url, {Action: 'DetectStackDrift', Version: '2010-05-15', StackName: 'thumbnail-service-dev'})
    await query(sandbox.url, {Action: 'NoSuchAction', Version: '2010-05-15'})
    const log = await fetchCallLog(sandbox.url)
    expect(log.map(({operation, method, path, status, mutating}) => ({operation, method, path, status, mutating}))).toEqual([
      {operation: 'DescribeStacks', method: 'POST', path: '/', status: 200, mutating: false},
      {operation: 'DetectStackDrift', method: 'POST', path: '/', status: 200, mutating: false},
      {operation: 'NoSuchAction', method: 'POST', path: '/', status: 400, mutating: false},
    ])
  })

  it('leaves API Gateway answering everything else on /: a POST without a form body, or without Action', async () => {
    const json = await fetch(`${sandbox.url}/`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"Action":"DescribeStacks"}'})
    expect(json.status).toBe(404)
    expect(json.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    const noAction = await fetch(`${sandbox.url}/`, {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'}, body: 'Version=2010-05-15'})
    expect(noAction.status).toBe(404)
    expect(noAction.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    const get = await fetch(`${sandbox.url}/?Action=DescribeStacks`)
    expect(get.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
  })
})
