// One generator per deploy tool, all rendering the same durable change.

import {renderCdk} from './cdk.js'
import {renderCloudFormation} from './cloudformation.js'
import type {DurableChange} from './durable-change.js'
import type {IacFormat} from './formats.js'
import type {SourceNames} from './names.js'
import {renderSam} from './sam.js'
import {renderServerless} from './serverless.js'
import {renderTerraform} from './terraform.js'
import {headerLines} from './wording.js'

export {type DurableChange, type DurableChangeInput, durableChange} from './durable-change.js'
export {IAC_FORMATS, type IacFormat, isIacFormat} from './formats.js'
export {type SourceNames, stackNames} from './names.js'

// CDK and Terraform name constructs and resources, not logical ids: they take no names.
const GENERATORS: Record<IacFormat, (change: DurableChange, names: SourceNames) => string> = {
  cloudformation: renderCloudFormation,
  sam: renderSam,
  serverless: renderServerless,
  cdk: renderCdk,
  terraform: renderTerraform,
}

const COMMENT_MARKER: Record<IacFormat, string> = {cloudformation: '#', sam: '#', serverless: '#', cdk: '//', terraform: '#'}

/** `names`: the owner's real names (see stackNames); without them, placeholders named after the routes. */
export function renderIac(format: IacFormat, change: DurableChange, names: SourceNames = {}): string {
  if (change.binaryMediaTypes === null && change.methods.length === 0) {
    // Still valid in its language: comments only.
    const lines = [...headerLines(change, format), 'The spec sets no binary setting this API has: there is nothing to declare.']
    return `${lines.map((line) => `${COMMENT_MARKER[format]} ${line}`).join('\n')}\n`
  }
  return GENERATORS[format](change, names)
}
