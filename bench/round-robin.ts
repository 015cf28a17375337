/**
 * A round-robin TCP proxy on loopback for `npm run bench -- --nodes=2` (issue 12): each client connection
 * goes to the next backend in turn and is piped both ways unchanged (as nginx `stream` or an intranet
 * layer-4 balancer would do). The load generator keeps its connections alive, so 32 connections become 16
 * on each of two nodes; every request of a connection reaches the same node, which is all the application
 * needs to be correct on either (sessions, caches and jobs live in PostgreSQL or check it).
 *
 * `node --import tsx bench/round-robin.ts` with BACKENDS (comma-separated `http://127.0.0.1:port`), PORT
 * and HOST; reports `{ type: 'ready', url }` over IPC, answers `{ type: 'stats' }` with the connections
 * each backend received (`{ type: 'stats', connections: number[] }`) and stops on `{ type: 'stop' }`.
 */
import net from 'node:net';

/** A started proxy: its address, and the connections handed to each backend so far. */
export interface RoundRobin {
  server: net.Server;
  url: string;
  connections: number[];
  close(): Promise<void>;
}

/** Listens on host:port and hands each accepted connection to the next of `backends` (loopback URLs). */
export function startRoundRobin(backends: string[], host = '127.0.0.1', port = 0): Promise<RoundRobin> {
  const targets = backends.map((b) => {
    const u = new URL(b);
    if (u.hostname !== '127.0.0.1') throw new Error(`the round-robin only forwards to 127.0.0.1, not ${u.hostname}`);
    return { host: u.hostname, port: Number(u.port) };
  });
  if (!targets.length) throw new Error('BACKENDS is empty');
  const connections = targets.map(() => 0);
  const open = new Set<net.Socket>();
  let next = 0;
  const server = net.createServer((client) => {
    const i = next;
    next = (next + 1) % targets.length;
    connections[i]!++;
    const upstream = net.connect(targets[i]!);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    for (const s of [client, upstream]) {
      open.add(s);
      s.once('close', () => open.delete(s));
    }
    // Either side failing or closing ends the pair: the client sees its connection drop, as behind a real balancer.
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      const url = `http://${host}:${typeof a === 'object' && a ? a.port : port}`;
      resolve({
        server,
        url,
        connections,
        close: () =>
          new Promise<void>((done) => {
            for (const s of open) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

// Only when run as the child process (two-nodes.ts imports the type from here).
if (process.env.BACKENDS) {
  const rr = await startRoundRobin(process.env.BACKENDS.split(','), process.env.HOST ?? '127.0.0.1', Number(process.env.PORT ?? 0));
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') process.send?.({ type: 'stats', connections: [...rr.connections] });
    else if (message.type === 'stop') void rr.close().finally(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url: rr.url });
}
