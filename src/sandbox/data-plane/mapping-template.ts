// API Gateway mapping templates: Velocity rendered by velocityjs, given the variables API Gateway provides
// ($input, $util, $context, $stageVariables) and the Java behaviour templates are written against.
//
// Sources:
// - AWS, "API Gateway mapping template and access logging variable reference" and "Examples using variables for
//   mapping template transformations" (docs.aws.amazon.com/apigateway/latest/developerguide/
//   api-gateway-mapping-template-reference.html, api-gateway-mapping-variable-examples.html).
// - LocalStack's AWS-validated emulation: localstack-core/localstack/services/apigateway/next_gen/execute_api/
//   template_mapping.py, localstack-core/localstack/utils/aws/templating.py (null renders as an empty string),
//   pull requests 12413 (an empty body is `{}`) and 12379 (maps print as Java maps, JSON arrays as JSON).
import {Compile, parse} from 'velocityjs'

import {JavaRegexError, javaMatches, javaReplaceAll, javaReplaceFirst, javaSplit} from '../../core/java-regex.js'

import {readPayloadDocument, selectJsonPath} from './json-path.js'
import {decodeBase64} from './payload.js'
import {MAX_TEMPLATE_ITEMS, RenderBudget, TemplateLimitError, checkTemplateSize} from './template-limits.js'

export interface MappingInput {
  /** The payload as text: what $input.body returns (already converted per contentHandling; never raw binary). */
  body: string
  params: {path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string>}
  stageVariables: Record<string, string>
  /** $context: requestId, httpMethod, resourcePath, resourceId, stage, apiId, accountId, path, protocol, requestTime, requestTimeEpoch, identity {sourceIp, userAgent}, domainName ... plain values. */
  context: Record<string, unknown>
}

/** A template that does not parse or fails to render. */
export class MappingTemplateError extends Error {
  override name = 'MappingTemplateError'

  constructor(
    message: string,
    options?: ErrorOptions & {
      /** Why, when the reason is the sandbox's own limit rather than the template: a line for its log. */
      diagnosis?: string
    },
  ) {
    super(message, options)
    this.diagnosis = options?.diagnosis
  }

  readonly diagnosis: string | undefined
}

/**
 * Renders an API Gateway mapping template (Velocity) within the bounds of template-limits.ts. Throws
 * MappingTemplateError.
 */
export function renderMappingTemplate(template: string, input: MappingInput): string {
  return renderWithContext(template, input).output
}

/**
 * As renderMappingTemplate, also answering `$context` as the template left it: the overrides a template
 * sets (`#set($context.responseOverride.status = 400)`) are read from there.
 */
