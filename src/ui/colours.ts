import {Ansis} from 'ansis'

export type ColourLevel = 0 | 1 | 2 | 3

/**
 * How much colour to write to `stream` (contract, "Running it"): NO_COLOR (set and not empty, as
 * no-color.org says) wins over everything; FORCE_COLOR next, with Node's meanings (0 or false: none; 2:
 * 256 colours; 3: 16 million; anything else: 16), even off a terminal; then TERM=dumb, a terminal that
 * cannot show colour; then whether the stream is a terminal.
 */
export function colourLevel(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): ColourLevel {
  if (env.NO_COLOR) return 0
  const forced = env.FORCE_COLOR
  if (forced !== undefined) {
    if (forced === '0' || forced === 'false') return 0
    return forced === '2' ? 2 : forced === '3' ? 3 : 1
  }
  if (env.TERM === 'dumb') return 0
  return stream.isTTY === true ? 1 : 0
}

export function paletteFor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): InstanceType<typeof Ansis> {
  return new Ansis(colourLevel(stream, env))
}

export type Palette = InstanceType<typeof Ansis>
