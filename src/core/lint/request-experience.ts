// One sentence on what a real request to a file's API experiences because of a binary media type list,
// from the conversion model (core/experience.ts): the first upload, else the first download, whose
// experience differs between two lists.

import {exampleOf} from '../rules/context.js'
import {acceptsUploads, downloadExperience, downloadSubject, servesDownloads, uploadExperience, uploadSubject} from '../experience.js'
import type {LintedApi} from './linted-api.js'

export function requestExperienceOf(api: LintedApi, current: readonly string[], other: readonly string[], mediaType: string): string | undefined {
  const routes = api.config.routes.filter((route) => route.httpMethod !== 'OPTIONS')
  const upload = exampleOf(mediaType, 'upload')
  const uploadRoute = routes.find((route) => acceptsUploads(route) && uploadExperience(route, current, upload).description !== uploadExperience(route, other, upload).description)
  if (uploadRoute) return `${uploadSubject(uploadRoute, upload)} ${uploadExperience(uploadRoute, current, upload).description}`
  const download = exampleOf(mediaType, 'download')
  const downloadRoute = routes.find((route) => servesDownloads(route) && downloadExperience(route, current, download).description !== downloadExperience(route, other, download).description)
  if (downloadRoute) return `${downloadSubject(downloadRoute, download)} ${downloadExperience(downloadRoute, current, download).description}`
  return undefined
}