export function renderWithContext(template: string, input: MappingInput): {output: string; context: Record<string, unknown>} {
  const budget = new RenderBudget()
  try {
    checkTemplateSize(template)
    const asts = parsedTemplate(template)
    // Templates may #set into any variable, so each render gets its own copies.
    const variables = {
      input: new InputVariable(input.body, {
        path: {...input.params.path},
        querystring: {...input.params.querystring},
        header: {...input.params.header},
      }),
      util: new UtilVariable(),
      context: structuredClone(input.context),
      stageVariables: {...input.stageVariables},
    }
    const velocity = new ApiGatewayVelocity(asts, budget, {
      escape: false,
      customMethodHandlers: [javaMethods(budget)],
      // Every value #set stores passes here.
      valueMapper: (value: unknown) => budget.checked(value),
    })
    // Quiet references: API Gateway renders an undefined reference as nothing, not as its own text.
    const output = budget.checked(velocity.render(variables, undefined, true))
    return {output, context: variables.context}
  } catch (error) {
    if (error instanceof MappingTemplateError) throw error
    if (error instanceof TemplateLimitError) throw new MappingTemplateError(`Mapping template failed to render: ${error.message}`, {cause: error, diagnosis: error.diagnosis})
    throw new MappingTemplateError(`Mapping template failed to render: ${messageOf(error)}`, {cause: error})
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

type Ast = ReturnType<typeof parse>[number]

// The data plane renders the same few templates for every request; parsing is the expensive half.
const MAX_PARSED_TEMPLATES = 256
const parsedTemplates = new Map<string, Ast[]>()

function parsedTemplate(template: string): Ast[] {
  const cached = parsedTemplates.get(template)
  if (cached) {
    // Re-inserting keeps the map in least-recently-used order, so eviction drops the stalest.
    parsedTemplates.delete(template)
    parsedTemplates.set(template, cached)
    return cached
  }
  const asts = parseTemplate(template)
  parsedTemplates.set(template, asts)
  if (parsedTemplates.size > MAX_PARSED_TEMPLATES) {
    const stalest = parsedTemplates.keys().next().value
    if (stalest !== undefined) parsedTemplates.delete(stalest)
  }
  return asts
}

// velocityjs accepts an #end without a block (dropping the rest of the template) and a block without #end
// (repeating text). Parsing with a marker after the template exposes both: a well-formed template keeps the
// marker exactly once, at its very end.
const END_MARKER = '\uE000\uE001\uE002'

function parseTemplate(template: string): Ast[] {
  let asts: Ast[]
  try {
    asts = parse(`${template}\n${END_MARKER}`)
  } catch (error) {
    const message = messageOf(error).replaceAll(/[\uE000-\uE002]/g, '')
    throw new MappingTemplateError(`Invalid mapping template: ${message}`, {cause: error})
  }
  const markers = {count: 0}
  checkBlocks(asts, false, markers)
  // velocityjs's declarations omit the text and nested-block members its AST really has.
  const nodes: unknown[] = asts
  const last = nodes.at(-1)
  if (markers.count !== 1 || typeof last !== 'string' || !last.endsWith(END_MARKER))
    throw new MappingTemplateError('Invalid mapping template: each #if, #foreach, #macro and #define needs one #end')
  removeEndMarker(nodes, template)
  return asts
}

// Takes the marker and the newline before it back out of the parsed template.
function removeEndMarker(nodes: unknown[], template: string): void {
  const text = (nodes.pop() as string).slice(0, -END_MARKER.length)
  if (text !== '') {
    const ownText = text.endsWith('\n') ? text.slice(0, -1) : text
    if (ownText !== '') nodes.push(ownText)
    return
  }
  // After a reference the newline may be a text of its own.
  const previous = nodes.at(-1)
  if (typeof previous === 'string' && previous.endsWith('\n')) {
    nodes[nodes.length - 1] = previous.slice(0, -1)
    return
  }
  // Otherwise the directive ending the template took "<spaces>\n"; the spaces were the template's own (unless
  // that directive is a comment, which holds them).
  const spaces = /[ \t]*$/.exec(template)?.[0] ?? ''
  if (spaces !== '' && nodeType(previous) !== 'comment') nodes.push(spaces)
}

function checkBlocks(nodes: readonly unknown[], insideIf: boolean, markers: {count: number}): void {
  for (const node of nodes) {
    if (typeof node === 'string') markers.count += node.split(END_MARKER).length - 1
    // A nested block is a list that starts with its directive.
    else if (Array.isArray(node)) checkBlocks(node, nodeType(node[0]) === 'if', markers)
    else if (!insideIf && (nodeType(node) === 'else' || nodeType(node) === 'elseif'))
      throw new MappingTemplateError(`Invalid mapping template: #${nodeType(node)} outside #if`)
  }
}

function nodeType(node: unknown): unknown {
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as {type?: unknown}).type : undefined
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation: velocityjs with Velocity 1.7's (Java) semantics where they differ from JavaScript's

interface MathNode {
  type: 'math'
  operator: string
  expression: Ast[]
}

// Velocity's truthiness: only null and false are false; "" and 0 are true.
function isTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false
}

interface ForeachNode {
  from: Ast
  to: string
  pos: unknown
}

// Ids of the local scopes #foreach opens; velocityjs numbers its own "foreach:N".
let foreachScopes = 0

// velocityjs declares evaluation results as strings; at run time they are template values of any type.
// The render budget is checked at every step that can repeat or grow: each block and loop iteration, each
// reference, literal, expression and method call.
class ApiGatewayVelocity extends Compile {
  constructor(
    asts: Ast[],
    private readonly budget: RenderBudget,
    config: CompileConfig,
  ) {
    super(asts, config)
  }

  override renderAstList(asts?: Ast[], contextId?: string): string {
    this.budget.tick()
    return this.budget.checked(super.renderAstList(asts, contextId))
  }

  protected override getReferences(ast: Ast, isVal?: boolean): string {
    this.budget.tick()
    const value: unknown = super.getReferences(ast, isVal)
    return isVal ? this.budget.checked(renderValue(value)) : (value as string)
  }

  protected override getExpression(ast: Ast): string {
    return this.budget.checked(this.evaluate(ast)) as string
  }

  protected override getLiteral(literal: Ast): string {
    this.budget.tick()
    const node = literal as unknown as {type?: string; isRange?: boolean; value: unknown[]}
    return node.type === 'array' && node.isRange === true ? (this.range(node.value) as unknown as string) : super.getLiteral(literal)
  }

  // velocityjs's [begin..end] (compile/literal.ts getArray), with its length checked before it is built:
  // [1..2000000000] would fill the heap before any loop could count it.
  private range(ends: unknown[]): unknown[] {
    const [begin, end] = ends.map((end): unknown => (typeof end === 'string' ? Number.parseInt(end, 10) : typeof end === 'number' ? end : this.getReferences(end as Ast))) as [number, number]
    if (Number.isNaN(begin) || Number.isNaN(end)) return []
    const [from, to] = [Number(begin), Number(end)]
    if (Math.abs(from) === Infinity || Math.abs(to) === Infinity || Math.abs(to - from) + 1 > MAX_TEMPLATE_ITEMS) this.budget.items(Infinity)
    const items: number[] = []
    if (begin < end) for (let i = begin; i <= end; i++) items.push(i)
    else for (let i = begin; i >= end; i--) items.push(i)
    return items
  }

  // velocityjs's #foreach (compile/blocks.ts getBlockEach), with API Gateway's 1,000-iteration quota and the
  // budget checked at each iteration, its output included.
  getBlockEach(block: Ast[]): string {
    const node = block[0] as unknown as ForeachNode
    const from: unknown = this.getLiteral({...node.from, pos: node.pos} as Ast)
    const type = Object.prototype.toString.call(from)
    if (!from || (type !== '[object Array]' && type !== '[object Object]')) return ''
    const items: unknown[] = Array.isArray(from) ? from : Object.values(from)
    this.budget.iterations(items.length)
    const body = block.slice(1)
    const local: Record<string, unknown> = {foreach: {count: 0, index: 0, hasNext: false}, velocityCount: 0}
    const contextId = `foreach:api-gateway-${++foreachScopes}`
    let output = ''
    for (const [index, item] of items.entries()) {
      if (this.runState.break) break
      local[node.to] = item
      local.foreach = {count: index + 1, index, hasNext: index + 1 < items.length}
      local.velocityCount = index + 1
      this.local[contextId] = local
      output += this.renderAstList(body, contextId)
      this.budget.text(output.length)
    }
    // As velocityjs does, and only for a list (a map has no length there).
    if ((from as {length?: number}).length) {
      this.runState.break = false
      this.local[contextId] = {}
      this.conditions.shift()
      this.contextId = this.conditions[0] || ''
    }
    return output
  }

  // Called by velocityjs for #if/#elseif/#else blocks; replaced so conditions use Velocity's truthiness.
  getBlockIf(block: Ast[]): string {
    let chosen = false
    const body: Ast[] = []
    for (const node of block) {
      const type = nodeType(node)
      if (type === 'if' || type === 'elseif' || type === 'else') {
        if (chosen) break
        chosen = type === 'else' || isTruthy(this.evaluate((node as {condition: Ast}).condition))
      } else if (chosen) body.push(node)
    }
    return this.renderAstList(body, this.contextId)
  }

  private evaluate(ast: Ast): unknown {
    if (nodeType(ast) !== 'math') return super.getExpression(ast)
    const {operator, expression} = ast as unknown as MathNode
    const [left, right] = expression
    switch (operator) {
      case 'not':
        return !isTruthy(this.evaluate(left))
      case '&&':
        return isTruthy(this.evaluate(left)) && isTruthy(this.evaluate(right))
      case '||':
        return isTruthy(this.evaluate(left)) || isTruthy(this.evaluate(right))
      case '==':
        return javaEquals(this.evaluate(left), this.evaluate(right))
      case '!=':
        return !javaEquals(this.evaluate(left), this.evaluate(right))
      case '/':
      case '%': {
        // A decimal literal such as 7.0 is a Java double even though JavaScript reads it as the integer 7.
        const decimal = nodeType(left) === 'decimal' || nodeType(right) === 'decimal'
        return divide(operator, this.evaluate(left), this.evaluate(right), decimal)
      }
      default:
        return super.getExpression(ast)
    }
  }
}

/**
 * Velocity's `==` as API Gateway runs it: numbers by value; values of one kind (strings, booleans, lists,
 * maps) by Java's equals; values of different kinds by their string forms, so a list never equals "" (where
 * JavaScript's `[] == ""` is true). A null equals null and "" (recorded: LocalStack
 * test_input_path_template_formatting, a path matching nothing is both `== $null` and `== ""`).
 */
function javaEquals(left: unknown, right: unknown): boolean {
  const leftNull = left === undefined || left === null
  const rightNull = right === undefined || right === null
  if (leftNull || rightNull) return (leftNull && rightNull) || left === '' || right === ''
  if (typeof left === 'number' && typeof right === 'number') return left === right
  if (sameKind(left, right)) return deepEquals(left, right)
  return javaString(left) === javaString(right)
}

function sameKind(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) || Array.isArray(right)) return Array.isArray(left) && Array.isArray(right)
  if (isMap(left) || isMap(right)) return isMap(left) && isMap(right)
  return typeof left === typeof right
}

