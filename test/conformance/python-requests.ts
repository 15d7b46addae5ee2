// The requests LocalStack's tests send with Python's `requests` (2.32), as they reach the server: the
// session's default headers (User-Agent, Accept-Encoding, Accept, Connection) merged with the test's
// (case-insensitively: the default keeps its place, the test's spelling wins), a `json=` body as Python's
// json.dumps writes it with its Content-Type, Content-Length 0 for a body-less POST, `params=` appended
// url-encoded, the URL requoted (a space as %20) and cut at "#". And the answers as the tests read them:
// `response.headers` joins repeated headers with ", " and keeps the server's spelling; bodies as bytes,
// whose Python repr some tests record.
import {Agent, request as httpRequest} from 'node:http'

// requests.utils.default_user_agent() and default_headers(); the recordings were made with 2.32.
const DEFAULT_HEADERS: Array<[string, string]> = [
  ['User-Agent', 'python-requests/2.32.3'],
  ['Accept-Encoding', 'gzip, deflate'],
  ['Accept', '*/*'],
  ['Connection', 'keep-alive'],
]

export interface PythonRequest {
  headers?: Record<string, string | null>
  /** `data=`: sent as given. */
  data?: string | Buffer
  /** `json=`: Python's json.dumps of it, with Content-Type: application/json. */
  json?: unknown
  /** `params=`: appended to the query, a list as repeated keys. */
  params?: Record<string, string | string[]>
  /** The Host header, when the request goes elsewhere than the URL's host names (a stand-in for it). */
  host?: string
}

export interface PythonResponse {
  status: number
  /** `dict(response.headers)`. */
  headers: Record<string, string>
  /** `response.content`. */
  content: Buffer
  /** `response.text` (UTF-8). */
  text: string
  /** `response.json()`. */
  json(): any
  ok: boolean
}

/** A `requests` session over one keep-alive agent; `close()` ends its sockets. */
export class PythonRequests {
  private readonly agent = new Agent({keepAlive: true})

  get(url: string, options: PythonRequest = {}): Promise<PythonResponse> {
    return this.request('GET', url, options)
  }

  post(url: string, options: PythonRequest = {}): Promise<PythonResponse> {
    return this.request('POST', url, options)
  }

  put(url: string, options: PythonRequest = {}): Promise<PythonResponse> {
    return this.request('PUT', url, options)
  }

  delete(url: string, options: PythonRequest = {}): Promise<PythonResponse> {
    return this.request('DELETE', url, options)
  }

  request(method: string, url: string, options: PythonRequest = {}): Promise<PythonResponse> {
    const target = new URL(requote(url))
    if (options.params) {
      const query = Object.entries(options.params).flatMap(([key, values]) => (Array.isArray(values) ? values : [values]).map((value) => `${quotePlus(key)}=${quotePlus(value)}`))
      target.search = [target.search.slice(1), ...query].filter(Boolean).join('&')
    }
    const headers = mergedHeaders(options.headers ?? {})
    let body: Buffer | undefined
    if (options.json !== undefined) {
      body = Buffer.from(pythonJsonDumps(options.json))
      if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json'])
    } else if (options.data !== undefined) {
      body = typeof options.data === 'string' ? Buffer.from(options.data) : options.data
    }
    const chunked = headers.some(([name, value]) => name.toLowerCase() === 'transfer-encoding' && /chunked/i.test(value))
    // requests.models.prepare_content_length: the body's length, and 0 for a method that may carry one.
    if (!chunked && (body !== undefined || !['GET', 'HEAD'].includes(method))) headers.push(['Content-Length', String(body?.length ?? 0)])
    const raw = [['Host', options.host ?? target.host] as [string, string], ...headers].flat()
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(target, {method, headers: raw, setHost: false, agent: this.agent}, (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () => {
          const content = Buffer.concat(chunks)
          const text = content.toString('utf8')
          const status = incoming.statusCode!
          resolve({status, headers: headerDict(incoming.rawHeaders), content, text, json: () => JSON.parse(text), ok: status < 400})
        })
        incoming.on('error', reject)
      })
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  }

  close(): void {
    this.agent.destroy()
  }
}

