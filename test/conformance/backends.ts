// The HTTP endpoints LocalStack's tests point HTTP and HTTP_PROXY integrations at, as local servers on free
// ports: httpbin.org (what `echo_http_server_post` and `apigw_echo_http_server_post` are against AWS) and
// Lambda function URLs serving the stand-in functions of fixtures/functions/localstack/.
import {randomBytes, randomUUID} from 'node:crypto'
import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {pathToFileURL} from 'node:url'

export interface Backend {
  /** Where it answers, without a trailing slash: `http://127.0.0.1:PORT`. */
  url: string
  close(): Promise<void>
}

async function listen(server: Server): Promise<Backend> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

// The framing headers a server of our own writes explicitly, so that Node adds no Keep-Alive of its own.
function answer(response: ServerResponse, status: number, headers: Array<[string, string]>, body: Buffer): void {
  response.writeHead(status, [...headers, ['Content-Length', String(body.length)], ['Connection', 'keep-alive']].flat())
  response.end(body)
}

// Headers httpbin hides unless asked with show_env (httpbin/helpers.py ENV_HEADERS); Connection is not shown
// either (the fixture standing in for httpbin locally pops it too).
const HTTPBIN_HIDDEN = new Set(
  [
    'X-Varnish',
    'X-Request-Start',
    'X-Heroku-Queue-Depth',
    'X-Real-Ip',
    'X-Forwarded-Proto',
    'X-Forwarded-Protocol',
    'X-Forwarded-Ssl',
    'X-Heroku-Queue-Wait-Time',
    'X-Forwarded-For',
    'X-Heroku-Dynos-In-Use',
    'X-Forwarded-Port',
    'X-Request-Id',
    'Via',
    'Total-Route-Time',
    'Connect-Time',
    'Connection',
  ].map((name) => name.toLowerCase()),
)

/** Werkzeug's spelling of a header name from the WSGI environ: each word capitalised. */
function titleCased(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('-')
}

/**
 * httpbin.org as the tests see it (httpbin 0.9.2 behind gunicorn 19.9.0): any path answers the request as
 * JSON (`args`, `data`, `files`, `form`, `headers` with Werkzeug's spelling, `json`, `origin`, `url`),
 * with gunicorn's and httpbin's response headers.
 */