function deepEquals(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) && Array.isArray(right)) return left.length === right.length && left.every((item, index) => javaEquals(item, right[index]) && sameKind(item, right[index]))
  if (isMap(left) && isMap(right)) {
    const keys = Object.keys(left)
    return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && deepEquals(left[key], right[key]))
  }
  return left === right
}

// Velocity divides integers as Java does (truncating) and yields null when dividing by zero.
function divide(operator: '/' | '%', dividend: unknown, divisor: unknown, decimal: boolean): unknown {
  if (typeof dividend !== 'number' || typeof divisor !== 'number') return undefined
  if (decimal || !Number.isInteger(dividend) || !Number.isInteger(divisor)) {
    return operator === '/' ? dividend / divisor : dividend % divisor
  }
  if (divisor === 0) return undefined
  return operator === '/' ? Math.trunc(dividend / divisor) : dividend % divisor
}

// ---------------------------------------------------------------------------------------------------------------
// $input and $util

type ParamMaps = MappingInput['params']

// A variable whose members templates call by name; a name it lacks is no method and renders as nothing.
abstract class TemplateVariable {
  abstract invoke(method: string, args: unknown[]): unknown
}

class InputVariable extends TemplateVariable {
  /** API Gateway hands templates `{}` for an empty payload, whatever the content type. */
  readonly body: string
  readonly #params: ParamMaps
  #document: {value: unknown} | undefined

