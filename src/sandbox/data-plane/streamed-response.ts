// A method response whose body streams (responseTransferMode STREAM): status and headers known, the body's
// bytes still arriving. API Gateway sends it as it receives it, never converting it: no binaryMediaTypes,
// no contentHandling, no base64 (developer guide, response-transfer-mode.html: "Receive a binary payload
// without configuring the binary media types"; not with STREAM: content encoding, VTL response transforms).

import type {ServerResponse} from 'node:http'

export interface StreamedResponse {
  kind: 'streamed'
  statusCode: number
  headers: Array<[string, string]>
  body: ChunkQueue
}

/**
 * The bytes of a stream as an async iterable, fed by a producer that runs at its own pace (a function
 * writing, a backend sending). `fail` ends it with an error the reader meets after what came before.
 */
export class ChunkQueue implements AsyncIterable<Buffer> {
  private readonly chunks: Buffer[] = []
  private ended = false
  private failure: unknown = undefined
  private wake: (() => void) | undefined

  push(bytes: Uint8Array): void {
    if (this.ended || bytes.byteLength === 0) return
    this.chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    this.signal()
  }

  end(): void {
    this.ended = true
    this.signal()
  }

  fail(error: unknown): void {
    if (this.ended) return
    this.failure = error
    this.ended = true
    this.signal()
  }

  /** Puts bytes back at the head, for a reader that took more than it needed. */
  unshift(bytes: Buffer): void {
    if (bytes.length > 0) this.chunks.unshift(bytes)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const next = this.chunks.shift()
      if (next !== undefined) {
        yield next
        continue
      }
      if (this.ended) {
        if (this.failure !== undefined) throw this.failure
        return
      }
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
  }

  private signal(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }
}

/**
 * Sends a streamed answer chunked, each piece as it comes. A stream that fails after the status went out
 * cannot become an error answer any more: the connection is cut, as a client of a broken stream sees it.
 */
export async function writeStreamedResponse(response: ServerResponse, answer: StreamedResponse, headers: string[]): Promise<void> {
  response.writeHead(answer.statusCode, [...headers, 'Transfer-Encoding', 'chunked'])
  response.flushHeaders()
  try {
    for await (const chunk of answer.body) {
      if (response.destroyed) return
      if (!response.write(chunk)) await new Promise<void>((resolve) => (response.once('drain', resolve), response.once('close', resolve)))
    }
    response.end()
  } catch {
    response.destroy()
  }
}
