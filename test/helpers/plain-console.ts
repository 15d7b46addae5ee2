import {Console} from 'node:console'

// jest's console wraps every line with banners; oclif writes through console.log, so captured stdout
// must stay plain for JSON.parse.
globalThis.console = new Console(process.stdout, process.stderr)
