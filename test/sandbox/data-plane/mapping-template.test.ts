import fc from 'fast-check'

import {
  type MappingInput,
  MappingTemplateError,
  renderMappingTemplate,
} from '../../../src/sandbox/data-plane/mapping-template.js'

function mappingInput(overrides: Partial<MappingInput> = {}): MappingInput {
  return {
    body: '{"name":"Rex","type":"dog","price":249.99,"tags":["good","loud"],"owner":{"id":7}}',
    params: {
      path: {petId: '42'},
      querystring: {debug: 'true', key: 'from-query'},
      header: {'Content-Type': 'application/json', 'X-Trace': 'abc'},
    },
    stageVariables: {env: 'dev', table: 'pets'},
    context: {
      requestId: 'req-1',
      httpMethod: 'POST',
      resourcePath: '/pets/{petId}',
      resourceId: 'res123',
      stage: 'dev',
      apiId: 'api123',
      accountId: '123456789012',
      path: '/dev/pets/42',
      protocol: 'HTTP/1.1',
      requestTimeEpoch: 1700000000000,
      identity: {sourceIp: '203.0.113.9', userAgent: 'curl/8.0'},
      domainName: 'api123.execute-api.us-east-1.amazonaws.com',
    },
    ...overrides,
  }
}

function render(template: string, overrides: Partial<MappingInput> = {}): string {
  return renderMappingTemplate(template, mappingInput(overrides))
}

function renderError(template: string, overrides: Partial<MappingInput> = {}): MappingTemplateError {
  try {
    render(template, overrides)
  } catch (error) {
    expect(error).toBeInstanceOf(MappingTemplateError)
    return error as MappingTemplateError
  }
  throw new Error('expected a MappingTemplateError')
}

// The console's "Method request passthrough" template.
const METHOD_REQUEST_PASSTHROUGH = String.raw`##  See https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
##  This template will pass through all parameters including path, querystring, header, stage variables, and context through to the integration endpoint via the body/payload
#set($allParams = $input.params())
{
"body-json" : $input.json('$'),
"params" : {
#foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
"$type" : {
    #foreach($paramName in $params.keySet())
    "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
        #if($foreach.hasNext),#end
    #end
}
    #if($foreach.hasNext),#end
#end
},
"stage-variables" : {
#foreach($key in $stageVariables.keySet())
"$key" : "$util.escapeJavaScript($stageVariables.get($key))"
    #if($foreach.hasNext),#end
#end
},
"context" : {
    "account-id" : "$context.identity.accountId",
    "api-id" : "$context.apiId",
    "api-key" : "$context.identity.apiKey",
    "authorizer-principal-id" : "$context.authorizer.principalId",
    "caller" : "$context.identity.caller",
    "cognito-authentication-provider" : "$context.identity.cognitoAuthenticationProvider",
    "cognito-authentication-type" : "$context.identity.cognitoAuthenticationType",
    "cognito-identity-id" : "$context.identity.cognitoIdentityId",
    "cognito-identity-pool-id" : "$context.identity.cognitoIdentityPoolId",
    "http-method" : "$context.httpMethod",
    "stage" : "$context.stage",
    "source-ip" : "$context.identity.sourceIp",
    "user" : "$context.identity.user",
    "user-agent" : "$context.identity.userAgent",
    "user-arn" : "$context.identity.userArn",
    "request-id" : "$context.requestId",
    "resource-id" : "$context.resourceId",
    "resource-path" : "$context.resourcePath"
    }
}
`

// The pre-proxy "Lambda integration" passthrough many projects shipped (event.body, headers, params, query).
const LAMBDA_PASSTHROUGH = `{
  "body" : $input.json('$'),
  "headers": {
    #foreach($header in $input.params().header.keySet())
    "$header": "$util.escapeJavaScript($input.params().header.get($header))" #if($foreach.hasNext),#end
    #end
  },
  "method": "$context.httpMethod",
  "params": {
    #foreach($param in $input.params().path.keySet())
    "$param": "$util.escapeJavaScript($input.params().path.get($param))" #if($foreach.hasNext),#end
    #end
  },
  "query": {
    #foreach($queryParam in $input.params().querystring.keySet())
    "$queryParam": "$util.escapeJavaScript($input.params().querystring.get($queryParam))" #if($foreach.hasNext),#end
    #end
  }
}`

