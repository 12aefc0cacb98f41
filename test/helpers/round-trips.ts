import { createServer, connect, type AddressInfo, type Server } from 'node:net';

/** A TCP proxy in front of PostgreSQL that counts round trips. */
export interface RoundTripProxy {
  /** The database URL through the proxy. */
  url: string;
  /** Round trips since the last call: how often the client spoke again after the server had answered. */
  take(): number;
  close(): Promise<void>;
}

/**
 * Starts a proxy to the PostgreSQL server of `url`. A round trip is counted each time the client
 * sends after the server has sent: statements pipelined behind each other count once, statements
 * that wait for the previous answer once each. Open one connection through it at a time.
 *
 * @example
 * const proxy = await roundTripProxy(process.env.DATABASE_URL!);
 * const db = await openDatabase({ url: proxy.url, maxConnections: 1 });
 * proxy.take();
 * await db.kysely.transaction().execute(async (trx) => { … });
 * proxy.take(); // 2
 */
export async function roundTripProxy(url: string): Promise<RoundTripProxy> {
  const target = new URL(url);
  let trips = 0;
  let answered = true;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    // As pg does: a small write waiting for the peer's delayed ACK would add 40 ms a round trip.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (chunk) => {
      if (answered) trips++;
      answered = false;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      answered = true;
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => {});
    upstream.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    take() {
      const n = trips;
      trips = 0;
      answered = true;
      return n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
