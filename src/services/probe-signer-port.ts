// The port verify signs its probes through (SigV4 for execute-api); src/aws/probe-signer.ts implements it
// with the control plane's credentials.

export interface ProbeSigner {
  /** The headers to add so that the request carries a SigV4 signature (service execute-api). */
  sign(request: {method: string; url: URL; headers: Record<string, string>; body?: Uint8Array}): Promise<Record<string, string>>
  close?(): void
}