  constructor(payload: string, params: ParamMaps) {
    super()
    this.body = payload === '' ? '{}' : payload
    this.#params = params
  }

  invoke(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'json':
        return typeof args[0] === 'string' ? this.json(args[0]) : undefined
      case 'path':
        return typeof args[0] === 'string' ? this.path(args[0]) : undefined
      case 'params':
        if (args.length === 0) return this.#params
        return typeof args[0] === 'string' ? this.param(args[0]) : undefined
      default:
        return undefined
    }
  }

  // A JSON text; a path that matches nothing gives an empty JSON string.
  private json(path: string): string {
    const selection = selectJsonPath(this.document(), path)
    return selection.found ? JSON.stringify(selection.value) : '""'
  }

  // A value templates can use natively (a copy, so a template changing it leaves the payload as it was).
  private path(path: string): unknown {
    const selection = selectJsonPath(this.document(), path)
    return selection.found ? fromJson(selection.value) : null
  }

  // Path, then query string, then header (whose names are case-insensitive); '' when none has it.
  private param(name: string): string {
    const {path, querystring, header} = this.#params
    if (Object.hasOwn(path, name)) return path[name]
    if (Object.hasOwn(querystring, name)) return querystring[name]
    const lowerName = name.toLowerCase()
    for (const [key, value] of Object.entries(header)) if (key.toLowerCase() === lowerName) return value
    return ''
  }

  private document(): unknown {
    this.#document ??= {value: readPayloadDocument(this.body)}
    return this.#document.value
  }
}