describe('templates AWS ships', () => {
  it('renders the mock integration template as it is', () => {
    expect(render('{"statusCode": 200}')).toBe('{"statusCode": 200}')
  })

  it('renders the binary image sample: the key parameter and the body text', () => {
    const template = `{\n   "imageKey": "$input.params('key')", "image": "$input.body"\n}`
    const output = render(template, {
      body: 'iVBORw0KGgo=',
      params: {path: {key: 'cat.png'}, querystring: {}, header: {}},
    })
    expect(output).toBe('{\n   "imageKey": "cat.png", "image": "iVBORw0KGgo="\n}')
  })

  it('renders the body-only image template', () => {
    expect(render('{"image": "$input.body"}', {body: 'AAECAwQ='})).toBe('{"image": "AAECAwQ="}')
  })

  it("renders AWS's method request passthrough template as valid JSON with every parameter", () => {
    const output = render(METHOD_REQUEST_PASSTHROUGH, {
      params: {
        path: {petId: '42'},
        querystring: {q: 'a "quoted" \\ value/x'},
        header: {Accept: '*/*', 'User-Agent': 'curl/8.0'},
      },
    })
    expect(JSON.parse(output)).toEqual({
      'body-json': {name: 'Rex', type: 'dog', price: 249.99, tags: ['good', 'loud'], owner: {id: 7}},
      params: {
        path: {petId: '42'},
        querystring: {q: 'a "quoted" \\ value/x'},
        header: {Accept: '*/*', 'User-Agent': 'curl/8.0'},
      },
      'stage-variables': {env: 'dev', table: 'pets'},
      context: {
        'account-id': '',
        'api-id': 'api123',
        'api-key': '',
        'authorizer-principal-id': '',
        caller: '',
        'cognito-authentication-provider': '',
        'cognito-authentication-type': '',
        'cognito-identity-id': '',
        'cognito-identity-pool-id': '',
        'http-method': 'POST',
        stage: 'dev',
        'source-ip': '203.0.113.9',
        user: '',
        'user-agent': 'curl/8.0',
        'user-arn': '',
        'request-id': 'req-1',
        'resource-id': 'res123',
        'resource-path': '/pets/{petId}',
      },
    })
  })

  it('gives the passthrough an empty object for a request without a body', () => {
    expect(JSON.parse(render(METHOD_REQUEST_PASSTHROUGH, {body: ''}))['body-json']).toEqual({})
  })

  it('renders the Lambda integration passthrough', () => {
    expect(JSON.parse(render(LAMBDA_PASSTHROUGH))).toEqual({
      body: {name: 'Rex', type: 'dog', price: 249.99, tags: ['good', 'loud'], owner: {id: 7}},
      headers: {'Content-Type': 'application/json', 'X-Trace': 'abc'},
      method: 'POST',
      params: {petId: '42'},
      query: {debug: 'true', key: 'from-query'},
    })
  })

  it("renders the developer guide's #set($inputRoot = $input.path('$')) response mapping", () => {
    const template = `#set($inputRoot = $input.path('$'))
[
#foreach($elem in $inputRoot)
  {
    "number": $elem.id,
    "class": "$elem.type",
    "salesPrice": $elem.price
  }#if($foreach.hasNext),#end

#end
]`
    const body = '[{"id":1,"type":"dog","price":249.99},{"id":2,"type":"cat","price":124.99}]'
    expect(JSON.parse(render(template, {body}))).toEqual([
      {number: 1, class: 'dog', salesPrice: 249.99},
      {number: 2, class: 'cat', salesPrice: 124.99},
    ])
  })

  it('renders a #define loop over maps as LocalStack validated it', () => {
    const template = `#define( $loop )
{
    #foreach($e in $map.keySet())
       #set( $k = $e )
       #set( $v = $map.get($k))
       "$k": "$v"
       #if( $foreach.hasNext ) , #end
    #end
}
#end
{
    #set( $map = $input.params().header )
    "headers": $loop,
    #set( $map = $stageVariables )
    "stageVariables": $loop,
    "stage": "$context.stage"
}`
    expect(JSON.parse(render(template))).toEqual({
      headers: {'Content-Type': 'application/json', 'X-Trace': 'abc'},
      stageVariables: {env: 'dev', table: 'pets'},
      stage: 'dev',
    })
  })
})

