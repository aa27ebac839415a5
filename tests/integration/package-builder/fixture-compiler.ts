import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderActivityTypes } from '../../../src/core/activities/catalog';
import type {
  ProjectCompiler,
  ProjectCompilerBinding,
  WorkflowIdentity,
} from '../../../src/main/workflow-runtime/compiler-port';

const dir = fileURLToPath(new URL('./fixtures/project/', import.meta.url));

/**
 * A stand-in for compileProject: every definition named in FIXTURE_TYPES maps to the matching
 * workflow of the hand-written fixture project; the files are the fixture's, with the task queue
 * filled in. Used until the real compiler exists.
 */
export const FIXTURE_TYPES: Record<string, string> = {
  PackageBuilder: 'PackageBuilder_v1',
  PackageBuild: 'PackageBuild_v1',
  Hello: 'Hello_v1',
};

export const fixtureCompileProject: ProjectCompiler = (inputs, options) => {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.ts'))
      files[name] = readFileSync(`${dir}${name}`, 'utf8').replaceAll(
        '__TASK_QUEUE__',
        options.defaultTaskQueue,
      );
  }
  // The real generated activity types (from the activity catalog), as the compiler emits them.
  files['activity-types.ts'] = renderActivityTypes();
  const workflows = [];
  for (const input of inputs) {
    const name = (input.definition as { name?: string }).name ?? '';
    const workflowType = FIXTURE_TYPES[name];
    if (!workflowType)
      return {
        ok: false,
        diagnostics: [
          { code: 'FIXTURE', severity: 'error', path: 'name', message: `no fixture workflow named ${name}` },
        ],
      };
    workflows.push({
      workflowType,
      taskQueue: options.defaultTaskQueue,
      definitionId: input.definitionId,
      version: input.version,
    });
  }
  return { ok: true, files, workflows, diagnostics: [] };
};

export const fixtureWorkflowIdentity: WorkflowIdentity = (definition, options) => {
  const workflowType = FIXTURE_TYPES[(definition as { name?: string }).name ?? ''];
  return workflowType ? { workflowType, taskQueue: options.defaultTaskQueue } : undefined;
};

export const fixtureCompiler: ProjectCompilerBinding = {
  compileProject: fixtureCompileProject,
  workflowIdentity: fixtureWorkflowIdentity,
};
