// Help text is written one paragraph a line, so oclif wraps it to the terminal's width: a line break
// inside a paragraph would show as a ragged break on every terminal wider or narrower than the source.
import type {Command} from '@oclif/core'

import {COMMANDS} from '../../commands/index.js'

const LIST_ITEM = /^\s*([-*•]|\d+[.)])\s/

/** The line breaks inside paragraphs (blank lines separate paragraphs; list items start their own line). */
function breaksInsideParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) => paragraph.split('\n').slice(1))
    .filter((line) => !LIST_ITEM.test(line))
}

type Texts = Array<[where: string, text: string]>

function helpTexts(id: string, command: Command.Class): Texts {
  const texts: Texts = [
    [`${id} summary`, command.summary ?? ''],
    [`${id} description`, command.description ?? ''],
  ]
  for (const [name, flag] of Object.entries(command.flags ?? {})) {
    texts.push([`${id} --${name} summary`, flag.summary ?? ''], [`${id} --${name} description`, flag.description ?? ''])
  }
  for (const [name, arg] of Object.entries(command.args ?? {})) texts.push([`${id} <${name}> description`, arg.description ?? ''])
  return texts
}

const everyText = Object.entries(COMMANDS).flatMap(([id, command]) => helpTexts(id, command as unknown as Command.Class))

test('every command has a description to check', () => {
  for (const command of Object.values(COMMANDS)) expect(command.description?.length ?? 0).toBeGreaterThan(0)
})

test('no help text breaks a line inside a paragraph', () => {
  const offenders = everyText.flatMap(([where, text]) => breaksInsideParagraphs(text).map((line) => `${where}: …${line.slice(0, 40)}`))
  expect(offenders).toEqual([])
})

test('summaries are one line', () => {
  const multiLine = everyText.filter(([where, text]) => where.endsWith('summary') && text.includes('\n')).map(([where]) => where)
  expect(multiLine).toEqual([])
})

test('the check sees breaks inside a paragraph, and only there', () => {
  expect(breaksInsideParagraphs('One paragraph\nbroken by hand.\n\nAnother one.')).toEqual(['broken by hand.'])
  expect(breaksInsideParagraphs('A list:\n- one\n- two\n\nSteps:\n1. read\n2. write')).toEqual([])
})
