import { IpcFailure } from '../../../core/ipc';
import { exportProject } from '../../export/export-project';
import type { Store } from '../../store';
import type { ProjectCompilerBinding } from '../../workflow-runtime/compiler-port';
import type { Handlers } from '../dispatcher';
import { isAbsolute } from 'node:path';

export interface ExportHandlersDeps {
  store: Pick<Store, 'definitions'>;
  compiler: ProjectCompilerBinding;
  defaultTaskQueue: string;
  runtimeFiles: () => Promise<Record<string, string>>;
  /** The app's activity sources an export vendors (readActivitySources). */
  activityFiles: () => Promise<Record<string, string>>;
}

/** export.run: a standalone Temporal TypeScript project of stored definitions (see src/main/export). */
export function createExportHandlers(deps: ExportHandlersDeps): Pick<Handlers, 'export.run'> {
  return {
    async 'export.run'({ definitions, outDir, force }) {
      if (!isAbsolute(outDir))
        throw new IpcFailure('INVALID_INPUT', `outDir must be an absolute path, got ${outDir}`, 'outDir');
      const roots = definitions.map(({ id, version }) => deps.store.definitions.get(id, version));
      return exportProject({
        store: deps.store,
        compiler: deps.compiler,
        defaultTaskQueue: deps.defaultTaskQueue,
        runtimeFiles: await deps.runtimeFiles(),
        activityFiles: await deps.activityFiles(),
        roots,
        outDir,
        force,
      });
    },
  };
}
