// Tier: quick (unit). The environment a real build gets (docs/user-guide/build-environment.md):
// the worker's environment without the app's secrets and inherited npm variables, the
// workspace's variables on top, npm's script variables on top of those; Windows names compare
// case-insensitively.
import { describe, expect, it } from 'vitest';
import {
  filterWorkerEnvironment,
  layerEnvironment,
  npmScriptVariables,
} from '../../../src/main/activities/build-environment';

describe('filterWorkerEnvironment', () => {
  const worker = {
    PATH: '/usr/bin',
    HOME: '/home/me',
    TEMPORAL_API_KEY: 'k1',
    TEMPORAL_TLS_KEY_DATA: 'pem',
    TEMPORAL_ADDRESS: 'cluster:7233',
    WB_DATA_DIR: '/data',
    WB_TEST_TEMPORAL_ADDRESS: '127.0.0.1:1',
    MY_KEY_VAR: 'k2',
    npm_package_name: 'workflow-builder',
    npm_lifecycle_event: 'start',
    npm_execpath: '/usr/lib/npm-cli.js',
    npm_config_registry: 'https://registry.example/',
    npm_config_local_prefix: '/work/app',
    npm_config_user_agent: 'npm/11',
    INIT_CWD: '/work/app',
    UNDEFINED: undefined,
  };

  it("drops the app's secrets, its WB_* variables and npm variables describing the app; keeps the rest", () => {
    expect(filterWorkerEnvironment(worker, { secretVariables: ['MY_KEY_VAR'], platform: 'linux' })).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      TEMPORAL_ADDRESS: 'cluster:7233',
      // The user's npm configuration stays (a registry, a cache folder).
      npm_config_registry: 'https://registry.example/',
    });
  });

  it('compares names case-insensitively on Windows only', () => {
    const env = { temporal_api_key: 'k', Wb_Data_Dir: 'd', Path: 'C:\\bin' };
    expect(filterWorkerEnvironment(env, { platform: 'win32' })).toEqual({ Path: 'C:\\bin' });
    expect(filterWorkerEnvironment(env, { platform: 'linux' })).toEqual({
      temporal_api_key: 'k',
      Wb_Data_Dir: 'd',
      Path: 'C:\\bin',
    });
  });
});

describe('layerEnvironment', () => {
  it('later layers win', () => {
    expect(
      layerEnvironment(
        [{ A: 'worker', B: 'worker' }, { B: 'workspace', C: 'workspace' }, { C: 'npm' }],
        'linux',
      ),
    ).toEqual({ A: 'worker', B: 'workspace', C: 'npm' });
  });

  it("on Windows a workspace's `Path` replaces the worker's `PATH` under the first spelling", () => {
    expect(layerEnvironment([{ PATH: 'C:\\w' }, { Path: 'C:\\mine' }], 'win32')).toEqual({
      PATH: 'C:\\mine',
    });
    expect(layerEnvironment([{ PATH: '/w' }, { Path: '/mine' }], 'linux')).toEqual({
      PATH: '/w',
      Path: '/mine',
    });
  });
});

describe('npmScriptVariables', () => {
  const base = {
    packageName: '@acme/core',
    packageJson: '/r/packages/core/package.json',
    event: 'build',
    script: 'tsc -p .',
    initCwd: '/r',
    userAgent: 'workflow-builder node/v20.0.0 linux x64',
  };

  it("sets npm's subset: package name, version, json, lifecycle, node, INIT_CWD, user agent, config", () => {
    expect(
      npmScriptVariables({
        ...base,
        packageVersion: '1.2.3',
        nodeExecPath: '/usr/bin/node',
        packageConfig: { port: '80' },
      }),
    ).toEqual({
      npm_package_name: '@acme/core',
      npm_package_version: '1.2.3',
      npm_package_json: '/r/packages/core/package.json',
      npm_lifecycle_event: 'build',
      npm_lifecycle_script: 'tsc -p .',
      npm_node_execpath: '/usr/bin/node',
      NODE: '/usr/bin/node',
      npm_config_user_agent: 'workflow-builder node/v20.0.0 linux x64',
      npm_package_config_port: '80',
      INIT_CWD: '/r',
    });
  });

  it('leaves out what it does not know: no version, no plain Node binary (Electron)', () => {
    const vars = npmScriptVariables(base);
    expect(vars).not.toHaveProperty('npm_package_version');
    expect(vars).not.toHaveProperty('npm_node_execpath');
    expect(vars).not.toHaveProperty('NODE');
  });
});
