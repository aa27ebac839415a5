/**
 * The child's side of the channel to its host: Node's fork() IPC, or Electron's utilityProcess
 * parentPort (which wraps each message in `{data}`). One entry file, either launcher.
 */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface ParentChannel<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

/** The channel of this process to the process that started it. */
export function parentChannel<In, Out>(): ParentChannel<In, Out> {
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  return {
    send(message) {
      if (parentPort) parentPort.postMessage(message);
      else process.send?.(message);
    },
    onMessage(listener) {
      if (parentPort) parentPort.on('message', (event) => listener(event.data as In));
      else process.on('message', (message) => listener(message as In));
    },
  };
}
