import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A process's command line: argv when the OS gives it exactly (Linux), else the flattened text. */
export interface ProcessCommand {
  argv?: string[];
  text: string;
}

/**
 * Whether a pid names a live process. A zombie (exited, not yet reaped by its parent — common
 * for orphans in containers whose pid 1 doesn't reap) counts as dead: it holds no file or port.
 */
export async function isProcessAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform === 'linux') {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Field 3, after the parenthesised command name (which may itself contain spaces or parens).
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Waits until `pid` is gone (polled: the process need not be our child, so no 'exit' event reaches
 * us); true when it went within `timeoutMs`.
 */
export async function waitForProcessExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isProcessAlive(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !(await isProcessAlive(pid));
}

/** Reads the command line of `pid`; undefined when the process is gone or not readable. */
export async function readProcessCommand(pid: number): Promise<ProcessCommand | undefined> {
  try {
    if (process.platform === 'linux') {
      const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (raw === '') return undefined; // zombie or kernel thread
      const argv = raw.split('\0').filter((arg, index, all) => arg !== '' || index < all.length - 1);
      return { argv, text: argv.join(' ') };
    }
    if (process.platform === 'win32') {
      const { stdout } = await execFileAsync(
        'powershell.exe',
        ['-NoProfile', '-Command', `(Get-CimInstance Win32_Process -Filter "ProcessId=${pid}").CommandLine`],
        { windowsHide: true, timeout: 10_000 },
      );
      const text = stdout.trim();
      return text === '' ? undefined : { text };
    }
    const { stdout } = await execFileAsync('ps', ['-ww', '-o', 'command=', '-p', String(pid)], {
      timeout: 10_000,
    });
    const text = stdout.trim();
    return text === '' ? undefined : { text };
  } catch {
    return undefined;
  }
}

/**
 * Whether a command line is `temporal server start-dev` on exactly our db file. This is the guard
 * that keeps us from killing an unrelated process that happens to have reused an old pid.
 */
export function isDevServerForDb(command: ProcessCommand, dbPath: string): boolean {
  const db = resolve(dbPath);
  if (command.argv) {
    const argv = command.argv;
    const isStartDev = argv.some((arg, index) => arg === 'server' && argv[index + 1] === 'start-dev');
    if (!isStartDev) return false;
    for (let index = 0; index < argv.length; index++) {
      const arg = argv[index] ?? '';
      if (
        (arg === '--db-filename' || arg === '-f') &&
        argv[index + 1] !== undefined &&
        resolve(argv[index + 1] ?? '') === db
      )
        return true;
      if (arg.startsWith('--db-filename=') && resolve(arg.slice('--db-filename='.length)) === db) return true;
    }
    return false;
  }
  // Flattened text (macOS, Windows): paths may contain spaces, so match substrings.
  return command.text.includes('server start-dev') && command.text.includes(db);
}

/**
 * Linux only: pids of every `temporal server start-dev` on `dbPath`, found by scanning /proc. Catches
 * an orphan whose pid file was lost (app killed between spawn and writing the file). Elsewhere: [].
 */
export async function findDevServersForDb(dbPath: string): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const command = await readProcessCommand(pid);
    if (command && isDevServerForDb(command, dbPath) && (await isProcessAlive(pid))) found.push(pid);
  }
  return found;
}
