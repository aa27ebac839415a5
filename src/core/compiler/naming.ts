import { toConstantCase, toPascalCase } from './code-writer';

/** Workflow type (and exported function name) of a definition version: `PackageBuild_v3`. */
export function workflowTypeName(name: string, version: number): string {
  return `${toPascalCase(name)}_v${version}`;
}

/** Name of a workflow's input interface in shared.ts: `PackageBuildV3Input`. */
export function inputTypeName(name: string, version: number): string {
  return `${toPascalCase(name)}V${version}Input`;
}

/** Name of a workflow's task queue constant in shared.ts: `PACKAGE_BUILD_V3_TASK_QUEUE`. */
export function taskQueueConstantName(workflowType: string): string {
  return `${toConstantCase(workflowType)}_TASK_QUEUE`;
}

/** The input interface name of a workflow type: `PackageBuild_v3` → `PackageBuildV3Input`. */
export function inputTypeNameOf(workflowType: string): string {
  return `${workflowType.replace(/_v(\d+)$/, 'V$1')}Input`;
}
