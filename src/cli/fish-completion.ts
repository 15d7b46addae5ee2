// Completion for fish, which oclif's autocomplete plugin does not offer (it writes bash, zsh and
// PowerShell): one `complete` line per command and per flag, from the same command metadata --help uses.

import type {Command} from '@oclif/core'

// Flags whose value is a path: fish offers files for them, and for no other value.
const PATH_FLAGS = new Set(['spec', 'plan', 'out', 'journal', 'history', 'state', 'import', 'import-stack', 'functions'])

/** Single quotes, a quote inside written '\'' : read the same by fish and by POSIX shells. */
function quoted(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}

function summaryOf(item: {summary?: string; description?: string}, bin: string): string {
  return (item.summary ?? item.description ?? '').split('\n')[0]!.trim().replaceAll('<%= config.bin %>', bin)
}

export function fishCompletion(bin: string, commands: readonly Command.Loadable[]): string {
  const lines = [`# fish completion for ${bin}; save as ~/.config/fish/completions/${bin}.fish`, `complete -c ${bin} -f`]
  const visible = commands.filter((command) => !command.hidden).sort((a, b) => a.id.localeCompare(b.id))
  for (const command of visible.filter((entry) => !entry.id.includes(':'))) {
    lines.push(`complete -c ${bin} -n __fish_use_subcommand -a ${command.id} -d ${quoted(summaryOf(command, bin))}`)
  }
  for (const command of visible) {
    const words = command.id.split(':')
    // `autocomplete fish` is seen as the words autocomplete and fish.
    const condition = quoted(words.map((word) => `__fish_seen_subcommand_from ${word}`).join('; and '))
    for (const [name, flag] of Object.entries(command.flags).sort(([a], [b]) => a.localeCompare(b))) {
      if (flag.hidden) continue
      const parts = [`complete -c ${bin} -n ${condition} -l ${name}`]
      if (flag.char) parts.push(`-s ${flag.char}`)
      if (flag.type === 'option') {
        if (flag.options && flag.options.length > 0) parts.push(`-x -a ${quoted(flag.options.join(' '))}`)
        else parts.push(PATH_FLAGS.has(name) ? '-r -F' : '-x')
      }
      parts.push(`-d ${quoted(summaryOf(flag, bin))}`)
      lines.push(parts.join(' '))
      if (flag.type === 'boolean' && flag.allowNo) lines.push(`complete -c ${bin} -n ${condition} -l no-${name} -d ${quoted(summaryOf(flag, bin))}`)
    }
  }
  return `${lines.join('\n')}\n`
}