class UtilVariable extends TemplateVariable {
  invoke(method: string, args: unknown[]): unknown {
    const text = args.length === 1 ? textOf(args[0]) : undefined
    if (text === undefined) return undefined
    switch (method) {
      case 'escapeJavaScript':
        return escapeJavaScript(text)
      case 'base64Encode':
        return Buffer.from(text, 'utf8').toString('base64')
      case 'base64Decode': {
        // The payload decoder's rule (payload.ts): text that is not base64 fails the template, as Java's
        // decoder throws for it, rather than decoding to whatever Node makes of it.
        const bytes = decodeBase64(text)
        if (bytes === undefined) throw new MappingTemplateError('Mapping template failed to render: $util.base64Decode of text that is not base64')
        return bytes.toString('utf8')
      }
      case 'parseJson':
        return fromJson(JSON.parse(text))
      case 'urlEncode':
        return urlEncode(text)
      case 'urlDecode':
        return urlDecode(text)
      default:
        return undefined
    }
  }
}

// $util's functions take strings; other values are taken as Java would print them.
function textOf(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : javaString(value)
}

const JAVASCRIPT_ESCAPES = new Map([
  ["'", "\\'"],
  ['"', '\\"'],
  ['\\', '\\\\'],
  ['/', '\\/'],
  ['\b', '\\b'],
  ['\n', '\\n'],
  ['\t', '\\t'],
  ['\f', '\\f'],
  ['\r', '\\r'],
])

// Commons Lang's escapeJavaScript: quotes, backslash and slash get a backslash, other control characters and
// everything beyond ASCII become \uXXXX. AWS documents that the \' it makes is not valid JSON.
function escapeJavaScript(text: string): string {
  let escaped = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    const code = text.charCodeAt(i)
    const named = JAVASCRIPT_ESCAPES.get(char)
    if (named !== undefined) escaped += named
    else if (code < 0x20 || code > 0x7f) escaped += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
    else escaped += char
  }
  return escaped
}

// java.net.URLEncoder with UTF-8: letters, digits and . - * _ stay, a space becomes +, any other byte %XX.
function urlEncode(text: string): string {
  let encoded = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte)
    if (/^[A-Za-z0-9.*_-]$/.test(char)) encoded += char
    else if (char === ' ') encoded += '+'
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return encoded
}

