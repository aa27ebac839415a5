/**
 * Quick tier. Proves the folder chooser's service (src/main/monorepo-build/folder-listing.ts):
 * it lists the sub-folders under its roots, marks monorepo roots, leaves out hidden folders and
 * node_modules, and refuses — by real path — a folder outside the roots, `..` tricks and a symlink
 * whose target escapes (such a link is not even listed); relative paths are refused too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFolders } from '../../../src/main/monorepo-build/folder-listing';
import { tempDir, writeTree } from '../activities/helpers';

function setup(): { home: string; outside: string } {
  const base = fs.realpathSync(tempDir('wb-chooser-'));
  const home = path.join(base, 'home');
  const outside = path.join(base, 'outside');
  writeTree(home, {
    'code/mono/package.json': { name: 'mono', workspaces: ['packages/*'] },
    'code/mono/packages/a/package.json': { name: 'a' },
    'code/pnpm-mono/pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
    'code/plain/package.json': { name: 'plain' },
    'code/broken/package.json': '{ nope',
    'code/.hidden/x.txt': '',
    'code/node_modules/x/package.json': { name: 'x' },
    'code/file.txt': 'not a folder',
  });
  writeTree(outside, { 'secret/package.json': { name: 's', workspaces: [] } });
  fs.symlinkSync(path.join(outside, 'secret'), path.join(home, 'code', 'escape'));
  fs.symlinkSync(path.join(home, 'code', 'mono'), path.join(home, 'code', 'mono-link'));
  return { home, outside };
}

describe('listFolders', () => {
  it('lists sub-folders under the first root by default and marks monorepo roots', async () => {
    const { home } = setup();
    const top = await listFolders(undefined, [home]);
    expect(top).toMatchObject({
      path: home,
      parent: null,
      roots: [home],
      workspace: false,
      truncated: false,
    });
    expect(top.folders.map((f) => f.name)).toEqual(['code']);

    const code = await listFolders(path.join(home, 'code'), [home]);
    expect(code.parent).toBe(home);
    expect(code.folders).toEqual([
      { name: 'broken', path: path.join(home, 'code/broken'), workspace: false },
      { name: 'mono', path: path.join(home, 'code/mono'), workspace: true },
      // a link inside the roots is listed by its real path
      { name: 'mono-link', path: path.join(home, 'code/mono'), workspace: true },
      { name: 'plain', path: path.join(home, 'code/plain'), workspace: false },
      { name: 'pnpm-mono', path: path.join(home, 'code/pnpm-mono'), workspace: true },
    ]);
    expect((await listFolders(path.join(home, 'code/mono'), [home])).workspace).toBe(true);
  });

  it('refuses folders outside the roots, .. escapes and symlinks whose target leaves them', async () => {
    const { home, outside } = setup();
    await expect(listFolders(outside, [home])).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(listFolders(path.join(home, '..', 'outside'), [home])).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const viaLink = listFolders(path.join(home, 'code', 'escape'), [home]);
    await expect(viaLink).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(viaLink).rejects.toThrow(`(really ${path.join(outside, 'secret')})`);
  });

  it('names a relative path, a missing folder and a file', async () => {
    const { home } = setup();
    await expect(listFolders('code', [home])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(listFolders(path.join(home, 'nope'), [home])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listFolders(path.join(home, 'code/file.txt'), [home])).rejects.toThrow('does not exist');
  });
});
