// What export prints, from a given result: the definition as returned, or where --out put it.
import {renderExport} from '../../src/ui/export-view.js'

const API = {id: 'a1b2c3d4e5', name: 'image-api'}

describe('renderExport', () => {
  const exported = {api: API, stage: 'v1', type: 'oas30' as const, format: 'yaml' as const}

  it('prints the definition as API Gateway returned it, with one final newline added only when missing', () => {
    expect(renderExport({...exported, text: 'openapi: 3.0.1\n'})).toBe('openapi: 3.0.1\n')
    expect(renderExport({...exported, text: '{"openapi":"3.0.1"}'})).toBe('{"openapi":"3.0.1"}\n')
  })

  it('says where --out put it', () => {
    expect(renderExport({...exported, out: 'image-api.yaml'})).toBe('Wrote the oas30 yaml definition of image-api (a1b2c3d4e5) stage v1 to image-api.yaml\n')
  })
})
