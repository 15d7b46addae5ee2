// The bounds a mapping template renders within, so that no template can exhaust the sandbox's memory or hold
// its event loop: API Gateway's own quotas where AWS documents them, the sandbox's where it does not. A
// template that exceeds one fails to render, which is API Gateway's 500 like any template failure here.
//
// AWS, developer guide "Quotas for configuring and running a REST API in API Gateway"
// (api-gateway-execution-service-limits-table, in "Amazon API Gateway quotas and important notes"):
// "Number of iterations in a #foreach ... #end loop in mapping templates: 1000" and "Maximum mapping
// template size: 300 KB". AWS does not document what the 1,001st iteration does (Velocity's own
// directive.foreach.maxloops would end the loop silently); the sandbox fails the render, so a template
// that depends on more is noticed rather than cut short.

/** Bytes of UTF-8 (300 KB, with KB = 1,024 bytes as in API Gateway's 10 MB = 10,485,760-byte payload quota). */
export const MAX_TEMPLATE_BYTES = 300 * 1024
export const MAX_FOREACH_ITERATIONS = 1000

// The sandbox's own, chosen so a legitimate template never meets them:
/** Characters of any string a template makes, and of its output: API Gateway's 10 MB payload quota. */
export const MAX_TEMPLATE_TEXT = 10_485_760
/** Items of a range ([1..n]) or of a list a template grows (add, addAll). */
export const MAX_TEMPLATE_ITEMS = 1_000_000
/** Wall-clock time of one render, checked between steps; one step (a regex scan, a JSONPath) may overrun it once. */
export const RENDER_TIME_BUDGET_MS = 1_000

/** A template past one of these bounds; `diagnosis` is the line the sandbox logs (no per-request values). */
export class TemplateLimitError extends Error {
  override name = 'TemplateLimitError'

  constructor(readonly diagnosis: string) {
    super(diagnosis)
  }
}

/** One render's budget: its deadline and the size checks, called by the renderer between its steps. */
export class RenderBudget {
  private readonly deadline = performance.now() + RENDER_TIME_BUDGET_MS

  /** Throws once the render has run past its time. */
  tick(): void {
    if (performance.now() > this.deadline) {
      throw new TemplateLimitError(`a mapping template ran past the sandbox's ${RENDER_TIME_BUDGET_MS} ms bound on one render; it fails (500)`)
    }
  }

  /** `value`, checked: a string within MAX_TEMPLATE_TEXT characters, a list within MAX_TEMPLATE_ITEMS items. */
  checked<T>(value: T): T {
    if (typeof value === 'string') this.text(value.length)
    else if (Array.isArray(value)) this.items(value.length)
    return value
  }

  text(length: number): void {
    if (length > MAX_TEMPLATE_TEXT) {
      throw new TemplateLimitError(`a mapping template made a string of more than ${MAX_TEMPLATE_TEXT} characters (API Gateway's 10 MB payload quota, the sandbox's bound on template text); it fails (500)`)
    }
  }

  items(count: number): void {
    if (count > MAX_TEMPLATE_ITEMS) {
      throw new TemplateLimitError(`a mapping template made a range or list of more than ${MAX_TEMPLATE_ITEMS} items (the sandbox's bound); it fails (500)`)
    }
  }

  iterations(count: number): void {
    if (count > MAX_FOREACH_ITERATIONS) {
      throw new TemplateLimitError(`a mapping template's #foreach would run more than ${MAX_FOREACH_ITERATIONS} iterations, API Gateway's quota; it fails (500)`)
    }
  }
}

/** Throws when the template is larger than API Gateway's quota. */
export function checkTemplateSize(template: string): void {
  // Three bytes per UTF-16 unit at most: short templates need no counting.
  if (template.length * 3 <= MAX_TEMPLATE_BYTES) return
  if (Buffer.byteLength(template, 'utf8') > MAX_TEMPLATE_BYTES) {
    throw new TemplateLimitError(`a mapping template is larger than API Gateway's ${MAX_TEMPLATE_BYTES / 1024} KB quota; it fails (500)`)
  }
}
