/**
 * Where a real build's cycle goes through the built CLI (issue 12, eighth pass): the CLI's
 * sleeping builds cost ~87 ms a cycle against ~56 ms on the app's path with simulated builds
 * (seventh pass). Runs `workflow-builder build --force` on a generated peer workspace (default
 * `sleep-20`: real `sh` scripts that sleep and append their start and end to a timeline) `runs`
 * times on one data folder against a private dev server, then reads, per package: the parent's
 * history, the child's history, the build's log (its first line is written once the build is
 * planned and its log opened; its last when the build ended) and the timeline written by the
 * script itself (same machine clock). The first run has no build history (every build is a
 * heartbeating activity); later ones run the builds expected under 5 s as local activities.
 * Prints each step's median and p90 per run, and the load average. Not a CI test.
 *
 * Run: `npm run bench:cli-build-steps [-- --size sleep-20 --runs 3]`
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { buildCli } from '../scripts/build-cli';
import { historyOf, type HistoryEvent } from './lib/bench-app';
import { readTimeline, type TimelineBuild } from './lib/build-timeline';
import { PEER_WORKSPACES, writePeerWorkspace, type PeerWorkspace } from './lib/peer-workspaces';
import { withPrivateDevServer } from './lib/private-dev-server';
import { median, percentile } from './lib/stats';

/** History event types used here (temporal.api.enums.v1.EventType). */
const EVENT = {
  workflowStarted: 1,
  workflowTaskStarted: 6,
  workflowTaskCompleted: 7,
  activityStarted: 11,
  childInitiated: 29,
  childCompleted: 32,
} as const;

const STEPS = [
  'P initiated → C started (server)',
  'C started → C task 1 started (pick-up)',
  'C task 1 started → build planned, log opened',
  'log opened → script started (launcher, sh)',
  'script ran beyond its declared sleep',
  'script ended → log closed',
  'log closed → C last task completed',
  'C last task completed → P child completed',
  'P child completed → P task started',
  'P task started → completed (parent reacts)',
  'per-child overhead (P initiated → P child completed − script)',
] as const;
type Step = (typeof STEPS)[number];

const loads = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** The time (epoch ms) at the start of a build log line (`2026-12-02T14:33:38.716Z build …`). */
const lineTime = (line: string): number => Date.parse(line.slice(0, 24));

/** The package a child workflow built: the `packageName` of its input. */
function packageOf(child: readonly HistoryEvent[]): string {
  const payload = child[0]!.raw.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
  if (!payload) throw new Error('a child without input');
  const input = JSON.parse(Buffer.from(payload).toString('utf8')) as { packageName?: string };
  if (!input.packageName) throw new Error('a child input without packageName');
  return input.packageName;
}

