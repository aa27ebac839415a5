// Tier: unit. `workflow-builder daemon`: a wrong action or flag is bad usage (exit 2, the usage
// printed); with no daemon on the data folder, `status` says so and exits 3, `stop` has nothing to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DAEMON_USAGE, runDaemonCommand } from '../../../src/main/cli/daemon-command';

const dataDir = mkdtempSync(join(tmpdir(), 'wb-daemon-command-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDaemonCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('workflow-builder daemon', () => {
  it('refuses an unknown action or flag with the usage', async () => {
    const wrong = await run(['restart']);
    expect(wrong.code).toBe(2);
    expect(wrong.err.join('\n')).toContain('daemon needs status or stop, got "restart"');
    expect(wrong.err.join('\n')).toContain(DAEMON_USAGE);
    const flag = await run(['status', '--verbose']);
    expect(flag.code).toBe(2);
    expect(flag.err.join('\n')).toMatch(/Unknown option '--verbose'/);
  });

  it('reports no daemon on a folder without one', async () => {
    const status = await run(['status', '--data-dir', dataDir]);
    expect(status.code).toBe(3);
    expect(status.out).toEqual([`no build daemon runs on ${dataDir}`]);
    const stop = await run(['stop', '--data-dir', dataDir]);
    expect(stop.code).toBe(0);
    expect(stop.out).toEqual([`no build daemon runs on ${dataDir}`]);
  });
});
