/**
 * Prints the plain closing line CI reads ("N passed, N failed, N skipped") after vitest's own summary.
 */
import type { Reporter } from 'vitest/reporters';
import type { RunnerTask, RunnerTestFile } from 'vitest';

export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const walk = (task: RunnerTask) => {
      if (task.type === 'test') {
        const state = task.result?.state;
        if (state === 'pass') passed++;
        else if (state === 'fail') failed++;
        else skipped++;
      } else if ('tasks' in task) {
        task.tasks.forEach(walk);
      }
    };
    files.forEach(walk);
    // a file that failed to load counts as a failure too
    failed += files.filter((f) => f.result?.state === 'fail' && f.tasks.length === 0).length + errors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
