import type { Kysely, Transaction } from 'kysely';
import { jsonb } from '../persistence/jsonb.js';
import type { Tables } from '../persistence/schema.js';

/**
 * Outbox topics of the text messages onboarding sends to an institution's
 * registered admin phone. The outbox is the SMS provider's queue, so these
 * payloads carry the phone and the code; the Notifier's log line and
 * GET /outbox never show them (see outbox-listing.ts).
 */
export const smsTopics = {
  /** On APPROVE and on a reviewer's REISSUE_CODE: 机构证号 + activation code. */
  activationCode: 'institution.activationCode',
  /** 申请查询: the 6-digit query code. */
  queryCode: 'institution.queryCode',
} as const;

/** What one text message says; the provider formats it. */
export interface SmsMessage {
  topic: (typeof smsTopics)[keyof typeof smsTopics];
  institutionId: string;
  phone: string;
  /** Structured content: accountNo, activationCode, queryCode, expiresAt, institutionName … */
  content: Record<string, unknown>;
}

/**
 * Writes a text message to the outbox inside the caller's transaction, so
 * it is sent only if what it announces commits.
 *
 * @example
 * await queueSms(trx, { topic: smsTopics.queryCode, institutionId, phone, content: { queryCode, expiresAt } }, now);
 */
export async function queueSms(db: Kysely<Tables> | Transaction<Tables>, message: SmsMessage, now: Date): Promise<void> {
  await db
    .insertInto('pw_outbox')
    .values({
      topic: message.topic,
      entity_type: 'institution',
      entity_id: message.institutionId,
      payload: jsonb({ channel: 'sms', phone: message.phone, ...message.content }),
      created_at: now,
    })
    .execute();
}
