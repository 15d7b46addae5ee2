// CI reads one closing line 'N passed, N failed' (', N skipped' may follow).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`)
  }
}
module.exports = SummaryReporter
