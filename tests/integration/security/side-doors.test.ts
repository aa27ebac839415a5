import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUILTIN_TASK_QUEUE } from '../../../src/core/task-queues';
import { HTTP_API_REFUSE_ALL_HOSTS } from '../../../src/main/dev-server/dev-server-config';
import { readPidFile, type DevServerPorts } from '../../../src/main/dev-server/pid-file';
import { describeWithTemporal } from '../dev-server/support';
import {
  crossOriginPost,
  listeningSockets,
  processTree,
  rawHttp,
  reboundGet,
  reboundPost,
  type ListeningSocket,
} from './listening-ports';

/**
 * Proves (quick tier, Linux) that a web page cannot reach the app or its embedded Temporal server
 * through any port they open: the app is started as `npm start` starts it (browser mode, embedded
 * dev server on a private data folder), every TCP port its process tree listens on is found in
 * /proc, and each gets what a DNS-rebinding page and a cross-origin page can send.
 *
 * On the code before the fix, the HTTP API accepted both POSTs (the workflow below was started) and
 * the Web UI port answered foreign Hosts with 200: this test failed on both counts.
 */
describeWithTemporal(
  'side doors: every port the app and its server open, attacked as a web page would',
  () => {
    const root = resolve(import.meta.dirname, '../../..');
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-side-doors-'));
    let app: ChildProcess;
    let appPort = 0;
    let ports: DevServerPorts;
    let sockets: ListeningSocket[] = [];
    let connection: Connection;

    beforeAll(async () => {
      app = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main/browser-mode/main.ts', '--data-dir', dataDir, '--print-ready'],
        { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, WB_DATA_DIR: dataDir } },
      );
      await new Promise<void>((resolveReady, reject) => {
        const timer = setTimeout(
          () => reject(new Error('the app did not report its server ready in 90 s')),
          90_000,
        );
        app.once('exit', (code) => reject(new Error(`the app exited with code ${code}`)));
        createInterface({ input: app.stdout! }).on('line', (line) => {
          if (line.startsWith('WB_BROWSER_HOST '))
            appPort = (JSON.parse(line.slice(16)) as { port: number }).port;
          if (line.startsWith('Temporal: ready')) {
            clearTimeout(timer);
            resolveReady();
          }
        });
      });
      const record = readPidFile(dataDir);
      if (!record) throw new Error('no pid file for the embedded dev server');
      ports = record.ports;
      connection = await Connection.connect({ address: `127.0.0.1:${ports.frontend}` });
      // The worker process starts after the server; give it a moment so its sockets (if any) count too.
      await new Promise((r) => setTimeout(r, 1000));
      sockets = await listeningSockets(await processTree(app.pid!));
    }, 120_000);

    afterAll(async () => {
      await connection?.close();
      if (app && app.exitCode === null) {
        const exited = new Promise((r) => app.once('exit', r));
        app.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function workflowExists(workflowId: string): Promise<boolean> {
      try {
        await connection.workflowService.describeWorkflowExecution({
          namespace: 'default',
          execution: { workflowId },
        });
        return true;
      } catch (error) {
        if (isGrpcServiceError(error) && error.code === 5) return false;
        throw error;
      }
    }

    function startBody(workflowId: string): string {
      return JSON.stringify({
        workflowId,
        workflowType: { name: 'helloWorkflow' },
        taskQueue: { name: BUILTIN_TASK_QUEUE },
        input: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'ImV2aWwi' }] },
      });
    }

    it('listens on loopback only, and on no Web UI port', () => {
      expect(sockets.length).toBeGreaterThanOrEqual(4);
      for (const socket of sockets) expect(['127.0.0.1', '::1']).toContain(socket.address);
      const found = sockets.map((s) => s.port);
      expect(found).toEqual(expect.arrayContaining([appPort, ports.frontend, ports.http, ports.metrics]));
      expect(ports.ui).toBeUndefined();
    });

    it('refuses rebound and cross-origin requests on every port (metrics: read-only counters only)', async () => {
      const attempts: string[] = [];
      for (const { port } of sockets) {
        const workflowId = `side-door-${port}-${randomUUID()}`;
        attempts.push(workflowId);
        const path = `/api/v1/namespaces/default/workflows/${workflowId}`;
        const probes = {
          getRoot: await rawHttp(port, reboundGet(port, '/')),
          getMetrics: await rawHttp(port, reboundGet(port, '/metrics')),
          getNamespace: await rawHttp(port, reboundGet(port, '/api/v1/namespaces/default')),
          crossOriginStart: await rawHttp(port, crossOriginPost(port, path, startBody(workflowId))),
          reboundStart: await rawHttp(port, reboundPost(port, path, startBody(workflowId))),
        };
        const accepted = Object.entries(probes)
          .filter(([, response]) => response.status !== undefined && response.status < 400)
          .map(([name]) => name);
        if (port === ports.metrics) {
          // `start-dev` cannot turn its Prometheus endpoint off (docs/security.md): it serves GET
          // /metrics and nothing else, and what it shows are counters, not workflow data.
          expect(accepted, `metrics port ${port}`).toEqual(['getMetrics']);
          expect(probes.getMetrics.headers).toMatch(/content-type: text\/plain; version=0\.0\.4/i);
        } else {
          expect(accepted, `port ${port} accepted ${accepted.join(', ')}`).toEqual([]);
        }
        if (port === ports.http) {
          // The Temporal HTTP API itself, refused by its own Host allow-list.
          for (const probe of [probes.getNamespace, probes.crossOriginStart, probes.reboundStart])
            expect(probe.status).toBe(403);
        }
        if (port === appPort) {
          expect(probes.getRoot.status).toBe(421);
          expect(probes.crossOriginStart.status).toBe(405);
        }
      }
      for (const workflowId of attempts) expect(await workflowExists(workflowId), workflowId).toBe(false);
    });

    it('the metrics port shows no workflow input', async () => {
      const marker = `secret-${randomUUID()}`;
      const workflowId = `metrics-leak-${randomUUID()}`;
      const { Client } = await import('@temporalio/client');
      const client = new Client({ connection });
      const handle = await client.workflow.start('helloWorkflow', {
        taskQueue: BUILTIN_TASK_QUEUE,
        workflowId,
        args: [marker],
      });
      await handle.result();
      const metrics = await rawHttp(ports.metrics, reboundGet(ports.metrics, '/metrics'), 5000);
      expect(metrics.status).toBe(200);
      expect(metrics.body).not.toContain(marker);
      expect(metrics.body).not.toContain(workflowId);
    });

    it('control: the same start request does start a workflow when it carries the one allowed Host (so the probes above can see an acceptance)', async () => {
      const workflowId = `side-door-control-${randomUUID()}`;
      const body = startBody(workflowId);
      const response = await rawHttp(
        ports.http,
        `POST /api/v1/namespaces/default/workflows/${workflowId} HTTP/1.1\r\nHost: ${HTTP_API_REFUSE_ALL_HOSTS}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      expect(response.status, response.body).toBe(200);
      expect(await workflowExists(workflowId)).toBe(true);
    });
  },
);
