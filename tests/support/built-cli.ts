// Helpers of the tests that run the built CLI (tests/integration/cli/built-cli.test.ts, build-daemon.test.ts).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Runs `file` (the built CLI) with plain `node`, no tsx loader anywhere, collecting its output. */
export function runBuiltCli(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [file, ...args], { env: { ...process.env, ...env }, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** True while `pid` runs; an exited process nobody reaped yet (a zombie) counts as ended. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  const state = readFileSync(stat, 'utf8')
    .replace(/^.*\) /s, '')
    .charAt(0);
  return state !== 'Z' && state !== 'X';
}
