// One binary-relevant setting and a change of it, as plan, apply and rollback documents publish them (the
// same shape saved plans and journals record: schemas/plan.schema.json#/definitions/setting and change).

import type {PlannedChange} from '../../core/plan.js'
import type {SettingValue} from '../../core/settings.js'
import {type PatchCallDocument, patchCallDocument} from './fix-calls.js'

export type ContentHandlingDocument = 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT'

export type SettingDocument =
  | {setting: 'binaryMediaType'; mediaType: string; listed: boolean}
  | {setting: 'integration'; resourceId: string; resourcePath: string; httpMethod: string; contentHandling: ContentHandlingDocument | null}
  | {setting: 'integrationResponse'; resourceId: string; resourcePath: string; httpMethod: string; statusCode: string; contentHandling: ContentHandlingDocument | null}

export interface PlannedChangeDocument {
  key: string
  summary: string
  before: SettingDocument
  after: SettingDocument
  call: PatchCallDocument
  findings: string[]
}

export function settingDocument(value: SettingValue): SettingDocument {
  switch (value.setting) {
    case 'binaryMediaType':
      return {setting: value.setting, mediaType: value.mediaType, listed: value.listed}
    case 'integration':
      return {setting: value.setting, resourceId: value.resourceId, resourcePath: value.resourcePath, httpMethod: value.httpMethod, contentHandling: value.contentHandling}
    case 'integrationResponse':
      return {
        setting: value.setting,
        resourceId: value.resourceId,
        resourcePath: value.resourcePath,
        httpMethod: value.httpMethod,
        statusCode: value.statusCode,
        contentHandling: value.contentHandling,
      }
  }
}

export function plannedChangeDocument(change: PlannedChange): PlannedChangeDocument {
  return {
    key: change.key,
    summary: change.summary,
    before: settingDocument(change.before),
    after: settingDocument(change.after),
    call: patchCallDocument(change.call),
    findings: [...change.findings],
  }
}