describe('$input', () => {
  it('body is the payload text as given', () => {
    expect(render('$input.body', {body: 'plain text, not JSON'})).toBe('plain text, not JSON')
  })

  it('body is {} when the payload is empty', () => {
    expect(render('[$input.body]', {body: ''})).toBe('[{}]')
  })

  it('json(x) returns JSON text: objects compact, strings keep their quotes, numbers bare', () => {
    expect(render("$input.json('$.owner')|$input.json('$.name')|$input.json('$.price')|$input.json('$.tags')")).toBe(
      '{"id":7}|"Rex"|249.99|["good","loud"]',
    )
  })

  it("json('$') is the whole payload", () => {
    expect(JSON.parse(render("$input.json('$')"))).toEqual(JSON.parse(mappingInput().body))
  })

  it('json(x) gives a list for wildcard, deep-scan and filter paths', () => {
    const body = '{"items":[{"n":1,"ok":true},{"n":2,"ok":false}]}'
    expect(render("$input.json('$.items[*].n')|$input.json('$..n')|$input.json('$.items[?(@.ok)].n')", {body})).toBe(
      '[1,2]|[1,2]|[1]',
    )
  })

  it('json(x) gives an empty JSON string for a path that matches nothing', () => {
    expect(render("$input.json('$.missing')|$input.json('$.owner.missing')")).toBe('""|""')
  })

  it('json(x) reads a path without the leading $ from the root', () => {
    expect(render("$input.json('owner.id')")).toBe('7')
  })

  it('json(x) reads a body that is not JSON as one string value', () => {
    expect(render("$input.json('$')", {body: 'a=1&b=2'})).toBe('"a=1&b=2"')
  })

  it('path(x) returns a value templates use natively', () => {
    const template = "#set($root = $input.path('$'))$root.name is a $root.type owned by $root.owner.id; $root.size() keys"
    expect(render(template)).toBe('Rex is a dog owned by 7; 5 keys')
  })

  it('path(x) lists can be iterated and indexed', () => {
    const template = "#foreach($tag in $input.path('$.tags'))[$tag]#end $input.path('$.tags').get(1) $input.path('$.tags').size()"
    expect(render(template)).toBe('[good][loud] loud 2')
  })

  it('path(x) prints maps the Java way and JSON arrays as JSON', () => {
    expect(render("$input.path('$.owner')|$input.path('$.tags')", {})).toBe('{id=7}|["good","loud"]')
    expect(render("$input.path('$')", {body: '{"a":1,"b":[{"c":5}]}'})).toBe('{a=1, b=[{"c":5}]}')
  })

  it('path(x) renders as nothing for a path that matches nothing', () => {
    expect(render("[$input.path('$.missing')][$input.path('$').missing]")).toBe('[][]')
  })

  it('path(x) of a form-encoded body is the text itself', () => {
    const template = "#foreach($pair in $input.path('$').split('&'))$pair.split('=')[0]:$pair.split('=')[1];#end"
    expect(render(template, {body: 'user=ann&role=admin'})).toBe('user:ann;role:admin;')
  })

  it('path(x) hands out a copy: changing it leaves the payload as it was', () => {
    const template = "#set($owner = $input.path('$.owner'))#set($old = $owner.put('id', 8))$owner.id $input.json('$.owner.id')"
    expect(render(template)).toBe('8 7')
  })

  it('params() is the map of path, querystring and header parameters', () => {
    expect(render('$input.params()')).toBe(
      '{path={petId=42}, querystring={debug=true, key=from-query}, header={Content-Type=application/json, X-Trace=abc}}',
    )
    const template =
      "$input.params().keySet() $input.params().path.get('petId') $input.params().header.keySet() $input.params().querystring.size()"
    expect(render(template)).toBe('[path, querystring, header] 42 [Content-Type, X-Trace] 2')
  })

  it('params(name) looks in path, then query string, then headers', () => {
    const params = {path: {id: 'from-path'}, querystring: {id: 'from-query', q: 'x'}, header: {id: 'h', h: 'y'}}
    expect(render("$input.params('id') $input.params('q') $input.params('h')", {params})).toBe('from-path x y')
  })

  it('params(name) matches header names case-insensitively and is empty when nothing has the name', () => {
    expect(render("[$input.params('content-type')][$input.params('x-trace')][$input.params('nope')]")).toBe(
      '[application/json][abc][]',
    )
  })
})