function mergedHeaders(given: Record<string, string | null>): Array<[string, string]> {
  const merged: Array<[string, string | null]> = DEFAULT_HEADERS.map(([name, value]) => [name, value])
  for (const [name, value] of Object.entries(given)) {
    const at = merged.findIndex(([existing]) => existing.toLowerCase() === name.toLowerCase())
    if (at >= 0) merged[at] = [name, value]
    else merged.push([name, value])
  }
  // A header set to None is not sent.
  return merged.filter((pair): pair is [string, string] => pair[1] !== null)
}

// requests.utils.requote_uri as far as the tests' URLs need it, and urllib3 leaving the fragment out.
function requote(url: string): string {
  return url.split('#', 1)[0]!.replaceAll(' ', '%20')
}

// urllib.parse.quote_plus, which requests uses for params.
function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+')
}

/** `dict(response.headers)`: urllib3 joins a repeated header with ", " under its first spelling. */
export function headerDict(rawHeaders: readonly string[]): Record<string, string> {
  const dict: Record<string, string> = {}
  const spelling = new Map<string, string>()
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!
    const value = rawHeaders[index + 1]!
    const first = spelling.get(name.toLowerCase())
    if (first === undefined) {
      spelling.set(name.toLowerCase(), name)
      dict[name] = value
    } else dict[first] = `${dict[first]}, ${value}`
  }
  return dict
}

/** `{k.lower(): v for k, v in dict(response.headers).items()}`, as several tests build it. */
export function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

/** Python's json.dumps with its default separators (", ", ": ") and ensure_ascii. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'boolean' || typeof value === 'number') return String(value)
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${pythonJsonDumps(key)}: ${pythonJsonDumps(item)}`)
    .join(', ')}}`
}

/** Python's repr of bytes, which the snapshots record for `response.content`: b'…'. */
export function pythonBytes(bytes: Buffer): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'"
  let out = `b${quote}`
  for (const byte of bytes) {
    if (byte === 0x5c) out += '\\\\'
    else if (byte === quote.charCodeAt(0)) out += `\\${quote}`
    else if (byte === 0x09) out += '\\t'
    else if (byte === 0x0a) out += '\\n'
    else if (byte === 0x0d) out += '\\r'
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte)
    else out += `\\x${byte.toString(16).padStart(2, '0')}`
  }
  return `${out}${quote}`
}

/** `xmltodict.parse` of a document of plain elements (no attributes), as S3's error answers are. */
export function xmlToDict(xml: string): Record<string, unknown> {
  const text = xml.replace(/^<\?xml[^>]*\?>\s*/, '')
  const [value, rest] = element(text.trim())
  if (rest.trim() !== '') throw new Error(`xmlToDict: text after the root element: ${rest.slice(0, 40)}`)
  return value
}

function element(text: string): [Record<string, unknown>, string] {
  const open = /^<([A-Za-z_][\w.-]*)>/.exec(text)
  if (!open) throw new Error(`xmlToDict: expected an element at ${text.slice(0, 40)}`)
  const name = open[1]!
  let rest = text.slice(open[0].length)
  const close = `</${name}>`
  if (!rest.trimStart().startsWith('<') || rest.startsWith(close)) {
    const end = rest.indexOf(close)
    const value = rest.slice(0, end)
    return [{[name]: value === '' ? null : unescapeXml(value)}, rest.slice(end + close.length)]
  }
  const children: Record<string, unknown> = {}
  rest = rest.trimStart()
  while (!rest.startsWith(close)) {
    const [child, after] = element(rest)
    Object.assign(children, child)
    rest = after.trimStart()
  }
  return [{[name]: children}, rest.slice(close.length)]
}

function unescapeXml(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&')
}
