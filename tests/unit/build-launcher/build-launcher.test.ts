// Tier: quick (unit). The worker's build launcher (src/main/build-launcher): builds are children of a
// small process of their own, not of the caller; what they print, their exit and a failure to start
// come back as child_process would report them; a launcher that dies under a build fails it with
// LAUNCHER_LOST (retryable), stops its tree, and the next build gets a new launcher. The real builds'
// cases (real-builds.test.ts) run through it too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LAUNCHER_LOST, type BuildProcess } from '../../../src/main/activities/build-process';
import { BuildLauncher } from '../../../src/main/build-launcher/build-launcher';

const launchers: BuildLauncher[] = [];
afterEach(() => {
  for (const launcher of launchers.splice(0)) launcher.stop();
});

function newLauncher(...args: ConstructorParameters<typeof BuildLauncher>): BuildLauncher {
  const launcher = new BuildLauncher(...args);
  launchers.push(launcher);
  return launcher;
}

/** Output, exit and close of a process, as a build reads them. */
function outcome(child: BuildProcess): Promise<{
  stdout: string;
  stderr: string;
  exit: unknown[];
  close: unknown[];
}> {
  let stdout = '';
  let stderr = '';
  let exit: unknown[] = [];
  child.stdout?.on('data', (data) => (stdout += data.toString()));
  child.stderr?.on('data', (data) => (stderr += data.toString()));
  child.once('exit', (...args: unknown[]) => (exit = args));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (...close: unknown[]) => resolve({ stdout, stderr, exit, close }));
  });
}

const ppidOf = (pid: number): number => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};

describe('BuildLauncher', () => {
  it('starts a build as a child of the launcher, with its pid known at once, and relays its output, exit and close in order', async () => {
    const launcher = newLauncher();
    const child = await launcher.spawn(
      'sh',
      ['-c', 'echo "parent $PPID"; echo oops >&2; printf "%s" "$GREETING"; exit 3'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GREETING: 'hi' }, detached: true },
    );
    expect(child.pid).toBeGreaterThan(0);
    const result = await outcome(child);
    const parent = Number(/parent (\d+)/.exec(result.stdout)?.[1]);
    expect(parent).not.toBe(process.pid);
    expect(result.stdout).toBe(`parent ${parent}\nhi`);
    expect(result.stderr).toBe('oops\n');
    expect(result.exit).toEqual([3, null]);
    expect(result.close).toEqual([3, null]);
  });

  it("keeps each stream as given: a build's ignored stdin is at end of file, not a pipe nobody writes to", async () => {
    const launcher = newLauncher();
    const child = await launcher.spawn('sh', ['-c', 'cat; echo done'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const result = await outcome(child);
    expect(result.stdout).toBe('done\n');
    expect(result.close).toEqual([0, null]);
  });

  it('a program that does not exist fails with ENOENT, as child_process reports it', async () => {
    const launcher = newLauncher();
    const child = await launcher.spawn('wb-no-such-program', [], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(child.pid).toBeUndefined();
    const error = await outcome(child).then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(error?.code).toBe('ENOENT');
  });

  it.runIf(process.platform === 'linux')(
    'a launcher that dies under a build fails it with LAUNCHER_LOST and stops its tree; the next build gets a new launcher',
    async () => {
      const launcher = newLauncher();
      const child = await launcher.spawn('sh', ['-c', 'sleep 30'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const pid = child.pid as number;
      const launcherPid = ppidOf(pid);
      expect(launcherPid).not.toBe(process.pid);
      const ended = outcome(child).then(
        () => undefined,
        (e: NodeJS.ErrnoException) => e,
      );
      process.kill(launcherPid, 'SIGKILL');
      expect((await ended)?.code).toBe(LAUNCHER_LOST);
      await expect
        .poll(
          () => fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')),
          { timeout: 5000 },
        )
        .toBe(false);

      const next = await launcher.spawn('sh', ['-c', 'echo $PPID'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const again = await outcome(next);
      expect(Number(again.stdout.trim())).not.toBe(launcherPid);
      expect(again.close).toEqual([0, null]);
    },
  );

  it('without its entry file, spawns in the caller as before', async () => {
    const spawned: string[] = [];
    const launcher = newLauncher(
      { entry: '/nonexistent/build-launcher-process.js', execArgv: [] },
      (program, args, options) => {
        spawned.push(program);
        return spawn(program, args, options);
      },
    );
    const child = await launcher.spawn('sh', ['-c', 'echo $PPID'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const result = await outcome(child);
    expect(Number(result.stdout.trim())).toBe(process.pid);
    expect(spawned).toEqual(['sh']);
  });
});
