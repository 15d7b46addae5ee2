// verify on the sample image API in a sandbox started without its `image` function: every request
// answers AWS's 500 for a function that does not exist, and verify says the sandbox lacks the handler
// and how to give it one, rather than putting the 500 down to a setting or the function.
import {paletteFor} from '../../src/ui/colours.js'
import {renderVerify} from '../../src/ui/verify-view.js'
import {importFixture, useAuditBench} from './audit-support.js'
import {specPath, verify} from './verify-support.js'

const logged: string[] = []
const bench = useAuditBench({logDiagnosis: (line) => logged.push(line)})

describe('verify against a sandbox with no handler for the function', () => {
  it('names the function and the flags that register it, for every step', async () => {
    const restApiId = await importFixture(bench.client, 'image-api.corrected.oas30.json')
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: specPath('image-api.binfix.yaml')})

    expect(report.allPassed).toBe(false)
    expect(report.steps.length).toBeGreaterThan(0)
    const sentence = 'the sandbox has no handler for Lambda function image, so it answered 500 as AWS does for a function that does not exist'
    const fix = 'start the sandbox with --lambda image=FILE or --functions DIR (with DIR/image.mjs)'
    for (const step of report.steps) {
      expect(step).toMatchObject({pass: false, status: 500, summary: 'answered 500 {"message": "Internal server error"}', cause: {setting: 'sandbox', fix}})
      // A read-back says first that its upload failed, then why.
      expect(step.cause!.sentence.endsWith(sentence)).toBe(true)
    }
    const text = renderVerify(report, paletteFor({isTTY: false}))
    expect(text).toContain(`cause: ${sentence}`)
    expect(text).not.toContain('not explained by binary settings')
    expect(logged).toEqual([`sandbox: no local handler for Lambda function image: ${fix}`])
  })
})
