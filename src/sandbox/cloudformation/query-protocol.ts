// The AWS query protocol as CloudFormation speaks it (botocore `cloudformation/2010-05-15`: protocol
// `query`, xmlNamespace `http://cloudformation.amazonaws.com/doc/2010-05-15/`): `POST /` with a form body
// `Action=X&Version=2010-05-15&…`, lists as `Name.member.N`; answers are XML, `<XResponse><XResult>…`
// then `<ResponseMetadata><RequestId>`; errors are `<ErrorResponse><Error><Type>Sender</Type><Code>…`
// with HTTP 400 (API reference, "Common Errors"; boto/boto3#2807 for a real ValidationError).

import type {IncomingHttpHeaders} from 'node:http'

export const API_VERSION = '2010-05-15'
export const XML_NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'

export class CloudFormationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message)
    this.name = code
  }
}

export const validationError = (message: string) => new CloudFormationError('ValidationError', message)

/** The form parameters of a query-protocol request, or undefined when the request is not one. */
export function queryParameters(method: string, pathname: string, headers: IncomingHttpHeaders, body: Buffer): URLSearchParams | undefined {
  if (method !== 'POST' || pathname !== '/') return undefined
  const contentType = String(headers['content-type'] ?? '').toLowerCase()
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return undefined
  const parameters = new URLSearchParams(body.toString('utf8'))
  return parameters.has('Action') ? parameters : undefined
}

/** `Name.member.1`, `Name.member.2`, … in order; undefined when none is given. */
export function memberList(parameters: URLSearchParams, name: string): string[] | undefined {
  const items: Array<[number, string]> = []
  const prefix = `${name}.member.`
  for (const [key, value] of parameters) {
    if (!key.startsWith(prefix)) continue
    const index = Number(key.slice(prefix.length))
    if (Number.isInteger(index) && index >= 1) items.push([index, value])
  }
  if (items.length === 0) return parameters.has(name) ? [] : undefined
  return items.sort((a, b) => a[0] - b[0]).map(([, value]) => value)
}

/** An XML element tree: lists become `<member>` items, Dates ISO 8601, undefined members are left out. */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | {[member: string]: XmlValue}

export function renderXml(name: string, value: XmlValue): string {
  if (value === undefined) return ''
  if (Array.isArray(value)) return `<${name}>${value.map((item) => renderXml('member', item)).join('')}</${name}>`
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([member, item]) => renderXml(member, item))
      .join('')}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** Text content needs `&`, `<` and `>` escaped (XML 1.0 §2.4); quotes stay as they are. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (char) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;'})[char]!)
}

/** `namespace`: the service's xmlNamespace (botocore's model metadata); CloudFormation's by default. */
export function resultDocument(action: string, result: {[member: string]: XmlValue}, requestId: string, namespace = XML_NAMESPACE): string {
  return (
    `<${action}Response xmlns="${namespace}">` +
    renderXml(`${action}Result`, result) +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  )
}

export function errorDocument(error: CloudFormationError, requestId: string, namespace = XML_NAMESPACE): string {
  return (
    `<ErrorResponse xmlns="${namespace}">` +
    `<Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`
  )
}
