// Commands printed for the person to paste: next steps (`apigw-binfix rollback …`) and fixes by hand
// (`aws apigateway …`). Pasted, they must reach the same API the run reached: the same Region, profile,
// endpoint (the sandbox) and journals. Credentials are never part of it.

/** How a run reached its API, as flags a printed command repeats. */
export interface Reach {
  region?: string
  profile?: string
  endpointUrl?: string
  /** The journal directory, when not the default. */
  history?: string
}

/** POSIX single quoting, only where a word needs it. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`
}

/** The flags both CLIs share for reaching AWS. */
function connectionFlags(reach: Reach): string[] {
  return [
    ...(reach.region ? ['--region', reach.region] : []),
    ...(reach.profile ? ['--profile', reach.profile] : []),
    ...(reach.endpointUrl ? ['--endpoint-url', reach.endpointUrl] : []),
  ]
}

/** `apigw-binfix ARGS` with the flags that reach the same API; `history` for commands that read journals. */
export function binfixCommandLine(args: readonly string[], reach: Reach, options: {history?: boolean} = {}): string {
  const words = ['apigw-binfix', ...args, ...connectionFlags(reach), ...(options.history && reach.history ? ['--history', reach.history] : [])]
  return words.map(shellQuote).join(' ')
}

/** ` --region R [--profile P] [--endpoint-url U]`, appended to an `aws apigateway …` command. */
export function awsCliReachFlags(reach: Reach): string {
  return connectionFlags(reach)
    .map((word) => ` ${shellQuote(word)}`)
    .join('')
}
