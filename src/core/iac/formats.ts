// The deploy tools `iac` writes for. A value module without dependencies, so commands can name the
// formats in their flags without loading the generators.

export const IAC_FORMATS = ['cloudformation', 'sam', 'serverless', 'cdk', 'terraform'] as const

export type IacFormat = (typeof IAC_FORMATS)[number]

export function isIacFormat(value: string): value is IacFormat {
  return (IAC_FORMATS as readonly string[]).includes(value)
}