async function stepsOfRun(
  client: Client,
  workflowId: string,
  workspace: PeerWorkspace,
  builds: readonly TimelineBuild[],
  logDir: string,
): Promise<{ steps: Map<Step, number[]>; tasksPerChild: number[]; activityChildren: number }> {
  const steps = new Map<Step, number[]>(STEPS.map((s) => [s, []]));
  const add = (step: Step, value: number): void => void steps.get(step)!.push(value);
  const parent = await historyOf(client, workflowId);
  const initiated = new Map(parent.filter((e) => e.type === EVENT.childInitiated).map((e) => [e.id, e]));
  const tasksPerChild: number[] = [];
  let activityChildren = 0;
  for (const completed of parent.filter((e) => e.type === EVENT.childCompleted)) {
    const a = completed.raw.childWorkflowExecutionCompletedEventAttributes!;
    const init = initiated.get(Number(a.initiatedEventId))!;
    const child = await historyOf(client, a.workflowExecution!.workflowId!, a.workflowExecution!.runId!);
    const name = packageOf(child);
    const build = builds.find((b) => b.name === name)!;
    const declared = workspace.packages.find((p) => p.name === name)!.buildMs;
    const log = readFileSync(join(logDir, workflowId, `${name.replace('/', '__')}.attempt-1.log`), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const taskStarts = child.filter((e) => e.type === EVENT.workflowTaskStarted);
    const lastTaskDone = child.filter((e) => e.type === EVENT.workflowTaskCompleted).at(-1)!;
    const parentTask = parent.find((e) => e.type === EVENT.workflowTaskStarted && e.at >= completed.at)!;
    const parentTaskDone = parent.find(
      (e) => e.type === EVENT.workflowTaskCompleted && e.id > parentTask.id,
    )!;
    tasksPerChild.push(taskStarts.length);
    if (child.some((e) => e.type === EVENT.activityStarted)) activityChildren += 1;
    add('P initiated → C started (server)', child[0]!.at - init.at);
    add('C started → C task 1 started (pick-up)', taskStarts[0]!.at - child[0]!.at);
    add('C task 1 started → build planned, log opened', lineTime(log[0]!) - taskStarts[0]!.at);
    add('log opened → script started (launcher, sh)', build.startMs - lineTime(log[0]!));
    add('script ran beyond its declared sleep', build.endMs - build.startMs - declared);
    add('script ended → log closed', lineTime(log.at(-1)!) - build.endMs);
    add('log closed → C last task completed', lastTaskDone.at - lineTime(log.at(-1)!));
    add('C last task completed → P child completed', completed.at - lastTaskDone.at);
    add('P child completed → P task started', parentTask.at - completed.at);
    add('P task started → completed (parent reacts)', parentTaskDone.at - parentTask.at);
    add(
      'per-child overhead (P initiated → P child completed − script)',
      completed.at - init.at - (build.endMs - build.startMs),
    );
  }
  return { steps, tasksPerChild, activityChildren };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: 'sleep-20' }, runs: { type: 'string', default: '3' } },
  });
  const workspace = PEER_WORKSPACES[values.size!]?.();
  if (!workspace)
    throw new Error(`unknown --size ${values.size}; known: ${Object.keys(PEER_WORKSPACES).join(', ')}`);
  console.log(`load average at start: ${loads()}; ${cpus().length} CPUs`);
  const cli = await buildCli();
  const runDir = mkdtempSync(join(tmpdir(), 'wb-cli-build-steps-'));
  const dir = join(runDir, 'workspace');
  const dataDir = join(runDir, 'data');
  writePeerWorkspace(dir, workspace, '10.0.0');
  try {
    await withPrivateDevServer(join(runDir, 'server'), async ({ address, client }) => {
      for (let run = 1; run <= Number(values.runs); run++) {
        rmSync(join(dir, 'timeline.log'), { force: true });
        const args = ['build', dir, '--force', '--data-dir', dataDir, '--temporal-address', address];
        const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
        const workflowId = /started (\S+) on /.exec(r.stdout)?.[1];
        if (r.status !== 0 || !workflowId)
          throw new Error(`build exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
        const timeline = readTimeline(join(dir, 'timeline.log'), workspace.packages);
        const { steps, tasksPerChild, activityChildren } = await stepsOfRun(
          client,
          workflowId,
          workspace,
          timeline.builds,
          join(dataDir, 'logs'),
        );
        console.log(
          `\n### ${workspace.id}, run ${run}: first build → last end ${((timeline.lastEndMs - timeline.firstStartMs) / 1000).toFixed(2)} s; ` +
            `${activityChildren} of ${tasksPerChild.length} builds as activities, the rest local; load ${loads()}\n`,
        );
        console.log('| step (ms) | median | p90 |\n| --- | ---: | ---: |');
        for (const [step, list] of steps)
          console.log(`| ${step} | ${median(list).toFixed(1)} | ${percentile(list, 90).toFixed(1)} |`);
      }
    });
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
  console.log(`\nload average at end: ${loads()}`);
}

await main();
