// Tier: quick (unit). How a build's process tree is stopped on each platform: the pure function
// builds the command (Windows: taskkill /T /F) or the process-group signal (Linux, macOS). The
// Linux mechanism itself is proven on real processes in real-builds.test.ts (grandchild killed).
import { describe, expect, it } from 'vitest';
import { hasGracePeriod, ownProcessGroup, treeKill } from '../../../src/main/activities/process-tree';

describe('treeKill', () => {
  it('Windows: taskkill ends the process and all its descendants, forcefully', () => {
    expect(treeKill(4242, 'SIGTERM', 'win32')).toEqual({
      kind: 'command',
      program: 'taskkill',
      args: ['/pid', '4242', '/T', '/F'],
    });
    expect(treeKill(4242, 'SIGKILL', 'win32')).toEqual(treeKill(4242, 'SIGTERM', 'win32'));
    expect(ownProcessGroup('win32')).toBe(false);
    expect(hasGracePeriod('win32')).toBe(false);
  });

  it.each(['linux', 'darwin'] as const)(
    '%s: the signal goes to the process group (negative pid)',
    (platform) => {
      expect(treeKill(4242, 'SIGTERM', platform)).toEqual({
        kind: 'group-signal',
        pid: -4242,
        signal: 'SIGTERM',
      });
      expect(treeKill(4242, 'SIGKILL', platform)).toEqual({
        kind: 'group-signal',
        pid: -4242,
        signal: 'SIGKILL',
      });
      expect(ownProcessGroup(platform)).toBe(true);
      expect(hasGracePeriod(platform)).toBe(true);
    },
  );

  it('refuses what is not a process id (a 0 or -1 would signal every process it may)', () => {
    for (const pid of [0, -1, 1.5, Number.NaN])
      expect(() => treeKill(pid, 'SIGTERM', 'linux')).toThrow(/not a process id/);
  });
});
