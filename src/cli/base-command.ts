import {Command, Errors, ux} from '@oclif/core'
import type {Input, ParserOutput} from '@oclif/core/interfaces'

import {BinfixError, DeclinedError, UsageError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import {type ErrorDocument, errorDocument as publishedErrorDocument} from '../ui/json/error-document.js'
import {JSON_SCHEMA_VERSION} from '../ui/json/schema-version.js'
import {type KnownFlag, parseFailureLine} from './parse-failure.js'

export {JSON_SCHEMA_VERSION}

/**
 * Shared behaviour: `--json` prints exactly one document carrying `schemaVersion`, errors included,
 * and the exit code follows the contract in both modes (oclif alone would exit 1 for usage errors
 * under --json and dump its whole parse context).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  /** Plain JSON: oclif colourises it, which pipes and `NO_COLOR` users do not want. */
  override logJson(json: unknown): void {
    ux.stdout(JSON.stringify(json, null, 2))
  }

  /**
   * Whatever the parser refuses (unknown, repeated or valueless flags, bad values, conflicts, extra
   * arguments) is a usage error: one line, exit 2. oclif's own errors carry 1 for some of these, several
   * lines for others, and for unknown flags a page of help.
   */
  protected override async parse<F extends {[name: string]: any}, B extends {[name: string]: any}, A extends {[name: string]: any}>(
    options?: Input<F, B, A>,
    argv?: string[],
  ): Promise<ParserOutput<F, B, A>> {
    try {
      return await super.parse(options, argv)
    } catch (error) {
      // It did parse; without this oclif's development mode warns that the command forgot to.
      this.parsed = true
      throw new UsageError(await parseFailureLine(error, this.knownFlags(options)))
    }
  }

  private knownFlags(options: {flags?: object; baseFlags?: object} | undefined): KnownFlag[] {
    const input = options ?? this.ctor
    const flags = {...input.baseFlags, ...input.flags} as Record<string, {char?: string; allowNo?: boolean}>
    const known: KnownFlag[] = Object.entries(flags).map(([name, flag]) => ({name, char: flag.char, allowNo: flag.allowNo}))
    return this.ctor.enableJsonFlag && !('json' in flags) ? [...known, {name: 'json'}] : known
  }

  /** Commands return their published document (src/ui/json/), which carries schemaVersion already. */
  protected override toSuccessJson(result: unknown): unknown {
    if (typeof result === 'object' && result !== null && 'schemaVersion' in result) return result
    if (typeof result === 'object' && result !== null && !Array.isArray(result)) {
      return {schemaVersion: JSON_SCHEMA_VERSION, ...result}
    }
    return {schemaVersion: JSON_SCHEMA_VERSION, result}
  }

  protected override toErrorJson(error: unknown): unknown {
    return errorDocument(error)
  }

  protected override async catch(thrown: Error & {exitCode?: number}): Promise<unknown> {
    // Ctrl-C at an inquirer prompt: one line and exit 130, like a "no" at the prompt.
    const caught: Error = thrown.name === 'ExitPromptError' ? new DeclinedError('Interrupted at the prompt; nothing written') : thrown
    process.exitCode = exitCodeOf(caught)
    if (caught instanceof BinfixError) {
      const error = oclifError(caught)
      if (!this.jsonEnabled()) {
        // oclif's printer adds a `Code:` line, wraps at 80 columns and prints stacks in dev mode; the
        // contract is one line. oclif still exits with the error's code, without printing it again.
        this.logToStderr(`Error: ${error.message}`)
        error.skipOclifErrorHandling = true
      }
      return super.catch(error)
    }
    const error: Error & {exitCode?: number} = caught
    error.exitCode = process.exitCode
    return super.catch(error)
  }
}

/**
 * The project's own failure as oclif's error, which oclif's handler exits with: the same message, kind
 * (`code`) and exit code. Only the command line knows oclif; the layers below throw plain BinfixErrors.
 */
export function oclifError(error: BinfixError): Errors.CLIError & {exitCode: number} {
  const converted = Object.assign(new Errors.CLIError(error.message, {exit: error.exitCode, code: error.code}), {exitCode: error.exitCode})
  converted.cause = error
  return converted
}

/** The one --json document of a failure (also printed for an unknown command, where no command runs). */
export function errorDocument(error: unknown): ErrorDocument {
  const failure = error as Errors.CLIError & {code?: string}
  return publishedErrorDocument({code: failure.code ?? failure.name, message: failure.message, exitCode: exitCodeOf(error)})
}

function exitCodeOf(error: unknown): number {
  const oclifExit = (error as {oclif?: {exit?: number}}).oclif?.exit
  if (typeof oclifExit === 'number') return oclifExit
  if ((error as {name?: string}).name === 'ExitPromptError') return ExitCode.interrupted
  return ExitCode.failure
}
