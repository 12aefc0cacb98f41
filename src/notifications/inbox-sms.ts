import type { Kysely } from 'kysely';
import type { Actor } from '../engine/actor.js';
import { workflowError } from '../errors.js';
import { jsonb } from '../persistence/jsonb.js';
import type { Tables } from '../persistence/schema.js';
import type { Clock } from '../engine/clock.js';
import type { OutgoingSms, SmsProvider } from './sms-notifier.js';
import { pageWindow } from '../engine/page.js';

/**
 * Development only: every message is kept, codes included, in the
 * `pw_sms_inbox` table, readable by an administrator at `GET /dev/sms` (and
 * in the console). Lets a demo finish 申请查询 → 激活 → 登录 without a gateway.
 * Never use it in production: the inbox is a record of live codes.
 *
 * @example
 * const provider = createInboxSmsProvider({ db: database.kysely });
 */
export function createInboxSmsProvider(options: { db: Kysely<Tables>; clock?: Clock }): SmsProvider {
  return {
    name: 'inbox',
    async send(message: OutgoingSms) {
      await options.db
        .insertInto('pw_sms_inbox')
        .values({
          outbox_id: message.id,
          topic: message.topic,
          phone: message.phone,
          text: message.text,
          params: jsonb(message.params),
          created_at: options.clock?.now() ?? new Date(),
        })
        // At-least-once delivery may hand the same row over twice: the inbox shows it once.
        .onConflict((oc) => oc.column('outbox_id').doNothing())
        .execute();
    },
  };
}

/** One message of the development inbox. */
export interface DevSmsItem {
  id: number;
  outboxId: number | null;
  topic: string;
  phone: string;
  text: string;
  params: Record<string, string>;
  createdAt: string;
}

/**
 * The development inbox, newest first (admin only), optionally for one phone.
 *
 * @example
 * const { items } = await listDevSms(database.kysely, admin, { phone: '13800000000' });
 */
export async function listDevSms(
  db: Kysely<Tables>,
  actor: Actor,
  filter: { phone?: string; page?: number; pageSize?: number } = {},
): Promise<{ items: DevSmsItem[]; total: number; page: number; pageSize: number }> {
  if (actor.kind !== 'admin') throw workflowError('FORBIDDEN', '仅管理员可查看开发短信收件箱', { rule: 'role' });
  const { page, pageSize, offset } = pageWindow(filter);
  let query = db.selectFrom('pw_sms_inbox');
  if (filter.phone) query = query.where('phone', '=', filter.phone);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('id', 'desc').limit(pageSize).offset(offset).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      outboxId: r.outbox_id,
      topic: r.topic,
      phone: r.phone,
      text: r.text,
      params: r.params,
      createdAt: r.created_at.toISOString(),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
