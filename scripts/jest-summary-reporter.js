/**
 * Prints one plain closing line after a Jest run, e.g. "jest: 74 passed, 0 failed",
 * so CI can read the count in any tool (not only Jest's own summary).
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${tail}\n`);
  }
}
