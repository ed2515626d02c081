// Prints the plain closing line CI reads ("N passed, N failed, N skipped") and
// names every skipped test, so a skip never goes unexplained. A suite that
// fails to load counts as one failure. CommonJS because jest loads reporters
// with require().
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const suite of results.testResults) {
      for (const t of suite.testResults) {
        if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') skipped.push(t.fullName);
      }
    }
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    for (const name of skipped) process.stdout.write(`skipped: ${name}\n`);
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed, ${skipped.length} skipped\n`);
  }
}
module.exports = SummaryReporter;
