/** The app's Temporal server: embedded dev server or external cluster, behind `TemporalService`. */
export { createTemporalService, type TemporalServiceDeps } from './create-temporal-service';
export { TemporalDevServer } from './temporal-dev-server';
export {
  DEFAULT_DYNAMIC_CONFIG,
  DEFAULT_SQLITE_PRAGMAS,
  DB_FILE_NAME,
  LOG_FILE_NAME,
  type TemporalDevServerConfig,
} from './dev-server-config';
export { ExternalTemporalCluster, type ExternalClusterOptions } from './external-cluster';
export {
  TemporalServiceError,
  type StatusListener,
  type TemporalConnectionOptions,
  type TemporalService,
} from './temporal-service';
export {
  EnvFileSecretStore,
  createEnvFileSecretStore,
  SecretUnavailableError,
  apiKeySecretRef,
  type SecretRef,
  type SecretStore,
} from './secret-store';
export { DataDirInUseError } from './orphan-reaper';
export { PID_FILE_NAME, readPidFile, type DevServerPidRecord, type DevServerPorts } from './pid-file';
export { LOOPBACK, findFreePort, isPortFree } from './free-port';
export { waitForServerReady, ServerNotReadyError } from './readiness';
