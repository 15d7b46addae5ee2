// What the control-plane transcriptions share: LocalStack's REST API fixtures (apigw_create_rest_api in
// test_apigateway_api.py, create_rest_apigw in localstack/testing/pytest/fixtures.py), each test starting
// from an account without REST APIs as those fixtures and apigw_cleanup_before_run leave it, and the
// request bodies boto3 sends with parameter validation off that the AWS SDK for JavaScript would not.
import {CreateRestApiCommand, type CreateRestApiCommandInput} from '@aws-sdk/client-api-gateway'

import {answer} from './answer.js'
import type {ConformanceContext} from './context.js'
import {shortUid} from './context.js'

export interface RestApiFixtures {
  /** apigw_create_rest_api: CreateRestApi named `test-api-<uid>` unless named; the answer, failed or not. */
  apigwCreateRestApi(input?: Partial<CreateRestApiCommandInput>): Promise<Answer>
  /** create_rest_apigw: CreateRestApi named `api-<uid>` unless named; the API's id, name and root resource. */
  createRestApigw(input?: Partial<CreateRestApiCommandInput>): Promise<{apiId: string; name: string; rootId: string}>
}

/** An answer as answer() gives it, read by the transcriptions for the ids they pass on. */
export type Answer = Record<string, any>

/** The answer to `command` as the recordings hold it, failed or not. */
export function answerTo(context: ConformanceContext) {
  return (command: object) => answer(context.client.send(command as never)) as Promise<Answer>
}

/** The SDK's output for a call the Python test makes without matching its answer; a failure throws, as boto3 raises. */
export function callerOf(context: ConformanceContext) {
  return (command: object) => context.client.send(command as never) as Promise<Record<string, any>>
}

/** The fixtures over `context`; every test of the file starts without REST APIs. */
export function restApiFixtures(context: ConformanceContext): RestApiFixtures {
  // The fixtures delete what they made after each test, and test_apigateway_api.py's classes start by
  // deleting every REST API in the account: listings in the recordings hold only the test's own APIs.
  afterEach(async () => {
    await fetch(`${context.sandbox.url}/_sandbox/reset`, {method: 'POST'})
  })
  return {
    async apigwCreateRestApi(input = {}) {
      return (await answer(context.client.send(new CreateRestApiCommand({name: `test-api-${shortUid()}`, ...input})))) as Answer
    },
    async createRestApigw(input = {}) {
      const created = await context.client.send(new CreateRestApiCommand({name: `api-${shortUid()}`, ...input}))
      return {apiId: created.id!, name: created.name!, rootId: created.rootResourceId!}
    },
  }
}

interface SerializedRequest {
  body?: unknown
  headers: Record<string, string>
}

/**
 * `command` with `members` written over its serialized JSON body: what boto3 sends with parameter
 * validation off where the AWS SDK for JavaScript would send something else (it drops a null from a map).
 */
export function withBodyMembers<C extends {middlewareStack: {add(middleware: unknown, options: object): void}}>(command: C, members: Record<string, unknown>): C {
  command.middlewareStack.add(
    (next: (args: {request: SerializedRequest}) => Promise<unknown>) => async (args: {request: SerializedRequest}) => {
      const body = JSON.stringify({...(JSON.parse(String(args.request.body ?? '{}')) as object), ...members})
      args.request.body = body
      args.request.headers['content-length'] = String(Buffer.byteLength(body))
      return next(args)
    },
    {step: 'build', name: 'conformanceBodyMembers'},
  )
  return command
}
