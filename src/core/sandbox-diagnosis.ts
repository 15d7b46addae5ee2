// What the sandbox says, next to an answer it gives exactly as AWS would, about why it gave it when the
// reason is the sandbox's own set-up rather than the API's configuration. AWS sends no such header: the
// answer itself stays faithful, and verify reads the header to blame the set-up instead of a setting.
// One module for both sides, so the sandbox writes what verify parses.

/** Lower-case, as Node's `IncomingMessage.headers` and verify's observations name headers. */
export const SANDBOX_DIAGNOSIS_HEADER = 'x-apigw-binfix-sandbox-diagnosis'

export type SandboxDiagnosis =
  /** A Lambda integration names a function the sandbox was given no handler module for. */
  | {kind: 'no-lambda-handler'; functionName: string}
  /** An AWS integration calls a service the sandbox has no stand-in for (Kinesis, DynamoDB, SQS …). */
  | {kind: 'unmodelled-service'; service: string}

/** One line, safe as an HTTP header value: characters outside printable ASCII are percent-encoded. */
export function formatSandboxDiagnosis(diagnosis: SandboxDiagnosis): string {
  if (diagnosis.kind === 'unmodelled-service') {
    return `AWS service ${headerSafe(diagnosis.service)} is not modelled by the sandbox: ${UNMODELLED_ADVICE}`
  }
  const name = headerSafe(diagnosis.functionName)
  return `no local handler for Lambda function ${name}: start the sandbox with ${registrationHint(name)}`
}

/** What a user can do about a route whose integration calls a service the sandbox does not model. */
const UNMODELLED_ADVICE = 'it answers 500 as AWS does for a failed integration; rehearse this route on AWS'

/** The flags that give the sandbox a handler for the function `name`. */
export function registrationHint(functionName: string): string {
  return `--lambda ${functionName}=FILE or --functions DIR (with DIR/${functionName}.mjs)`
}

const NO_LAMBDA_HANDLER = /^no local handler for Lambda function (\S+): /
const UNMODELLED_SERVICE = /^AWS service (\S+) is not modelled by the sandbox: /

/** The diagnosis in a header value, or undefined for a value this version does not know. */
export function parseSandboxDiagnosis(value: string | undefined): SandboxDiagnosis | undefined {
  if (value === undefined) return undefined
  const functionName = NO_LAMBDA_HANDLER.exec(value)?.[1]
  if (functionName !== undefined) return {kind: 'no-lambda-handler', functionName}
  const service = UNMODELLED_SERVICE.exec(value)?.[1]
  return service === undefined ? undefined : {kind: 'unmodelled-service', service}
}

// Node refuses header values with characters outside Latin-1 or with line breaks, and the name comes
// from an integration URI after percent-decoding; spaces are encoded too, so the name stays one word.
function headerSafe(text: string): string {
  const safe = text.replace(/[^\x21-\x7e]/gu, (character) => [...Buffer.from(character, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''))
  return safe === '' ? '""' : safe
}
