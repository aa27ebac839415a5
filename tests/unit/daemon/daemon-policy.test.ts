// Tier: unit. What the build daemon's worker may build in: the union of the workspaces its
// connected commands opened, each with the environment of the command that opened it as the base
// of its builds; nothing once no command is attached.
import { describe, expect, it } from 'vitest';
import { mergeClientPolicies } from '../../../src/main/daemon/daemon-policy';

const clean = { name: 'clean', program: 'rm', args: ['-rf', 'dist'] };

describe('mergeClientPolicies', () => {
  it('opens nothing without a served client (an idle daemon builds nowhere)', () => {
    expect(mergeClientPolicies([])).toMatchObject({ workspaces: [], commands: [] });
    // Attached but not served yet: still nothing.
    expect(mergeClientPolicies([{}]).workspaces).toEqual([]);
  });

  it("opens every connected client's workspaces, each built from its own command's environment", () => {
    const merged = mergeClientPolicies([
      {
        policy: {
          workspaces: ['/src/a'],
          commands: [],
          environments: { '/src/a': { variables: { TOKEN: 'x' } } },
          secretVariables: ['API_KEY'],
        },
        env: { PATH: '/first/bin', SHELL_OF: 'first' },
      },
      { policy: { workspaces: ['/src/b'], commands: [clean] }, env: { PATH: '/second/bin' } },
    ]);
    expect(merged.workspaces).toEqual(['/src/a', '/src/b']);
    expect(merged.environments?.['/src/a']).toEqual({
      variables: { TOKEN: 'x' },
      base: { PATH: '/first/bin', SHELL_OF: 'first' },
    });
    expect(merged.environments?.['/src/b']).toEqual({ variables: {}, base: { PATH: '/second/bin' } });
    // The latest client's allow-list (all read the same store); every client's secrets stay hidden.
    expect(merged.commands).toEqual([clean]);
    expect(merged.secretVariables).toEqual(['API_KEY']);
  });

  it('closes a workspace with the client that opened it', () => {
    const a = { policy: { workspaces: ['/src/a'], commands: [] }, env: {} };
    const b = { policy: { workspaces: ['/src/b'], commands: [] }, env: {} };
    expect(mergeClientPolicies([a, b]).workspaces).toEqual(['/src/a', '/src/b']);
    expect(mergeClientPolicies([b]).workspaces).toEqual(['/src/b']);
    expect(mergeClientPolicies([b]).environments).not.toHaveProperty(['/src/a']);
  });
});
