// Signs verify's probes with SigV4 (service execute-api) for routes authorized with AWS_IAM, with the
// credentials the control plane's client resolves (profile, environment, SSO, instance role …), so a
// probe is signed by whoever runs the command (developer guide, "Call an API with IAM authorization").

import {createHash, createHmac} from 'node:crypto'

import type {ProbeSigner} from '../services/probe-signer-port.js'

type SourceData = string | ArrayBuffer | ArrayBufferView

function bytesOf(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return Buffer.from(data)
}

/** The SHA-256 (and HMAC-SHA-256 with a secret) the signer needs, on node:crypto. */
class NodeSha256 {
  private hash

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret))
  }

  update(data: SourceData): void {
    this.hash.update(bytesOf(data))
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest())
  }
}

export interface SignerSettings {
  region: string
  /** The API Gateway client's own credential provider. */
  credentials: () => Promise<{accessKeyId: string; secretAccessKey: string; sessionToken?: string}>
}

export async function probeSigner(settings: SignerSettings): Promise<ProbeSigner> {
  const {SignatureV4} = await import('@smithy/signature-v4')
  // execute-api paths are escaped once more for the canonical request, as for every service but S3.
  const signer = new SignatureV4({credentials: settings.credentials, region: settings.region, service: 'execute-api', sha256: NodeSha256, uriEscapePath: true})
  return {
    async sign({method, url, headers, body}) {
      const query: Record<string, string | string[]> = {}
      for (const [name, value] of url.searchParams) {
        const previous = query[name]
        query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value]
      }
      const signed = await signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port === '' ? {} : {port: Number(url.port)}),
        path: url.pathname,
        query,
        headers: {...headers, host: url.host},
        ...(body === undefined ? {} : {body}),
      })
      const given = new Set(Object.keys(headers).map((name) => name.toLowerCase()))
      return Object.fromEntries(Object.entries(signed.headers).filter(([name]) => !given.has(name.toLowerCase()) && name.toLowerCase() !== 'host'))
    },
  }
}
