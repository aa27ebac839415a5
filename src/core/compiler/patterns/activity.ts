import { durationLiteral, lines, member } from '../code-writer';
import type { Emitter } from '../emitter';
import { marker } from './markers';
import { optionFields, retryPolicyLiteral } from './temporal-options';

/**
 * The activity pattern: a module-level `proxyActivities<Activities>` with the node's timeouts and
 * retry policy (one shared proxy for the nodes that keep the catalog defaults), and one awaited call whose result is stored as
 * `$result.<node>`. A `local` node gets its own `proxyLocalActivities` instead. With continueOnFailure the call is wrapped in try/catch and the error message
 * stored as `$error.<node>` (a cancellation is rethrown).
 */
export const emitActivity: Emitter<'activity'> = ({ node, activity }, ctx) => {
  const data = node.data;
  const local = data.local === true;
  const custom =
    local ||
    data.startToCloseTimeoutMs !== undefined ||
    data.scheduleToCloseTimeoutMs !== undefined ||
    data.heartbeatTimeoutMs !== undefined ||
    data.retry !== undefined;
  const options = optionFields({
    startToCloseTimeout: durationLiteral(
      data.startToCloseTimeoutMs ?? activity.defaultTimeouts.startToCloseMs,
    ),
    scheduleToCloseTimeout:
      data.scheduleToCloseTimeoutMs === undefined
        ? undefined
        : durationLiteral(data.scheduleToCloseTimeoutMs),
    // Local activities cannot heartbeat, so they take no heartbeat timeout.
    heartbeatTimeout: local
      ? undefined
      : maybeDuration(data.heartbeatTimeoutMs ?? activity.defaultTimeouts.heartbeatTimeoutMs),
    retry: data.retry === undefined ? undefined : retryPolicyLiteral(data.retry),
  });
  const proxy = ctx.activityProxy(options, custom ? node : undefined, local);
  const args = (data.args ?? []).map((arg) => ctx.value(arg, { in: 'workflow' })).join(', ');
  const call = `run.results${member(node.id)} = await ${proxy}.${activity.name}(${args});`;
  if (!data.continueOnFailure) return lines(marker(node), call);
  ctx.importFrom('./runtime', 'errorMessage');
  return lines(
    marker(node),
    'try {',
    call,
    '} catch (error) {',
    `  run.errors${member(node.id)} = errorMessage(error);`,
    '}',
  );
};

function maybeDuration(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : durationLiteral(ms);
}