describe('$util', () => {
  it('escapeJavaScript escapes quotes, backslash, slash, control and non-ASCII characters', () => {
    const params = {path: {}, querystring: {v: `it's "x" \\ a/b\n\t\r\u0001é中😀`}, header: {}}
    expect(render("$util.escapeJavaScript($input.params('v'))", {params})).toBe(
      String.raw`it\'s \"x\" \\ a\/b\n\t\r\u0001\u00E9\u4E2D\uD83D\uDE00`,
    )
  })

  it("escapeJavaScript output is JSON once AWS's documented replaceAll undoes the \\' escape", () => {
    const template = String.raw`{"v": "$util.escapeJavaScript($input.params('v')).replaceAll("\\'","'")"}`
    const params = {path: {}, querystring: {v: `Bob's "pet"`}, header: {}}
    expect(render(template, {params})).toBe(String.raw`{"v": "Bob's \"pet\""}`)
  })

  it('base64Encode and base64Decode work on UTF-8 text', () => {
    expect(render("$util.base64Encode('héllo 😀')|$util.base64Decode('aMOpbGxvIPCfmIA=')")).toBe(
      'aMOpbGxvIPCfmIA=|héllo 😀',
    )
  })

  it('base64Decode refuses what the payload decoder refuses: a space fails the template', () => {
    expect(renderError("$util.base64Decode('YWJj ZGVm')").message).toContain('base64Decode')
    expect(renderError("$util.base64Decode('YWJj$')").message).toContain('base64Decode')
    expect(render("$util.base64Decode('YWJjZGVm')")).toBe('abcdef')
  })

  it('parseJson returns an object templates can navigate', () => {
    const template = `#set($event = $util.parseJson($input.path('$.detail')))$event.user.name $event.roles.size() $event.roles`
    const body = JSON.stringify({detail: JSON.stringify({user: {name: 'ann'}, roles: ['a', 'b']})})
    expect(render(template, {body})).toBe('ann 2 ["a","b"]')
  })

  it('urlEncode follows java.net.URLEncoder (space as +, only . - * _ unescaped)', () => {
    expect(render(`$util.urlEncode("a b&c=d~é*._-!'()")`)).toBe("a+b%26c%3Dd%7E%C3%A9*._-%21%27%28%29")
  })

  it('urlDecode follows java.net.URLDecoder (+ as space, %XX as UTF-8)', () => {
    expect(render("$util.urlDecode('a+b%26c%3dd%7E%C3%A9')")).toBe('a b&c=d~é')
  })

  it('an unknown $util function renders as nothing', () => {
    expect(render('[$util.qr($input.body)]')).toBe('[]')
  })
})

