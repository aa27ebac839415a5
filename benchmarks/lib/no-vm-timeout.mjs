// Measurement only (bench:overhead subject `current+no-vm-watchdog`): drops the `timeout` option of
// calls into a vm context, so Node does not start and join a watchdog thread per call into the
// workflow sandbox (the SDK passes its 5 s deadlock timeout on every call). Loaded with `--import`
// into the worker process; its worker threads inherit it.
import vm from 'node:vm';

const original = vm.Script.prototype.runInContext;
vm.Script.prototype.runInContext = function runInContext(context, options) {
  if (options?.timeout === undefined) return original.call(this, context, options);
  const { timeout: _dropped, ...rest } = options;
  return original.call(this, context, rest);
};