// java.net.URLDecoder with UTF-8: + is a space and a run of %XX is UTF-8 bytes; a malformed escape is an error.
function urlDecode(text: string): string {
  let decoded = ''
  let i = 0
  while (i < text.length) {
    if (text[i] === '%') {
      const bytes: number[] = []
      while (text[i] === '%') {
        const hex = text.slice(i + 1, i + 3)
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new Error(`urlDecode: malformed escape "${text.slice(i, i + 3)}"`)
        bytes.push(Number.parseInt(hex, 16))
        i += 3
      }
      decoded += Buffer.from(bytes).toString('utf8')
    } else {
      decoded += text[i] === '+' ? ' ' : text[i]
      i++
    }
  }
  return decoded
}

// ---------------------------------------------------------------------------------------------------------------
// Java values: the methods templates call on strings, lists and maps, and how values print

type JavaMap = Record<string, unknown>
/** `checkpoint` is the render budget's clock, for methods that can loop for long (the regex ones). */
type JavaMethod<Receiver> = (receiver: Receiver, args: unknown[], checkpoint: () => void) => unknown
type CompileConfig = NonNullable<ConstructorParameters<typeof Compile>[1]>
type MethodHandler = NonNullable<CompileConfig['customMethodHandlers']>[number]

// Every call resolves here, so a method the receiver's Java type lacks renders as nothing, as in API Gateway,
// instead of reaching a JavaScript method of the same name with different behaviour. What a call returns,
// and a list it grew in place, are held to the render budget.
function javaMethods(budget: RenderBudget): MethodHandler {
  const checkpoint = () => budget.tick()
  return {
    uid: 'api-gateway: java methods',
    match: () => true,
    resolve: ({context, property, params}) => {
      budget.tick()
      const result = invokeJavaMethod(context, property, params, checkpoint)
      budget.checked(context)
      return budget.checked(result)
    },
  }
}

function invokeJavaMethod(receiver: unknown, name: string, args: unknown[], checkpoint: () => void): unknown {
  if (receiver instanceof TemplateVariable) return receiver.invoke(name, args)
  if (typeof receiver === 'string') return callJava(STRING_METHODS, name, receiver, args, checkpoint)
  if (Array.isArray(receiver)) return callJava(LIST_METHODS, name, receiver, args, checkpoint)
  if (receiver instanceof MapEntry) return callJava(ENTRY_METHODS, name, receiver, args, checkpoint)
  if (isMap(receiver)) return callJava(MAP_METHODS, name, receiver, args, checkpoint)
  return name === 'toString' && args.length === 0 && receiver !== undefined && receiver !== null
    ? javaString(receiver)
    : undefined
}

function callJava<Receiver>(
  methods: Record<string, JavaMethod<Receiver>>,
  name: string,
  receiver: Receiver,
  args: unknown[],
  checkpoint: () => void,
): unknown {
  return Object.hasOwn(methods, name) ? methods[name](receiver, args, checkpoint) : undefined
}

// A Java method taking Strings does not exist for other arguments or another count of them (and so renders as
// nothing).
function withStrings<Receiver>(method: (receiver: Receiver, ...texts: string[]) => unknown): JavaMethod<Receiver> {
  const arity = method.length - 1
  return (receiver, args) =>
    args.length === arity && args.every((arg) => typeof arg === 'string')
      ? method(receiver, ...(args as string[]))
      : undefined
}

function isInteger(value: unknown): value is number {
  return Number.isInteger(value)
}

// Java throws for an index out of range, which fails the render.
function checkedIndex(index: number, length: number, end = length - 1): number {
  if (index < 0 || index > end) throw new RangeError(`Index ${index} out of bounds for length ${length}`)
  return index
}

