// The IAM policy a Lambda authorizer returns, evaluated against the request's method ARN as API Gateway
// evaluates it (developer guide "Output from an API Gateway Lambda authorizer" and "Resources and
// conditions for Lambda authorizers"): a Deny that matches wins, else an Allow that matches allows, else
// the request is denied implicitly. Resource and Action patterns take `*` (any run) and `?` (one character).

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny'

interface Statement {
  Effect: string
  Action?: string | string[]
  Resource?: string | string[]
}

/** The statements of a policy document, or undefined when it is not one (the authorizer's output is then invalid). */
export function policyStatements(document: unknown): Statement[] | undefined {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return undefined
  const raw = (document as Record<string, unknown>).Statement
  const statements = Array.isArray(raw) ? raw : raw !== undefined && raw !== null && typeof raw === 'object' ? [raw] : undefined
  if (statements === undefined) return undefined
  for (const statement of statements) {
    if (statement === null || typeof statement !== 'object') return undefined
    const {Effect, Action, Resource} = statement as Record<string, unknown>
    if (Effect !== 'Allow' && Effect !== 'Deny') return undefined
    if (!isPatternList(Action) || !isPatternList(Resource)) return undefined
  }
  return statements as Statement[]
}

function isPatternList(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
}

export function evaluatePolicy(statements: readonly Statement[], methodArn: string): PolicyDecision {
  const matching = statements.filter((statement) => matchesAny(statement.Action, 'execute-api:Invoke') && matchesAny(statement.Resource, methodArn))
  if (matching.some((statement) => statement.Effect === 'Deny')) return 'explicit-deny'
  return matching.some((statement) => statement.Effect === 'Allow') ? 'allow' : 'implicit-deny'
}

function matchesAny(patterns: string | string[] | undefined, value: string): boolean {
  return (typeof patterns === 'string' ? [patterns] : patterns ?? []).some((pattern) => wildcard(pattern).test(value))
}

// IAM matches actions case-insensitively and resources as written.
function wildcard(pattern: string): RegExp {
  const source = pattern.replaceAll(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')
  return new RegExp(`^${source}$`, pattern.startsWith('execute-api:') || pattern === '*' ? 'is' : 's')
}
