import { readFile, readdir, readlink } from 'node:fs/promises';
import { connect } from 'node:net';

/**
 * Linux /proc helpers for the side-door tests: which TCP ports a process tree listens on, and
 * what a raw HTTP/1.1 request to one of them gets back (a browser speaks nothing else).
 */

/** The pid and every descendant of it. */
export async function processTree(rootPid: number): Promise<number[]> {
  const parentOf = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited while we looked
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, ppid] of parentOf) if (ppid === tree[i] && !tree.includes(pid)) tree.push(pid);
  return tree;
}

export interface ListeningSocket {
  pid: number;
  /** Local address as /proc shows it, e.g. `127.0.0.1` or `::`. */
  address: string;
  port: number;
}

/** Every TCP socket in LISTEN state held open by one of `pids`. */
export async function listeningSockets(pids: readonly number[]): Promise<ListeningSocket[]> {
  const owner = new Map<string, number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) owner.set(inode, pid);
    }
  }
  const sockets: ListeningSocket[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue; // 0A = LISTEN
      const pid = owner.get(cols[9] as string);
      if (pid === undefined) continue;
      const [hexAddr, hexPort] = (cols[1] as string).split(':') as [string, string];
      sockets.push({ pid, address: v6 ? decodeV6(hexAddr) : decodeV4(hexAddr), port: parseInt(hexPort, 16) });
    }
  }
  return sockets.sort((a, b) => a.port - b.port);
}

function decodeV4(hex: string): string {
  // Little-endian 32-bit word.
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

function decodeV6(hex: string): string {
  if (/^0+$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  return hex;
}

export interface RawResponse {
  /** e.g. 403; undefined when the port answered no HTTP/1.1 status line (closed, or not HTTP). */
  status: number | undefined;
  headers: string;
  body: string;
}

/**
 * Sends `request` as raw bytes (so any Host header can be sent, as a DNS-rebinding page makes the
 * browser do) and reads what comes back until the server closes or `timeoutMs` passes.
 */
export function rawHttp(port: number, request: string, timeoutMs = 3000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const split = text.indexOf('\r\n\r\n');
      resolve({
        status: match ? Number(match[1]) : undefined,
        headers: split >= 0 ? text.slice(0, split) : text,
        body: split >= 0 ? text.slice(split + 4) : '',
      });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('latin1');
      // One complete response with a Content-Length is enough; keep-alive servers would not close.
      const length = /\r\ncontent-length: *(\d+)/i.exec(text);
      const split = text.indexOf('\r\n\r\n');
      if (length && split >= 0 && Buffer.byteLength(text.slice(split + 4), 'latin1') >= Number(length[1]))
        finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    socket.write(request);
  });
}

/** A GET as a page on evil.example, after its name was rebound to 127.0.0.1, makes the browser send it. */
export function reboundGet(port: number, path: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: evil.example:${port}\r\nAccept: */*\r\nConnection: close\r\n\r\n`;
}

/**
 * A cross-origin `text/plain` POST: a "simple" request a browser sends without a CORS preflight,
 * to the real 127.0.0.1 address, with the attacker's Origin.
 */
export function crossOriginPost(port: number, path: string, body: string): string {
  return (
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://evil.example\r\n` +
    `Content-Type: text/plain;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** The same POST after DNS rebinding: same-origin to the browser, so the Host is the attacker's name. */
export function reboundPost(port: number, path: string, body: string): string {
  return (
    `POST ${path} HTTP/1.1\r\nHost: evil.example:${port}\r\nOrigin: http://evil.example:${port}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}
