// Preload (`node --import`) that writes every module the process loads to $MODULE_TRACE_FILE, one URL a
// line: ES modules from a resolve hook (it runs on the loader thread, hence the file), CommonJS modules
// from require.cache at exit, because Node 20's hooks never see require().
import {appendFileSync} from 'node:fs'
import {createRequire, register} from 'node:module'
import {pathToFileURL} from 'node:url'

const file = process.env.MODULE_TRACE_FILE
if (file) {
  register('./hooks.mjs', import.meta.url, {data: {file}})
  const {cache} = createRequire(import.meta.url)
  process.on('exit', () => {
    appendFileSync(file, Object.keys(cache).map((path) => `${pathToFileURL(path).href}\n`).join(''))
  })
}