export async function startHttpbin(): Promise<Backend> {
  const server = createServer(async (request, response) => {
    const body = await readBody(request)
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`)
    const args: Record<string, string | string[]> = {}
    for (const [key, value] of url.searchParams) {
      const previous = args[key]
      args[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value]
    }
    const headers: Record<string, string> = {}
    for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
      const name = request.rawHeaders[index]!
      if (HTTPBIN_HIDDEN.has(name.toLowerCase())) continue
      const key = titleCased(name)
      headers[key] = headers[key] === undefined ? request.rawHeaders[index + 1]! : `${headers[key]},${request.rawHeaders[index + 1]}`
    }
    const text = body.toString('utf8')
    let json: unknown = null
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
    const result = {args, data: text, files: {}, form: {}, headers, json, origin: request.socket.remoteAddress?.replace(/^::ffff:/, ''), url: url.href}
    answer(
      response,
      200,
      [
        ['Date', new Date().toUTCString()],
        ['Content-Type', 'application/json'],
        ['Server', 'gunicorn/19.9.0'],
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Credentials', 'true'],
      ],
      Buffer.from(`${JSON.stringify(result, null, 2)}\n`),
    )
  })
  return listen(server)
}

// Content types a function URL hands to the function as text; any other body arrives base64-encoded
// (Lambda developer guide, "Invoking Lambda function URLs": request payload format).
const TEXT_CONTENT_TYPE = /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded|yaml))/i

/**
 * A Lambda function URL serving the stand-in `module` (a path under fixtures/functions/localstack/) with
 * the environment variables `environment`: the request becomes a payload 2.0 event, with what the URL's
 * front end adds (x-forwarded-*, the TLS headers of the HTTPS endpoint it stands in for, the trace header
 * with a Self= part before an incoming one), and the function's answer becomes the response as function
 * URLs build it: a string is a 200 JSON body, a map with statusCode gives status, headers and body (a body
 * that is no string is sent as JSON); Lambda's x-amzn-RequestId and X-Amzn-Trace-Id come with it.
 */
export async function startFunctionUrl(module: URL, environment: Record<string, string> = {}): Promise<Backend> {
  const {handler} = (await import(pathToFileURL(module.pathname).href)) as {handler: (event: unknown) => Promise<unknown>}
  const server = createServer(async (request, response) => {
    const body = await readBody(request)
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`)
    const headers: Record<string, string> = {}
    for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
      const name = request.rawHeaders[index]!.toLowerCase()
      if (name === 'connection') continue
      headers[name] = headers[name] === undefined ? request.rawHeaders[index + 1]! : `${headers[name]},${request.rawHeaders[index + 1]}`
    }
    const sourceIp = request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1'
    const incomingTrace = headers['x-amzn-trace-id']
    headers['x-amzn-trace-id'] = incomingTrace === undefined ? `Root=${traceId()}` : `Self=${traceId()};${incomingTrace}`
    headers['x-amzn-tls-cipher-suite'] = 'TLS_AES_128_GCM_SHA256'
    headers['x-amzn-tls-version'] = 'TLSv1.3'
    headers['x-forwarded-for'] ??= sourceIp
    headers['x-forwarded-port'] = String((request.socket.address() as AddressInfo).port)
    headers['x-forwarded-proto'] = 'http'
    const query: Record<string, string> = {}
    for (const [key, value] of url.searchParams) query[key] = query[key] === undefined ? value : `${query[key]},${value}`
    const isText = body.length === 0 || TEXT_CONTENT_TYPE.test(headers['content-type'] ?? '')
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(Object.keys(query).length > 0 ? {queryStringParameters: query} : {}),
      requestContext: {
        accountId: 'anonymous',
        apiId: 'function-url',
        domainName: headers.host,
        domainPrefix: (headers.host ?? '').split('.')[0],
        http: {method: request.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp, userAgent: headers['user-agent']},
        requestId: randomUUID(),
        routeKey: '$default',
        stage: '$default',
        time: new Date().toUTCString(),
        timeEpoch: Date.now(),
      },
      ...(body.length > 0 ? {body: isText ? body.toString('utf8') : body.toString('base64')} : {}),
      isBase64Encoded: !isText,
    }
    const result = await withEnvironment(environment, () => handler(event))
    const lambdaHeaders: Array<[string, string]> = [
      ['Date', new Date().toUTCString()],
      ['x-amzn-RequestId', randomUUID()],
      ['X-Amzn-Trace-Id', `Root=${traceId()};Parent=${randomBytes(8).toString('hex')};Sampled=0;Lineage=1:${randomBytes(4).toString('hex')}:0`],
    ]
    if (typeof result === 'object' && result !== null && 'statusCode' in result) {
      const {statusCode, headers: returned = {}, body: returnedBody = ''} = result as {statusCode: number; headers?: Record<string, string>; body?: unknown}
      const text = typeof returnedBody === 'string' ? returnedBody : JSON.stringify(returnedBody)
      answer(response, statusCode, [...Object.entries(returned), ...lambdaHeaders], Buffer.from(text))
    } else {
      answer(response, 200, [['Content-Type', 'application/json'], ...lambdaHeaders], Buffer.from(typeof result === 'string' ? result : JSON.stringify(result)))
    }
  })
  return listen(server)
}

function traceId(): string {
  return `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`
}

// The handler reads its environment when it starts, so the variables are in place for the call's first step.
async function withEnvironment<T>(environment: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(environment).map((key) => [key, process.env[key]]))
  Object.assign(process.env, environment)
  try {
    return await run()
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}
