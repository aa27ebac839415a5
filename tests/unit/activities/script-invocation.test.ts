import { describe, expect, it } from 'vitest';
import { scriptEnv, shellInvocation } from '../../../src/main/activities/script-invocation';

describe('running a package script the way package managers do', () => {
  it('passes the script text to the platform shell, and nothing else', () => {
    expect(shellInvocation('tsc -p . && echo "$npm_package_name"', 'linux')).toEqual({
      program: 'sh',
      args: ['-c', 'tsc -p . && echo "$npm_package_name"'],
      windowsVerbatimArguments: false,
    });
    // As npm: cmd /d /s /c "<script>", verbatim so cmd sees the outer quotes.
    expect(shellInvocation('tsc -p . && echo done', 'win32')).toEqual({
      program: 'cmd.exe',
      args: ['/d', '/s', '/c', '"tsc -p . && echo done"'],
      windowsVerbatimArguments: true,
    });
  });

  it("puts the package's and the root's node_modules/.bin first on PATH", () => {
    expect(scriptEnv({ PATH: '/usr/bin', HOME: '/h' }, '/r/packages/a', '/r', 'linux')).toEqual({
      PATH: '/r/packages/a/node_modules/.bin:/r/node_modules/.bin:/usr/bin',
      HOME: '/h',
    });
    // Windows spells it Path; the key the environment uses is kept.
    expect(scriptEnv({ Path: 'C:\\bin' }, 'C:\\r\\a', 'C:\\r', 'win32').Path).toMatch(
      /node_modules.\.bin;.*node_modules.\.bin;C:\\bin$/,
    );
    // The root package itself: its folder once.
    expect(scriptEnv({}, '/r', '/r', 'linux')).toEqual({ PATH: '/r/node_modules/.bin' });
  });
});
