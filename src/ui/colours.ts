import {Ansis} from 'ansis'

/** Colours only on a TTY and never with NO_COLOR (contract, "Running it"). */
export function paletteFor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): InstanceType<typeof Ansis> {
  const enabled = stream.isTTY === true && env.NO_COLOR === undefined
  return new Ansis(enabled ? 1 : 0)
}

export type Palette = InstanceType<typeof Ansis>
