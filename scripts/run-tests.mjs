#!/usr/bin/env node
// Runs a test tier with ONE shared Temporal dev server for vitest and Playwright alike.
//   quick: unit + integration (+ the E2E smoke, tests tagged @smoke)         npm test
//          (after `npm run build`: a unit test loads the built Electron main bundle)
//   full:  the *.full.test.ts files (PackageBuilder at scale, an export installed from the
//          registry and run) + the E2E tests not tagged @smoke              npm run test:full
//   A tier that runs no test fails: a selection that matched nothing is a broken selection.
//   `run-tests.mjs quick full` runs both on the same server (.ci/run).
// Prints "N passed, N failed" for all tiers together and exits non-zero on any failure. Under
// CI=true a suite whose server or browser is missing fails; it is never skipped.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const tiers = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['quick'];
if (!tiers.every((t) => ['quick', 'full'].includes(t))) {
  console.error(`usage: run-tests.mjs quick|full [full] (got ${tiers.join(' ')})`);
  process.exit(2);
}
const tier = tiers.join('+');
const tsxLoader = import.meta.resolve('tsx');
const scratch = mkdtempSync(join(tmpdir(), `wb-tests-${tier}-`));
const children = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
/** The failed tests' names, repeated above the summary line so a truncated log still names them. */
const failures = [];

function run(command, args, env = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

/** Starts a long-lived helper that prints one `<marker> {json}` line when it is ready. */
function startHelper(name, args, marker, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    children.push(child);
    const timer = setTimeout(() => reject(new Error(`${name} was not ready within ${timeoutMs} ms`)), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(marker + ' ')) {
        clearTimeout(timer);
        resolvePromise(JSON.parse(line.slice(marker.length + 1)));
      } else {
        process.stdout.write(`[${name}] ${line}\n`);
      }
    });
  });
}

/** Stops the helpers and waits for them, so nothing they print lands after the summary line. */
async function stopChildren() {
  const exits = children
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map((child) => new Promise((resolvePromise) => {
      child.once('exit', resolvePromise);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    }));
  await Promise.all(exits);
}

async function runVitest(name, selection) {
  const report = join(scratch, `vitest-${name}.json`);
  const code = await run('npx', ['vitest', 'run', ...selection, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (!existsSync(report)) {
    console.error(`vitest produced no report (exit ${code})`);
    totals.failed += 1;
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  // A file that fails to load counts as a failure even though none of its tests ran.
  totals.failed += json.numFailedTests + (json.success === false && json.numFailedTests === 0 ? 1 : 0);
  totals.skipped += json.numPendingTests + json.numTodoTests;
  for (const file of json.testResults ?? []) {
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failed) failures.push(`${name} ${file.name.replace(root + '/', '')} › ${test.fullName}`);
    if (file.status === 'failed' && failed.length === 0) failures.push(`${name} ${file.name.replace(root + '/', '')} (did not load: ${String(file.message ?? '').split('\n')[0]})`);
  }
  if (json.numTotalTests === 0) {
    console.error(`the ${name} selection ran no test`);
    totals.failed += 1;
  }
}

async function runPlaywright(name, grepArgs, env) {
  const report = join(scratch, `playwright-${name}.json`);
  const code = await run('npx', ['playwright', 'test', ...grepArgs, '--reporter=list,json'], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  if (!existsSync(report)) {
    console.error(`playwright produced no report (exit ${code})`);
    totals.failed += 1;
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const stats = json.stats ?? {};
  collectPlaywrightFailures(name, json.suites ?? [], []);
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  if (code !== 0 && (stats.unexpected ?? 0) === 0) totals.failed += 1;
}

/** Walks Playwright's nested suites for the tests whose outcome was "unexpected". */
function collectPlaywrightFailures(name, suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      if ((spec.tests ?? []).some((test) => test.status === 'unexpected')) failures.push(`${name} e2e ${[...path, spec.title].join(' › ')}`);
    }
    collectPlaywrightFailures(name, suite.suites ?? [], path);
  }
}

let exitCode = 0;
try {
  const server = await startHelper('shared-dev-server', ['tests/support/start-shared-dev-server.ts', join(scratch, 'server')], 'WB_SHARED_SERVER', 180_000);
  process.env.WB_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.WB_TEST_TEMPORAL_NAMESPACE = server.namespace;
  if (server.metrics) process.env.WB_TEST_TEMPORAL_METRICS = server.metrics;
  console.log(`shared Temporal dev server ready at ${server.address} (pid ${server.pid})`);

  // The desktop build (main, preload, renderer, icons): a unit test loads the built main bundle.
  // A failed build counts as a failure; the other tests still run and report.
  if ((await run('npm', ['run', '--silent', 'build'])) !== 0) {
    console.error('the desktop build (npm run build) failed');
    totals.failed += 1;
  }

  for (const name of tiers) {
    if (name === 'quick') await runVitest(name, ['--exclude', '**/*.full.test.ts']);
    else await runVitest(name, ['.full.test.ts']);
  }

  // The Build a monorepo page's folder chooser lists here (tests/e2e/build-monorepo.spec.ts copies
  // its fixture in), not in the home folder; the host and Playwright both inherit it.
  process.env.WB_FOLDER_CHOOSER_ROOTS = join(scratch, 'chooser');
  mkdirSync(process.env.WB_FOLDER_CHOOSER_ROOTS, { recursive: true });
  const build = await run('npm', ['run', '--silent', 'build:renderer']);
  if (build !== 0) throw new Error('the renderer did not build');
  const host = await startHelper(
    'browser-host',
    ['src/main/browser-mode/main.ts', '--data-dir', join(scratch, 'app'), '--temporal-address', server.address, '--namespace', server.namespace, '--print-ready'],
    'WB_BROWSER_HOST',
    120_000,
  );
  for (const name of tiers) {
    await runPlaywright(name, name === 'quick' ? ['--grep', '@smoke'] : ['--grep-invert', '@smoke'], { WB_E2E_URL: host.url });
  }
} catch (error) {
  console.error(`\n${tier} tier aborted: ${error instanceof Error ? error.message : String(error)}`);
  totals.failed += 1;
} finally {
  await stopChildren();
}
if (totals.failed > 0) exitCode = 1;
rmSync(scratch, { recursive: true, force: true });
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((line) => `  ✗ ${line}`).join('\n')}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`\n${tier}: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(exitCode);
