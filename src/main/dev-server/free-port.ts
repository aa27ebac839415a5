import { createServer } from 'node:net';

/** The only address the app binds: the dev server is never reachable from the network. */
export const LOOPBACK = '127.0.0.1';

/**
 * Asks the OS for a free loopback port by binding port 0. The port is released before returning,
 * so another process can still take it before the dev server binds it; the dev server manager
 * detects that at start and picks again.
 */
export async function findFreePort(exclude: ReadonlySet<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await listenAndClose(0);
    if (port !== undefined && !exclude.has(port)) return port;
  }
  throw new Error(`No free port on ${LOOPBACK} after 50 attempts`);
}

/** Whether `port` can be bound on the loopback address right now. */
export async function isPortFree(port: number): Promise<boolean> {
  return (await listenAndClose(port)) !== undefined;
}

/** A port that was requested but found busy, and the one used instead. */
export interface DisplacedPort<K extends string = string> {
  name: K;
  requested: number;
  chosen: number;
}

/**
 * Chooses one distinct free port per name. A preferred port is kept when it is not in `avoid` and
 * (unless `checkPreferred` is false) free right now; otherwise a free one replaces it and the swap
 * is reported in `displaced`.
 */
export async function choosePorts<K extends string>(
  names: readonly K[],
  preferred: Partial<Record<K, number>> = {},
  options: { avoid?: ReadonlySet<number>; checkPreferred?: boolean } = {},
): Promise<{ ports: Record<K, number>; displaced: DisplacedPort<K>[] }> {
  const avoid = options.avoid ?? new Set<number>();
  const checkPreferred = options.checkPreferred ?? true;
  const taken = new Set<number>(avoid);
  const ports = {} as Record<K, number>;
  const displaced: DisplacedPort<K>[] = [];
  for (const name of names) {
    const wanted = preferred[name];
    let port: number;
    if (wanted !== undefined && !taken.has(wanted) && (!checkPreferred || (await isPortFree(wanted)))) {
      port = wanted;
    } else {
      port = await findFreePort(taken);
      if (wanted !== undefined) displaced.push({ name, requested: wanted, chosen: port });
    }
    taken.add(port);
    ports[name] = port;
  }
  return { ports, displaced };
}

/** Binds `port` on loopback and closes it again; resolves the bound port, or undefined if busy. */
function listenAndClose(port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(undefined);
      else reject(error);
    });
    // exclusive: don't share the handle with cluster workers, so the check is about this port only.
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}
