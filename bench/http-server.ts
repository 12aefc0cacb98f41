/**
 * The bundled server for the HTTP benchmark, in a process of its own so its
 * RSS is the server's alone: the engine and buildServer on DATABASE_URL,
 * listening on a free loopback port. Tells the parent its port, then answers
 * every 'rss' message with its current RSS and its CPU time so far (user +
 * system apart; microseconds). Started by bench/http.ts.
 */
import { buildServer } from '../adapters/server/server.js';
import { benchUrl } from './bench-support.js';
import { benchEngine } from './bench-fixtures.js';

async function main(): Promise<void> {
  const { engine, close } = await benchEngine(benchUrl(), 10);
  // The benchmark logs in one business account per institution it decides for: more than the
  // public endpoints' default 30 a minute, which is not what it measures.
  const app = await buildServer({ engine, logger: false, rateLimitPublic: 10_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send!({ port, rss: process.memoryUsage().rss });
  process.on('message', (message) => {
    if (message === 'rss') {
      const cpu = process.cpuUsage();
      process.send!({ rss: process.memoryUsage().rss, user: cpu.user, system: cpu.system });
    }
    if (message === 'stop') void app.close().then(close).then(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
