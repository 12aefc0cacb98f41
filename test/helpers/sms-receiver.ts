import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a stand-in gateway received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A local HTTP server standing in for an SMS gateway: records every request
 * and answers with what `answer` returns (default 200 `{"ok":true}`).
 *
 * @example
 * const gateway = await smsReceiver(t);
 * gateway.answer = () => ({ status: 500, body: 'down' });
 */
export async function smsReceiver(t: { teardown(fn: () => unknown): unknown }) {
  const received: ReceivedRequest[] = [];
  const state = {
    received,
    answer: (_r: ReceivedRequest): { status: number; body: string; headers?: Record<string, string> } => ({ status: 200, body: '{"ok":true}' }),
    url: '',
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const a = state.answer(r);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return state;
}
