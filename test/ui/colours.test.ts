// When output is coloured: NO_COLOR wins over everything, FORCE_COLOR decides next (0 or false: off; 1, 2,
// 3: on, even off a terminal), then TERM=dumb turns a terminal's colour off, then the terminal decides.
import {colourLevel, paletteFor} from '../../src/ui/colours.js'

const TTY = {isTTY: true}
const PIPE = {isTTY: false}

describe('colourLevel', () => {
  it.each([
    ['a terminal', TTY, {}, 1],
    ['a pipe', PIPE, {}, 0],
    ['a stream that does not say', {}, {}, 0],
    ['NO_COLOR on a terminal', TTY, {NO_COLOR: '1'}, 0],
    ['NO_COLOR over FORCE_COLOR=1', TTY, {NO_COLOR: '1', FORCE_COLOR: '1'}, 0],
    ['NO_COLOR over FORCE_COLOR=3 off a terminal', PIPE, {NO_COLOR: 'yes', FORCE_COLOR: '3'}, 0],
    ['an empty NO_COLOR is unset (no-color.org)', TTY, {NO_COLOR: ''}, 1],
    ['FORCE_COLOR=0 on a terminal', TTY, {FORCE_COLOR: '0'}, 0],
    ['FORCE_COLOR=false on a terminal', TTY, {FORCE_COLOR: 'false'}, 0],
    ['FORCE_COLOR=1 off a terminal', PIPE, {FORCE_COLOR: '1'}, 1],
    ['FORCE_COLOR=2 off a terminal', PIPE, {FORCE_COLOR: '2'}, 2],
    ['FORCE_COLOR=3 off a terminal', PIPE, {FORCE_COLOR: '3'}, 3],
    ['FORCE_COLOR=true off a terminal', PIPE, {FORCE_COLOR: 'true'}, 1],
    ['an empty FORCE_COLOR off a terminal', PIPE, {FORCE_COLOR: ''}, 1],
    ['TERM=dumb on a terminal', TTY, {TERM: 'dumb'}, 0],
    ['FORCE_COLOR=1 over TERM=dumb', TTY, {TERM: 'dumb', FORCE_COLOR: '1'}, 1],
    ['another TERM on a terminal', TTY, {TERM: 'xterm-256color'}, 1],
  ])('%s', (_case, stream, env, level) => {
    expect(colourLevel(stream, env)).toBe(level)
  })
})

describe('paletteFor', () => {
  it('colours exactly when colourLevel says so', () => {
    expect(paletteFor(PIPE, {FORCE_COLOR: '1'}).red('x')).toBe('\u001B[31mx\u001B[39m')
    expect(paletteFor(TTY, {TERM: 'dumb'}).red('x')).toBe('x')
    expect(paletteFor(TTY, {NO_COLOR: '1', FORCE_COLOR: '1'}).red('x')).toBe('x')
  })
})
