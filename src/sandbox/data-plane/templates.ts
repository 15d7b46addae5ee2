// Choosing and rendering mapping templates. Rendering is mapping-template.ts's job; this module decides
// which template applies and what it sees.

import {mediaTypeEssence, firstAcceptEntry} from '../../core/media-type.js'
import type {Integration} from '../model.js'
import {internalServerError, unsupportedMediaType} from './gateway-responses.js'
import {type Invocation, header, templateParams} from './invocation.js'
import {MappingTemplateError, renderWithContext} from './mapping-template.js'

export interface ChosenTemplate {
  mediaType: string
  template: string
}

/**
 * The request template for the request's Content-Type (application/json when the header is absent),
 * else what passthroughBehavior says: WHEN_NO_MATCH passes the body through; WHEN_NO_TEMPLATES passes it
 * through only when no template is defined at all; NEVER refuses. A refusal is 415 Unsupported Media
 * Type (developer guide "integration-passthrough-behaviors", examples 1-3; LocalStack next_gen
 * handlers/integration_request.py). An empty template string renders nothing, so it counts as none.
 */
export function requestTemplateFor(integration: Integration, invocation: Invocation): ChosenTemplate | undefined {
  const templates = integration.requestTemplates ?? {}
  const contentType = header(invocation.request, 'content-type')
  const wanted = contentType === undefined ? 'application/json' : (mediaTypeEssence(contentType) ?? contentType.trim().toLowerCase())
  const found = findTemplate(templates, wanted)
  if (found) return found.template === '' ? undefined : found
  switch (integration.passthroughBehavior ?? 'WHEN_NO_MATCH') {
    case 'WHEN_NO_MATCH':
      return undefined
    case 'WHEN_NO_TEMPLATES':
      if (Object.keys(templates).length === 0) return undefined
      throw unsupportedMediaType()
    case 'NEVER':
      throw unsupportedMediaType()
  }
}

/**
 * The response template for the first Accept media type, else the application/json one, else the first
 * defined (LocalStack next_gen handlers/integration_response.py get_response_template, whose unit tests
 * record AWS favouring application/json when nothing matches). An empty template renders nothing and counts
 * as none, unless `emptyCounts`: bytes cannot go through even an empty one (core/conversion.ts).
 */
export function responseTemplateFor(templates: Record<string, string | null> | undefined, accept: string | undefined, options: {emptyCounts?: boolean} = {}): ChosenTemplate | undefined {
  if (!templates) return undefined
  const first = firstAcceptEntry(accept)
  const wanted = first === undefined ? undefined : mediaTypeEssence(first)
  const found = (wanted && findTemplate(templates, wanted)) || findTemplate(templates, 'application/json') || firstTemplate(templates)
  return found && (found.template !== '' || options.emptyCounts === true) ? found : undefined
}

// A null template (put empty or null) renders nothing, like an empty one.
function findTemplate(templates: Record<string, string | null>, essence: string): ChosenTemplate | undefined {
  for (const [mediaType, template] of Object.entries(templates)) {
    if ((mediaTypeEssence(mediaType) ?? mediaType.toLowerCase()) === essence) return {mediaType, template: template ?? ''}
  }
  return undefined
}

function firstTemplate(templates: Record<string, string | null>): ChosenTemplate | undefined {
  const entry = Object.entries(templates)[0]
  return entry && {mediaType: entry[0], template: entry[1] ?? ''}
}

/**
 * Renders with `$input.body` = `body`; a template that fails to render is a 500, as on AWS. The overrides
 * the template leaves in `$context` become the invocation's.
 */
export function render(template: string, body: string, invocation: Invocation): string {
  try {
    const {output, context} = renderWithContext(template, {
      body,
      params: templateParams(invocation),
      stageVariables: invocation.stageVariables,
      context: {...invocation.context, ...invocation.overrides},
    })
    const {requestOverride, responseOverride} = context
    if (isMap(requestOverride) && isMap(responseOverride)) invocation.overrides = {requestOverride, responseOverride}
    return output
  } catch (error) {
    if (error instanceof MappingTemplateError && error.diagnosis !== undefined) invocation.diagnose(error.diagnosis)
    throw internalServerError()
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
