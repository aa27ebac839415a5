/**
 * `npm run seed [-- --data-dir DIR]`: loads the PackageBuilder example into the app's store, the
 * same service the app's first-start card calls (so running it twice, or after the app loaded
 * the example, changes nothing).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { openStore } from '../store';
import { loadExample } from './example-library';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
const dataDir = values['data-dir'] ?? defaultDataDir();
const store = openStore(join(dataDir, 'workflow-builder.db'));
try {
  const { definitions, alreadyLoaded } = loadExample(store, 'package-builder');
  for (const d of definitions) console.log(`${d.name}  id ${d.id}  version ${d.version}`);
  console.log(alreadyLoaded ? 'Already loaded: nothing changed.' : `Loaded into ${dataDir}.`);
} finally {
  store.close();
}
