// Bad verify input (a probe the stage cannot serve, a size that is not one): one line naming the entry,
// flag or value. The service turns it into a usage error.

export class VerifyInputError extends Error {
  override readonly name = 'VerifyInputError'
}
