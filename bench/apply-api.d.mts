// Types of bench/apply-api.mjs, for the TypeScript tests that import it.

export declare const APPLY_BENCH_MEDIA_TYPES: readonly string[]

export declare function resourcePath(index: number): string

export interface OpenApiDocument {
  openapi: string
  info: {title: string; version: string; description: string}
  paths: Record<string, unknown>
  components: unknown
  'x-amazon-apigateway-binary-media-types': string[]
}

export declare function generateApplyApi(resourceCount: number, options?: {drifted?: boolean}): OpenApiDocument

export type DriftedSetting =
  | {setting: 'binaryMediaType'; mediaType: string}
  | {setting: 'integration'; resourcePath: string; httpMethod: string; contentHandling: string}
  | {setting: 'integrationResponse'; resourcePath: string; httpMethod: string; statusCode: string; contentHandling: string}

export declare function driftedSettings(resourceCount: number): DriftedSetting[]
