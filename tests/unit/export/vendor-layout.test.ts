// Quick tier. Proves the export vendors each app module once: an activity module the runtime
// already ships (same text) is left out and its importers point at the runtime's copy, while a
// module that differs from the runtime's, or that the runtime lacks, stays with the activities.
import { describe, expect, it } from 'vitest';
import { vendorActivityFiles } from '../../../src/main/export/vendor-layout';

const dirs = { runtimeDir: 'src/runtime', vendorDir: 'src/workflow-builder' };

describe('vendorActivityFiles', () => {
  it('drops the runtime twins and rewrites only the imports that named them', () => {
    const runtime = {
      'graph/engine.ts': 'export class Engine {}\n',
      'graph/drifted.ts': 'export const v = 1;\n',
      'index.ts': "export * from './graph/engine';\n",
    };
    const activities = {
      'core/graph/engine.ts': 'export class Engine {}\n',
      'core/graph/drifted.ts': 'export const v = 2;\n',
      'core/graph/summary.ts': "import { Engine } from './engine';\nimport { v } from './drifted';\n",
      'main/activities/report.ts': [
        "import type { Engine } from '../../core/graph/engine';",
        "import { summary } from '../../core/graph/summary';",
        "export { Engine as E } from '../../core/graph/engine';",
        'const text = "from \'../../core/graph/engine\';";',
        '',
      ].join('\n'),
    };
    const vendored = vendorActivityFiles(runtime, activities, dirs);
    expect(Object.keys(vendored).sort()).toEqual([
      'core/graph/drifted.ts',
      'core/graph/summary.ts',
      'main/activities/report.ts',
    ]);
    expect(vendored['core/graph/summary.ts']).toBe(
      "import { Engine } from '../../../runtime/graph/engine';\nimport { v } from './drifted';\n",
    );
    expect(vendored['main/activities/report.ts']).toBe(
      [
        "import type { Engine } from '../../../runtime/graph/engine';",
        "import { summary } from '../../core/graph/summary';",
        "export { Engine as E } from '../../../runtime/graph/engine';",
        // A string that merely looks like an import is left alone.
        'const text = "from \'../../core/graph/engine\';";',
        '',
      ].join('\n'),
    );
    expect(vendored['core/graph/drifted.ts']).toBe('export const v = 2;\n');
  });
});
