import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

const run = promisify(execFile)

/** One AWS CLI run: the exit code and both streams, never thrown for a non-zero exit. */
export interface CliResult {
  exitCode: number
  stdout: string
  stderr: string
}

const CLI_TIMEOUT_MS = 20_000

/**
 * The environment every CLI run gets: dummy static credentials, no profile, no config or credentials
 * file, no pager, and none of the caller's other AWS_* settings (an AWS_ENDPOINT_URL or AWS_PROFILE on
 * the developer's machine must never steer a test). One attempt, so each answer is the server's own
 * and the sandbox's call log holds exactly one entry per CLI call.
 */
function cliEnvironment(accessKeyId = 'test'): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value
  // A proxy configured on a CI machine must not swallow loopback calls to the local server.
  const noProxy = [env.NO_PROXY ?? env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',')
  return {
    ...env,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  }
}

/** `aws --version`, or the reason the CLI cannot be used here. */
export async function awsCliVersion(): Promise<{version: string} | {missing: string}> {
  try {
    const {stdout, stderr} = await run('aws', ['--version'], {env: cliEnvironment(), timeout: CLI_TIMEOUT_MS})
    // CLI v1 prints its version on stderr, v2 on stdout.
    return {version: `${stdout}${stderr}`.trim()}
  } catch (error) {
    return {missing: (error as Error).message.split('\n')[0]}
  }
}

/**
 * `aws --endpoint-url <endpoint> --output json <service> <args…>`, without a shell; `accessKeyId` picks the
 * account the sandbox acts in (12 digits: that account).
 */
export async function awsCli(service: 'apigateway' | 'cloudformation' | 'sts', endpoint: string, args: readonly string[], cwd?: string, accessKeyId?: string): Promise<CliResult> {
  try {
    const {stdout, stderr} = await run('aws', ['--endpoint-url', endpoint, '--output', 'json', service, ...args], {
      env: cliEnvironment(accessKeyId),
      timeout: CLI_TIMEOUT_MS,
      cwd,
    })
    return {exitCode: 0, stdout, stderr}
  } catch (error) {
    const failure = error as Error & {code?: unknown; killed?: boolean; stdout?: string; stderr?: string}
    if (typeof failure.code !== 'number') throw error
    return {exitCode: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? ''}
  }
}

/** A successful run's JSON output; a failed run fails the test with the CLI's own stderr. */
export async function awsCliJson<T = Record<string, unknown>>(service: 'apigateway' | 'cloudformation', endpoint: string, args: readonly string[], cwd?: string): Promise<T> {
  const result = await awsCli(service, endpoint, args, cwd)
  if (result.exitCode !== 0) {
    throw new Error(`aws ${service} ${args.join(' ')} exited ${result.exitCode}:\n${result.stderr}`)
  }
  return JSON.parse(result.stdout) as T
}

export function awsApigateway(endpoint: string, args: readonly string[], cwd?: string): Promise<CliResult> {
  return awsCli('apigateway', endpoint, args, cwd)
}

export function awsApigatewayJson<T = Record<string, unknown>>(endpoint: string, args: readonly string[], cwd?: string): Promise<T> {
  return awsCliJson<T>('apigateway', endpoint, args, cwd)
}
