// What iac prints, from a given report: the snippets, or where --out put them.
import type {IacReport} from '../../src/services/iac-service.js'
import {renderIac} from '../../src/ui/iac-view.js'

const API = {id: 'a1b2c3d4e5', name: 'image-api'}

describe('renderIac', () => {
  const report = {format: 'terraform', api: API, text: 'resource "aws_api_gateway_rest_api" "api" {}\n'} as IacReport

  it('prints the snippets as rendered', () => {
    expect(renderIac(report)).toBe('resource "aws_api_gateway_rest_api" "api" {}\n')
  })

  it('says where --out put them', () => {
    expect(renderIac({...report, out: 'binary.tf'})).toBe('Wrote the terraform snippets for image-api (a1b2c3d4e5) to binary.tf\n')
  })
})
