// `apigw-binfix nosuchcmd`: oclif alone prints "command nosuchcmd not found" and exits 1. On a terminal,
// @oclif/plugin-not-found asks "Did you mean …?" and runs the command on yes; otherwise (and after a
// no, which the plugin ends with exit 127) it is a usage error: one line, or one JSON document with
// --json, naming the nearest command when one is close, and exit 2. The plugin is wired only through
// here, never as a plugin of its own: oclif would run both hooks.

import type {Hook} from '@oclif/core'

import {UsageError} from '../../core/errors.js'
import {echoed} from '../../core/quote.js'
import {errorDocument, oclifError} from '../base-command.js'

const PLUGIN_DECLINED = 127

const hook: Hook.CommandNotFound = async function (options) {
  const json = options.argv?.includes('--json') ?? false
  if (!json && process.stdin.isTTY && process.stderr.isTTY && !options.id.startsWith('-')) {
    const {default: askDidYouMean} = await import('@oclif/plugin-not-found')
    try {
      return await askDidYouMean.call(this, options)
    } catch (error) {
      if ((error as {oclif?: {exit?: number}}).oclif?.exit !== PLUGIN_DECLINED) throw error
    }
  }
  const {config} = options
  // With a space as topic separator oclif joins the words after the first into the id when they are not
  // arguments the command takes (`aduit x` arrives as aduit:x, `sandbox x` as sandbox:x); there are no
  // topics, so the first word is the command typed and the rest are arguments.
  const [typed = '', ...words] = options.id.split(':')
  const given = echoed(typed)
  let message: string
  if (options.id.startsWith('-')) {
    message = `Unknown flag ${given}; see ${config.bin} --help`
  } else if (config.findCommand(typed)) {
    message = `Unexpected argument${words.length === 1 ? '' : 's'} to ${typed}: ${words.map((word) => echoed(word)).join(', ')}`
  } else {
    const {closestName} = await import('../../core/suggest.js')
    const suggestion = closestName(typed, config.commands.filter((command) => !command.hidden).map((command) => command.id))
    message = `${given} is not an ${config.bin} command; ${suggestion ? `did you mean ${suggestion}?` : `see ${config.bin} --help for the commands`}`
  }
  const error = oclifError(new UsageError(message))
  if (json) process.stdout.write(`${JSON.stringify(errorDocument(error), null, 2)}\n`)
  else process.stderr.write(`Error: ${message}\n`)
  // Printed here: oclif's printer would add a `Code:` line. It still exits with the error's code.
  error.skipOclifErrorHandling = true
  throw error
}

export default hook
