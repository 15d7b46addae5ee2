// Benches that run the CLI's services give the SDK's default credential chain dummy values (the sandbox
// does not check signatures) and read no profile, shared config or instance metadata of the machine.
export function isolateAwsEnvironment(credentials = {accessKeyId: 'x', secretAccessKey: 'x'}) {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent/apigw-binfix-bench-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/apigw-binfix-bench-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  })
  for (const name of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_API_GATEWAY']) delete process.env[name]
  // The SDK warns on Node 20 about releases after January 2027; the lockfile pins today's.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
}
