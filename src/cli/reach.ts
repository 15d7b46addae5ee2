import type {Reach} from '../core/command-line.js'
import type {AwsFlagValues} from './aws-flags.js'

/**
 * What printed commands repeat so that, pasted in another shell, they reach the same API: the flags given,
 * else the environment that stood in for them. The Region is the one the run resolved, when known.
 */
export function reachOf(flags: AwsFlagValues & {history?: string}, resolvedRegion?: string | null, env: NodeJS.ProcessEnv = process.env): Reach {
  const region = resolvedRegion ?? flags.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined)
  const profile = flags.profile ?? (env.AWS_PROFILE || undefined)
  const endpointUrl = flags['endpoint-url'] ?? (env.AWS_ENDPOINT_URL_API_GATEWAY || env.AWS_ENDPOINT_URL || undefined)
  const history = flags.history ?? (env.APIGW_BINFIX_HISTORY || undefined)
  return {...(region ? {region} : {}), ...(profile ? {profile} : {}), ...(endpointUrl ? {endpointUrl} : {}), ...(history ? {history} : {})}
}

const REACH_FLAGS = new Set(['--region', '--profile', '--endpoint-url', '--history'])

/** The words of a command line without the flags `reachOf` stands for (they are added back from it). */
export function withoutReachFlags(argv: readonly string[]): string[] {
  const kept: string[] = []
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!
    if (word === '--') {
      kept.push(...argv.slice(index))
      break
    }
    if (REACH_FLAGS.has(word)) index++
    else if (!REACH_FLAGS.has(word.split('=')[0]!)) kept.push(word)
  }
  return kept
}
