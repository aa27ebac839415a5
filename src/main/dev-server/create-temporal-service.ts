import type { ConnectionSettings } from '../../core/settings/connection-settings';
import type { TemporalDevServerConfig } from './dev-server-config';
import { ExternalTemporalCluster } from './external-cluster';
import type { SecretStore } from './secret-store';
import { TemporalDevServer } from './temporal-dev-server';
import type { TemporalService } from './temporal-service';

export interface TemporalServiceDeps {
  /** The app's data folder: the embedded server keeps its db, log and pid file here. */
  dataDir: string;
  /** Resolves API keys and TLS keys of an external cluster. */
  secrets: SecretStore;
  /** Packaged app: `process.resourcesPath`, where the bundled Temporal CLI lives. */
  resourcesPath?: string;
  /** Overrides for the embedded server (tests, benchmarks, advanced settings). */
  devServer?: Omit<TemporalDevServerConfig, 'dataDir' | 'namespace' | 'resourcesPath'>;
  /** Timeout of the external cluster check. @default 10_000 ms */
  externalTimeoutMs?: number;
}

/** The embedded dev server or an external cluster, behind one interface, per the user's settings. */
export function createTemporalService(
  settings: ConnectionSettings,
  deps: TemporalServiceDeps,
): TemporalService {
  if (settings.mode === 'external') {
    return new ExternalTemporalCluster(settings, {
      secrets: deps.secrets,
      ...(deps.externalTimeoutMs !== undefined ? { timeoutMs: deps.externalTimeoutMs } : {}),
    });
  }
  return new TemporalDevServer({
    ...deps.devServer,
    dataDir: deps.dataDir,
    ...(settings.namespace !== undefined ? { namespace: settings.namespace } : {}),
    ...(deps.resourcesPath !== undefined ? { resourcesPath: deps.resourcesPath } : {}),
  });
}
