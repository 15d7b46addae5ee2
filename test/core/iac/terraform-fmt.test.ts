// `terraform fmt` finds the Terraform snippets valid HCL already laid out as terraform writes it (when
// terraform is installed; set TERRAFORM to its path). Runs the terraform binary: an external-tool test.
import {type IacFormat, renderIac} from '../../../src/core/iac/index.js'
import {SNIPPET_CHANGES} from './iac-fixtures.js'
import {TERRAFORM, terraformFmtCheck} from './syntax.js'

describe.each(SNIPPET_CHANGES)('%s', (_name, make) => {
  const change = make()
  const text = (format: IacFormat) => renderIac(format, change)

  ;(TERRAFORM ? it : it.skip)(`Terraform: terraform fmt finds nothing to change${TERRAFORM ? '' : ' (skipped: terraform not found; set TERRAFORM)'}`, () => {
    expect(terraformFmtCheck(text('terraform'))).toBe(0)
  })
})

describe('the checks can fail', () => {
  ;(TERRAFORM ? it : it.skip)(`terraform fmt rejects malformed HCL${TERRAFORM ? '' : ' (skipped: terraform not found)'}`, () => {
    expect(terraformFmtCheck('resource "a" "b" {\n')).not.toBe(0)
  })
})
