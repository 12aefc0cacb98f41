import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OutgoingSms, SmsProvider } from './sms-notifier.js';

export interface WebhookSmsOptions {
  /** Where to POST each message (http or https). */
  url: string;
  /** Signs every body: `x-signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
  secret: string;
  /** A delivery that takes longer has failed and is retried (default 5000 ms). */
  timeoutMs?: number;
}

/**
 * Text messages as signed JSON POSTs to any gateway or a host's own service.
 * The body is `{ id, topic, phone, text, params }`; a 2xx answer is delivery,
 * anything else (or no answer within the timeout) is a failure to retry.
 * The receiver checks `x-signature` against its copy of the secret and may
 * use `id` (the outbox row) to drop a duplicate: delivery is at-least-once.
 *
 * @example
 * const provider = createWebhookSmsProvider({ url: 'https://sms.example.org/send', secret: process.env.SMS_WEBHOOK_SECRET! });
 * const notifier = createSmsNotifier({ db: database.kysely, provider });
 */
export function createWebhookSmsProvider(options: WebhookSmsOptions): SmsProvider {
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    name: 'webhook',
    async send(message: OutgoingSms) {
      const body = JSON.stringify({ id: message.id, topic: message.topic, phone: message.phone, text: message.text, params: message.params });
      const signature = createHmac('sha256', options.secret).update(body).digest('hex');
      let res: Response;
      try {
        res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'x-signature': `sha256=${signature}` },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
        throw new Error(`SMS webhook: ${reason}`);
      }
      // The answer's body is not needed; reading it frees the connection.
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`SMS webhook answered HTTP ${res.status}`);
    },
  };
}

/**
 * Checks a webhook body's `x-signature` header, for receivers written in
 * TypeScript (and for this package's tests). Compares in constant time.
 *
 * @example
 * // In the receiving service, with the body exactly as it arrived:
 * declare const rawBody: Buffer;
 * const valid = verifyWebhookSignature(rawBody, request.headers['x-signature'], process.env.SMS_WEBHOOK_SECRET ?? '');
 */
export function verifyWebhookSignature(rawBody: string | Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('hex'));
  const given = Buffer.from(header.slice('sha256='.length));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
