import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readActivitySources } from '../../../src/main/workflow-runtime/runtime-sources';

/**
 * The installed app vendors the workflow runtime and the built-in activities into every export
 * from its resources (electron-builder.yml's extraResources). A module the activities start to
 * import that no resource entry ships would make every export from an installed app fail, which
 * nothing here can run: this test keeps the list and the imports in step.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const srcDir = fileURLToPath(new URL('../../../src', import.meta.url));

interface Resource {
  from: string;
  to: string;
  filter?: string[];
}

function shipped(resources: Resource[], path: string): boolean {
  const dir = path.split('/').slice(0, -1).join('/');
  const name = path.split('/').at(-1)!;
  return resources.some(
    (r) =>
      r.from === `src/${dir}` &&
      r.to === `workflow-runtime-src/${dir}` &&
      (r.filter ?? ['*.ts']).some((f) => f === name || (f === '*.ts' && name.endsWith('.ts'))),
  );
}

describe('the packaged app ships every source an export vendors', () => {
  const resources = (
    parse(readFileSync(`${root}/electron-builder.yml`, 'utf8')) as { extraResources: Resource[] }
  ).extraResources;

  it('covers the built-in activities and the modules they import', async () => {
    const paths = Object.keys(await readActivitySources({ dir: srcDir }));
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !shipped(resources, p))).toEqual([]);
  });
});
