// Every test, in order: typecheck + lint + format, backend (unit + integration on real FerretDB and s3rver), frontend
// unit, then end-to-end in headless Chromium against the built frontend. Run through
// `bash infra/lontar.sh test`; exits non-zero when anything fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './stack.ts';

interface Suite {
  name: string;
  args: string[];
  /** Vitest suites write a JSON report we sum up for the closing line. */
  report?: string;
}

const reports = mkdtempSync(path.join(os.tmpdir(), 'lontar-reports-'));
const vitest = (name: string, filter: string, script: string): Suite => {
  const report = path.join(reports, `${name}.json`);
  return {
    name,
    report,
    args: [
      '--filter',
      filter,
      'run',
      script,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
  };
};

const suites: Suite[] = [
  { name: 'check', args: ['run', 'check'] },
  vitest('backend', '@lontar/backend', 'test'),
  vitest('frontend-unit', '@lontar/frontend', 'test'),
  { name: 'frontend-build', args: ['--filter', '@lontar/frontend', 'run', 'build'] },
  vitest('e2e', '@lontar/frontend', 'test:e2e'),
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.log(`\n[lontar] ── ${suite.name} ──`);
  const started = Date.now();
  const result = spawnSync('pnpm', suite.args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: process.env,
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (suite.report && existsSync(suite.report)) {
    const summary = JSON.parse(readFileSync(suite.report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    skipped += summary.numPendingTests + summary.numTodoTests;
  }
  if (result.status !== 0) {
    failures.push(suite.name);
    if (!suite.report) failed += 1;
  }
  console.log(`[lontar] ${suite.name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
}
rmSync(reports, { recursive: true, force: true });

console.log('');
if (failures.length > 0) console.log(`[lontar] failing suites: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length > 0 ? 1 : 0);