describe('$context and $stageVariables', () => {
  it('expose the request context and stage variables', () => {
    const template = '$context.httpMethod $context.identity.sourceIp $context.requestTimeEpoch $stageVariables.env $stageVariables.get(\'table\')'
    expect(render(template)).toBe('POST 203.0.113.9 1700000000000 dev pets')
  })

  it('#set into them does not reach the caller', () => {
    const input = mappingInput()
    const output = renderMappingTemplate('#set($context.stage = "prod")#set($stageVariables.env = "x")$context.stage', input)
    expect(output).toBe('prod')
    expect(input.context.stage).toBe('dev')
    expect(input.stageVariables.env).toBe('dev')
  })
})

describe('Velocity as API Gateway runs it', () => {
  it('renders an undefined reference as nothing, quiet or not', () => {
    expect(render('[$undefined][$!undefined][${undefined}][$context.nope.deeper]')).toBe('[][][][]')
  })

  it('supports #set, #if/#elseif/#else and #foreach with $foreach.hasNext', () => {
    const template = `#set($n = 2)#if($n == 1)one#elseif($n == 2)two#else many#end #foreach($i in [1..3])$i#if($foreach.hasNext),#end#end`
    expect(render(template)).toBe('two 1,2,3')
  })

  it("uses Velocity's truthiness: only null and false are false", () => {
    expect(render('#if("")a#end#if(0)b#end#if($nope)c#end#if(!$nope)d#end#if(false || "x")e#end')).toBe('abde')
  })

  it('divides integers the Java way', () => {
    expect(render('#set($q = 7 / 2)#set($r = 7 % 3)#set($f = 7.0 / 2)$q $r $f')).toBe('3 1 3.5')
  })

  it('has the Java String methods templates use', () => {
    const template = `#set($s = " Hello World ")#set($t = $s.trim())$t.length() $t.toLowerCase() $t.toUpperCase() $t.substring(0, 5) $t.contains("World") $t.startsWith("He") $t.endsWith("x") $t.indexOf("o") $t.isEmpty() $t.equals("Hello World") $t.charAt(1) [$t.contains()]`
    expect(render(template)).toBe('11 hello world HELLO WORLD Hello true true false 4 false true e []')
  })

  it('replace is literal and replaceAll/replaceFirst/matches/split take Java regular expressions', () => {
    const template = String.raw`#set($s = "a.b.c")$s.replace(".", "-") $s.replaceAll("\.", "") $s.replaceFirst("[a-z]", "X") $s.replaceAll("(\w)\.(\w)", '$2$1') $s.matches("[a-c.]+") $s.matches("(?i)A.B.C") $s.split("\.") $s.split("\.").size()`
    expect(render(template)).toBe('a-b-c abc X.b.c ba.c true true [a, b, c] 3')
  })

  it('a pattern only Java can run (lookahead) fails the render, with a diagnosis naming the sandbox as the reason', () => {
    const error = renderError('#set($s = "abc")$s.matches("(?=a).*")')
    expect(error.message).toContain('matches("(?=a).*")')
    expect(error.diagnosis).toMatch(/^a mapping template's matches\("\(\?=a\)\.\*"\) cannot run on the sandbox's RE2 engine: lookahead and lookbehind .* are Java-only; the template fails here \(500\)/)
    // An invalid pattern fails in Java too: the same 500.
    expect(renderError('#set($s = "abc")$s.replaceAll("(", "")').message).toContain('missing closing )')
  })

  it("reads Java's syntax: \\u escapes, (?s), and `.` stops at \\r as well as \\n", () => {
    expect(render('#set($s = "a\rb")$s.matches("a.b") $s.matches("(?s)a.b") $s.replaceAll("\\u0061", "A")')).toBe('false true A\rb')
  })

  it('split drops trailing empty strings as Java does', () => {
    expect(render('#set($csv = "a,b,,")#set($parts = $csv.split(","))$parts.size() $parts')).toBe('2 [a, b]')
  })

  it('has the Java Map and List methods templates use', () => {
    const template = `#set($m = {})#set($l = [])$m.put("k", 1)$m.put("k", 2) $m.containsKey("k") $m.get("k") $m.isEmpty() $l.add("x") $l.contains("x") $l.isEmpty() #foreach($e in $m.entrySet())$e.key=$e.getValue()#end $m`
    expect(render(template)).toBe('1 true 2 false true true false k=2 {k=2}')
  })

  it('does not HTML-escape output', () => {
    const body = `<script>alert("x&y")</script>'`
    expect(render('$input.body', {body})).toBe(body)
    expect(render(`{"raw": "$util.escapeJavaScript($input.body)"} <&>"`, {body: '<&>'})).toBe('{"raw": "<&>"} <&>"')
  })

  it('passes unicode through unchanged, in the template and in values', () => {
    const body = '{"名前":"ポチ","emoji":"🐶"}'
    expect(render("€ $input.body $input.json('$.emoji') $input.path('$').get('名前') ✓", {body})).toBe(
      `€ ${body} "🐶" ポチ ✓`,
    )
  })

  it('keeps a directive from leaving a blank line', () => {
    expect(render('#set($x = 1)\nline $x\n#if(true)\nyes\n#end\nend')).toBe('line 1\nyes\nend')
  })
})

