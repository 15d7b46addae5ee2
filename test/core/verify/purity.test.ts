// The verify core is pure: it imports the rest of the core and node:crypto, nothing that does I/O.
import {readFileSync, readdirSync} from 'node:fs'

import ts from 'typescript'

const directory = new URL('../../../src/core/verify/', import.meta.url)

describe('src/core/verify', () => {
  const files = readdirSync(directory).filter((name) => name.endsWith('.ts'))

  it.each(files)('%s imports only the core and node:crypto', (name) => {
    const source = readFileSync(new URL(name, directory), 'utf8')
    const imports = ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName)
    const outside = imports.filter((specifier) => !(specifier === 'node:crypto' || specifier.startsWith('./') || (specifier.startsWith('../') && !specifier.startsWith('../../'))))
    expect(outside).toEqual([])
  })

  it('would notice an import from a layer above', () => {
    const imports = ts.preProcessFile("import {x} from '../../services/verify-service.js'\nconst y = await import('node:fs')", true, true).importedFiles
    expect(imports.map((file) => file.fileName)).toEqual(['../../services/verify-service.js', 'node:fs'])
  })
})
