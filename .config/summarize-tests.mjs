// Prints one closing line for the whole test run ("N passed, N failed, N skipped") from the JSON
// reports of Vitest and Playwright, and fails when either report is missing or anything failed.
import { existsSync, readFileSync } from 'node:fs';

const counts = { passed: 0, failed: 0, skipped: 0 };
const missing = [];

const vitestFile = 'test-results/vitest.json';
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  counts.skipped += report.numPendingTests + report.numTodoTests;
} else missing.push(vitestFile);

const playwrightFile = 'test-results/playwright.json';
if (existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
} else missing.push(playwrightFile);

for (const file of missing) console.log(`missing test report: ${file}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed > 0 || missing.length > 0 ? 1 : 0);