const STRING_METHODS: Record<string, JavaMethod<string>> = {
  length: (text) => text.length,
  isEmpty: (text) => text.length === 0,
  toString: (text: string) => text,
  toLowerCase: (text) => text.toLowerCase(),
  toUpperCase: (text) => text.toUpperCase(),
  // Java trims characters up to U+0020 only.
  trim: (text) => text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, ''),
  charAt: (text, [index]) => (isInteger(index) ? text[checkedIndex(index, text.length)] : undefined),
  substring: (text, [begin, end = text.length]) => {
    if (!isInteger(begin) || !isInteger(end)) return undefined
    checkedIndex(end, text.length, text.length)
    return text.slice(checkedIndex(begin, text.length, end), end)
  },
  indexOf: (text, [needle, from = 0]) =>
    typeof needle === 'string' && isInteger(from) ? text.indexOf(needle, from) : undefined,
  lastIndexOf: (text, [needle, from = Infinity]) =>
    typeof needle === 'string' && typeof from === 'number' ? text.lastIndexOf(needle, from) : undefined,
  contains: withStrings((text, needle) => text.includes(needle)),
  startsWith: withStrings((text, prefix) => text.startsWith(prefix)),
  endsWith: withStrings((text, suffix) => text.endsWith(suffix)),
  equals: (text, [other]) => text === other,
  equalsIgnoreCase: (text, [other]) => typeof other === 'string' && text.toLowerCase() === other.toLowerCase(),
  concat: withStrings((text, other) => text + other),
  // Java's replace is literal and replaces every occurrence.
  replace: withStrings((text, target, replacement) => text.replaceAll(target, () => replacement)),
  // Java regular expressions, run on RE2 (core/java-regex.ts) in linear time.
  replaceAll: (text, args, checkpoint) =>
    args.length === 2 && typeof args[0] === 'string' && typeof args[1] === 'string'
      ? withJavaRegex('replaceAll', args[0], () => javaReplaceAll(text, args[0] as string, args[1] as string, checkpoint))
      : undefined,
  replaceFirst: withStrings((text, regex, replacement) => withJavaRegex('replaceFirst', regex, () => javaReplaceFirst(text, regex, replacement))),
  matches: withStrings((text, regex) => withJavaRegex('matches', regex, () => javaMatches(regex, text))),
  split: (text, [regex, limit = 0], checkpoint) =>
    typeof regex === 'string' && isInteger(limit) ? withJavaRegex('split', regex, () => javaSplit(text, regex, limit, checkpoint)) : undefined,
}

/**
 * A pattern RE2 cannot run fails the render, as an invalid pattern fails it in Java (PatternSyntaxException):
 * a 500 either way. When Java could have run it (lookahead, backreferences …), that is the sandbox's
 * limit, and the diagnosis says so.
 */
function withJavaRegex<T>(method: string, regex: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof JavaRegexError)) throw error
    const pattern = JSON.stringify(regex.length > 120 ? `${regex.slice(0, 120)}…` : regex)
    throw new MappingTemplateError(`Mapping template failed to render: ${method}(${pattern}): ${error.message}`, {
      cause: error,
      diagnosis: `a mapping template's ${method}(${pattern}) cannot run on the sandbox's RE2 engine: ${error.message}; the template fails here (500), where API Gateway's Java engine may run it`,
    })
  }
}

const LIST_METHODS: Record<string, JavaMethod<unknown[]>> = {
  size: (list) => list.length,
  isEmpty: (list) => list.length === 0,
  get: (list, [index]) => (isInteger(index) ? list[checkedIndex(index, list.length)] : undefined),
  contains: (list, [item]) => list.includes(item),
  indexOf: (list, [item]) => list.indexOf(item),
  // Java's add returns true, which a bare $list.add(...) prints.
  add: (list, [item]) => list.push(item) > 0,
  // Item by item: a spread of a long list overflows the call stack, and a list added to itself adds its
  // items once (a copy is taken first).
  addAll: (list, [items]) => {
    if (!Array.isArray(items)) return undefined
    for (const item of items.slice()) list.push(item)
    return true
  },
  set: (list, [index, item]) => {
    if (!isInteger(index)) return undefined
    const previous = list[checkedIndex(index, list.length)]
    list[index] = item
    return previous
  },
  // remove(int) takes out an index; remove(Object) an element, answering whether it was there.
  remove: (list, [indexOrItem]) => {
    if (isInteger(indexOrItem)) return list.splice(checkedIndex(indexOrItem, list.length), 1)[0]
    const index = list.indexOf(indexOrItem)
    if (index >= 0) list.splice(index, 1)
    return index >= 0
  },
  subList: (list, [from, to]) => {
    if (!isInteger(from) || !isInteger(to)) return undefined
    checkedIndex(to, list.length, list.length)
    return list.slice(checkedIndex(from, list.length, to), to)
  },
  toString: (list: unknown[]) => javaString(list),
}

