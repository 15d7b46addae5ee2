// The desired spec as the contract documents it, comments and all.
export const EXAMPLE_SPEC = `version: 1
api: a1b2c3d4e5            # optional: id or name
region: us-east-1          # optional
stage: v1                  # optional default for --stage
binaryMediaTypes: [image/jpeg, application/octet-stream]
binaryMediaTypesMode: add-only     # or exact: also remove live entries not listed
routes:
  "PUT /lambda":
    request: CONVERT_TO_TEXT       # CONVERT_TO_BINARY | CONVERT_TO_TEXT | PASSTHROUGH
  "GET /lambda":
    responses:
      "200": CONVERT_TO_BINARY
  "OPTIONS *":                     # '*' matches any path
    request: CONVERT_TO_TEXT
    responses: {"*": CONVERT_TO_TEXT}
verify:                            # probes for \`verify\`; uploads only where listed
  - route: "GET /lambda?key=probe.jpg"
    accept: [application/octet-stream, application/json]
ignore: [preflight-hazard]         # finding kinds or finding ids accepted as they are
`