describe('errors', () => {
  it('a template that does not parse is a MappingTemplateError', () => {
    expect(renderError('{"a": #if(}').message).toMatch(/^Invalid mapping template: Parse error/)
  })

  it('a block without #end is a MappingTemplateError', () => {
    expect(renderError('#foreach($i in [1, 2])x').message).toMatch(/needs one #end/)
  })

  it('an #end without a block is a MappingTemplateError', () => {
    expect(renderError('a #end b').message).toMatch(/needs one #end/)
  })

  it('#else outside #if is a MappingTemplateError', () => {
    expect(renderError('a #else b').message).toBe('Invalid mapping template: #else outside #if')
  })

  it('parseJson of text that is not JSON fails the render', () => {
    expect(renderError("$util.parseJson('{nope')").message).toMatch(/^Mapping template failed to render: /)
  })

  it('a malformed URL escape fails the render', () => {
    expect(renderError("$util.urlDecode('100%')").message).toMatch(/malformed escape/)
  })

  it('an index out of range fails the render, as the Java exception does', () => {
    expect(renderError('$input.body.substring(0, 99)', {body: 'short'}).message).toMatch(/out of bounds/)
  })
})

describe('parsing once per template', () => {
  it('renders a cached template afresh for each input', () => {
    const template = "$input.params('petId'):$input.json('$.name')"
    expect(render(template)).toBe('42:"Rex"')
    const params = {path: {petId: '43'}, querystring: {}, header: {}}
    expect(render(template, {params, body: '{"name":"Tom"}'})).toBe('43:"Tom"')
  })

  it('keeps rendering correctly past the cache bound', () => {
    const outputs = Array.from({length: 300}, (_, i) => render(`#set($i = ${i})$i:$input.params('petId')`))
    expect(outputs[0]).toBe('0:42')
    expect(outputs[299]).toBe('299:42')
    expect(render("#set($i = 0)$i:$input.params('petId')")).toBe('0:42')
  })
})

describe('properties', () => {
  const anyUtf16 = fc.string({unit: fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code))})
  const querystring = (value: string) => ({path: {}, querystring: {v: value}, header: {}})

  it('base64Decode(base64Encode(s)) is s for any well-formed text', () => {
    fc.assert(
      fc.property(fc.string({unit: 'grapheme'}), (text) => {
        const output = render("$util.base64Decode($util.base64Encode($input.params('v')))", {params: querystring(text)})
        expect(output).toBe(text)
      }),
      {numRuns: 300},
    )
  })

  it("escapeJavaScript with AWS's \\' fix, inside a JSON string, parses back to the input", () => {
    const template = String.raw`{"v": "$util.escapeJavaScript($input.params('v')).replaceAll("\\'","'")"}`
    fc.assert(
      fc.property(anyUtf16, (text) => {
        expect(JSON.parse(render(template, {params: querystring(text)}))).toEqual({v: text})
      }),
      {numRuns: 300},
    )
  })

  it('urlDecode(urlEncode(s)) is s for any well-formed text', () => {
    fc.assert(
      fc.property(fc.string({unit: 'grapheme'}), (text) => {
        const output = render("$util.urlDecode($util.urlEncode($input.params('v')))", {params: querystring(text)})
        expect(output).toBe(text)
      }),
      {numRuns: 300},
    )
  })
})

