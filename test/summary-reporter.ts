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
      } else {
        // a suite or file that failed in its own right (a beforeAll/afterAll hook threw, the file did
        // not load) counts as a failure: its tests are then only "skipped"
        if (task.result?.state === 'fail' && (task.result.errors?.length ?? 0) > 0) failed++;
        if ('tasks' in task) task.tasks.forEach(walk);
      }
    };
    files.forEach(walk);
    // a file that failed to load without an error of its own counts as a failure too
    failed += files.filter((f) => f.result?.state === 'fail' && f.tasks.length === 0 && !f.result.errors?.length).length + errors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
