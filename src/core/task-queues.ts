/**
 * The task queues the app itself defines — the one place the app, the CLI and the browser-mode
 * host read them from. Definitions may name their own (`settings.taskQueue`).
 */

/** Task queue of the app's built-in workflows, and of compiled definitions that name none. */
export const BUILTIN_TASK_QUEUE = 'workflow-builder';
