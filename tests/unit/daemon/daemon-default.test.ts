// Tier: unit. When `build` runs on the build daemon: by default on a developer's machine, not under
// CI, not with WB_DAEMON=0, never with --no-daemon or an external server (--temporal-address) —
// decided alike by the bootstrap (which then forks no worker) and by the parsed options.
import { describe, expect, it } from 'vitest';
import { parseBuildOptions } from '../../../src/main/cli/build-options';
import { buildUsesDaemon, daemonByDefault } from '../../../src/main/daemon/daemon-default';

describe('the build daemon by default', () => {
  it('is used on a developer machine, not under CI, and WB_DAEMON decides over both', () => {
    expect(daemonByDefault({})).toBe(true);
    expect(daemonByDefault({ CI: 'true' })).toBe(false);
    expect(daemonByDefault({ CI: '1' })).toBe(false);
    expect(daemonByDefault({ CI: 'false' })).toBe(true);
    expect(daemonByDefault({ WB_DAEMON: '0' })).toBe(false);
    expect(daemonByDefault({ WB_DAEMON: 'off' })).toBe(false);
    expect(daemonByDefault({ CI: 'true', WB_DAEMON: '1' })).toBe(true);
  });

  it('the bootstrap and the parsed options agree', () => {
    const cases: Array<{ args: string[]; env: NodeJS.ProcessEnv; daemon: boolean }> = [
      { args: ['.'], env: {}, daemon: true },
      { args: ['.'], env: { CI: 'true' }, daemon: false },
      { args: ['.', '--daemon'], env: { CI: 'true' }, daemon: true },
      { args: ['.', '--no-daemon'], env: {}, daemon: false },
      { args: ['.', '--temporal-address', 'localhost:7233'], env: {}, daemon: false },
      { args: ['.', '--temporal-address=localhost:7233'], env: {}, daemon: false },
      { args: ['--demo', '--concurrency', '8'], env: { WB_DAEMON: '0' }, daemon: false },
    ];
    for (const { args, env, daemon } of cases) {
      expect(buildUsesDaemon(args, env), args.join(' ')).toBe(daemon);
      expect(parseBuildOptions(args, env).daemon, args.join(' ')).toBe(daemon);
    }
  });

  it('refuses contradictions and a bad WB_DAEMON_IDLE, naming them', () => {
    expect(() => parseBuildOptions(['.', '--daemon', '--no-daemon'], {})).toThrow(
      '--daemon and --no-daemon contradict each other',
    );
    expect(() => parseBuildOptions(['.', '--daemon', '--temporal-address', 'h:7233'], {})).toThrow(
      /--daemon runs the embedded server/,
    );
    expect(() => parseBuildOptions(['.'], { WB_DAEMON_IDLE: 'soon' })).toThrow(
      /WB_DAEMON_IDLE: "soon" is not a duration/,
    );
    expect(parseBuildOptions(['.'], { WB_DAEMON_IDLE: '30s' }).daemonIdleMs).toBe(30_000);
    expect(parseBuildOptions(['.'], {}).daemonIdleMs).toBe(10 * 60_000);
  });
});