const MAP_METHODS: Record<string, JavaMethod<JavaMap>> = {
  get: (map, [key]) => (typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : null),
  containsKey: (map, [key]) => typeof key === 'string' && Object.hasOwn(map, key),
  containsValue: (map, [value]) => Object.values(map).includes(value),
  keySet: (map) => Object.keys(map),
  values: (map) => Object.values(map),
  entrySet: (map) => Object.entries(map).map(([key, value]) => new MapEntry(key, value)),
  size: (map) => Object.keys(map).length,
  isEmpty: (map) => Object.keys(map).length === 0,
  // put answers the value it replaced (null for a new key).
  put: (map, [key, value]) => {
    if (typeof key !== 'string') return undefined
    const previous = Object.hasOwn(map, key) ? map[key] : null
    putEntry(map, key, value)
    return previous
  },
  putAll: (map, [other]) => {
    if (isMap(other)) for (const [key, value] of Object.entries(other)) putEntry(map, key, value)
    return undefined
  },
  remove: (map, [key]) => {
    if (typeof key !== 'string' || !Object.hasOwn(map, key)) return null
    const previous = map[key]
    delete map[key]
    return previous
  },
  toString: (map: JavaMap) => javaString(map),
}

// Defined rather than assigned, so a key such as "__proto__" is an entry like any other.
function putEntry(map: JavaMap, key: string, value: unknown): void {
  Object.defineProperty(map, key, {value, writable: true, enumerable: true, configurable: true})
}

/** An element of Map.entrySet(): `$entry.key` and `$entry.getKey()` both work. */
class MapEntry {
  constructor(
    readonly key: string,
    readonly value: unknown,
  ) {}

  toString(): string {
    return `${this.key}=${javaString(this.value)}`
  }
}

const ENTRY_METHODS: Record<string, JavaMethod<MapEntry>> = {
  getKey: (entry) => entry.key,
  getValue: (entry) => entry.value,
  toString: (entry: MapEntry) => entry.toString(),
}

function isMap(value: unknown): value is JavaMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  // A plain object of any realm: structuredClone's copies of $context come from the main realm even
  // where the code runs in another (jest's VM modules).
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === null || Object.getPrototypeOf(prototype) === null
}

// In API Gateway a JSON object read from a payload is a Java map (printing as {key=value}) but a JSON array
// prints as JSON, as json-smart's JSONArray does. Arrays that came from JSON are remembered to print that way.
const jsonArrays = new WeakSet<unknown[]>()

function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    const list = value.map(fromJson)
    jsonArrays.add(list)
    return list
  }
  if (typeof value === 'object' && value !== null) {
    const map: JavaMap = {}
    for (const [key, item] of Object.entries(value)) putEntry(map, key, fromJson(item))
    return map
  }
  return value
}

// What a reference writes into the output: nothing for null, otherwise Java's toString of the value.
function renderValue(value: unknown): string {
  return value === undefined || value === null ? '' : javaString(value)
}

function javaString(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  if (typeof value === 'string') return value
  // A method read as a property ($input.json without parentheses) is no value in Java.
  if (typeof value === 'function') return ''
  if (Array.isArray(value)) {
    return jsonArrays.has(value) ? JSON.stringify(value) : `[${value.map(javaString).join(', ')}]`
  }
  if (isMap(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${javaString(item)}`)
      .join(', ')}}`
  }
  return String(value)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