// API Gateway's quotas (1,000 #foreach iterations, 300 KB templates) and the sandbox's own bounds; the
// hostile templates themselves, run against a sandbox in its own process, are in hostile-templates.test.ts.
describe('bounds', () => {
  it('a #foreach of 1,000 iterations renders; one of 1,001 fails, with a diagnosis citing the quota', () => {
    expect(render('#foreach($i in [1..1000])#end$foreach.count').length).toBeGreaterThanOrEqual(0)
    expect(render('#set($n = 0)#foreach($i in [1..1000])#set($n = $n + 1)#end$n')).toBe('1000')
    const error = renderError('#foreach($i in [1..1001])#end')
    expect(error.diagnosis).toBe("a mapping template's #foreach would run more than 1000 iterations, API Gateway's quota; it fails (500)")
    // Over a map's entries and a JSON array alike.
    expect(renderError(`#foreach($x in $input.path('$'))#end`, {body: JSON.stringify(Array.from({length: 1001}, (_, i) => i))}).diagnosis).toContain('1000 iterations')
  })

  it('a template of 300 KB renders; a larger one fails', () => {
    const sized = (bytes: number) => `##${'x'.repeat(bytes - 5)}\nok`
    expect(Buffer.byteLength(sized(300 * 1024))).toBe(300 * 1024)
    expect(render(sized(300 * 1024))).toBe('ok')
    expect(renderError(sized(300 * 1024 + 1)).diagnosis).toBe("a mapping template is larger than API Gateway's 300 KB quota; it fails (500)")
    // Counted in UTF-8 bytes: 102,401 three-byte characters are over.
    expect(renderError(`## ${'€'.repeat(102_401)}`).diagnosis).toContain('300 KB')
  })

  it('a range is refused before it is built when it is longer than the bound', () => {
    expect(render('#set($r = [1..1000000])$r.size() $r.get(999999)')).toBe('1000000 1000000')
    expect(renderError('#set($r = [1..1000001])$r.size()').diagnosis).toContain('more than 1000000 items')
    expect(render('#set($r = [3..1])$r')).toBe('[3, 2, 1]')
    expect(renderError('#set($big = 2000000000)#foreach($i in [1..$big])#end').diagnosis).toContain('more than 1000000 items')
  })

  it('strings and lists a template grows are bounded, whichever way they grow', () => {
    expect(renderError('#set($s = "xxxxxxxx")#foreach($i in [1..30])#set($s = "$s$s")#end').diagnosis).toContain('10485760 characters')
    expect(renderError('#set($s = "xxxxxxxx")#foreach($i in [1..30])#set($s = $s.concat($s))#end').diagnosis).toContain('10485760 characters')
    expect(renderError('#set($l = [1..1000])#foreach($i in [1..30])#set($x = $l.addAll($l))#end').diagnosis).toContain('1000000 items')
    expect(render('#set($l = [1, 2])#set($x = $l.addAll($l))$l')).toBe('[1, 2, 1, 2]')
  })

  it('a render that runs past its time fails', () => {
    const error = renderError('#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#end#end#end')
    expect(error.diagnosis).toBe("a mapping template ran past the sandbox's 1000 ms bound on one render; it fails (500)")
  })
})
