import type { Kysely } from 'kysely';
import type { Notification, Notifier } from '../ports/notifier.js';
import type { Tables } from '../persistence/schema.js';
import { isSmsTopic, renderSms, smsTexts, type SmsTopic } from './sms-texts.js';

/** One text message, ready for a provider: the whole text and its template values. */
export interface OutgoingSms {
  /** The outbox row id: a provider that deduplicates can use it as the message id. */
  readonly id: number;
  readonly topic: SmsTopic;
  readonly phone: string;
  /** The whole Chinese message as the phone shows it (sign name included when configured). */
  readonly text: string;
  /** The template values (`accountNo`, `activationCode`, `queryCode`, `minutes`, `expiresAt`, …). */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Sends one text message; throwing means "not delivered, retry later".
 * Three come with the package: `createWebhookSmsProvider`,
 * `createAliyunSmsProvider`, `createInboxSmsProvider`.
 */
export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<void>;
  /** Topics it cannot send (e.g. no template registered for them); they are skipped. */
  readonly unsupportedTopics?: ReadonlySet<SmsTopic>;
}

export interface SmsNotifierOptions {
  db: Kysely<Tables>;
  provider: SmsProvider;
  /** Shown as 【sign】 in front of the text (webhook and inbox; Alibaba Cloud adds its own). */
  signName?: string;
  /** Topics the host does not want texted (e.g. `application.certified`). */
  disabledTopics?: Iterable<string>;
  /** Receives every notification after the text was sent (or was not a text): the host's own channel, e.g. logNotifier. */
  next?: Notifier;
}

/**
 * A Notifier that turns outbox notifications into text messages: the
 * institution's admin phone for 机构证号/激活码 and 申请查询 codes, the
 * candidate's registered phone when an application is returned or decided.
 * Runs after commit (the outbox dispatcher), so a provider that is down never
 * fails the command that queued the message; the dispatcher retries.
 *
 * @example
 * const provider = createWebhookSmsProvider({ url: 'https://sms.example.invalid/send', secret: process.env.SMS_WEBHOOK_SECRET ?? '' });
 * const notifier = createSmsNotifier({ db: database.kysely, provider });
 * const engine = await createEngine({ db: database, notifier });
 */
export function createSmsNotifier(options: SmsNotifierOptions): Notifier {
  const disabled = new Set(options.disabledTopics ?? []);
  return {
    async deliver(notification) {
      if (isSmsTopic(notification.topic) && !disabled.has(notification.topic) && !options.provider.unsupportedTopics?.has(notification.topic)) {
        const message = await composeSms(options.db, notification, options.signName);
        if (message) await options.provider.send(message);
      }
      await options.next?.deliver(notification);
    },
  };
}

/**
 * The text message for an outbox notification, or null when there is nobody
 * to text (no phone on record).
 *
 * @example
 * declare const notification: Notification; // what the outbox dispatcher hands a Notifier
 * const sms = await composeSms(database.kysely, notification, '湖北卫生人才');
 */
export async function composeSms(db: Kysely<Tables>, n: Notification, signName?: string): Promise<OutgoingSms | null> {
  if (!isSmsTopic(n.topic)) return null;
  const topic = n.topic;
  const p = n.payload;
  let phone: string | undefined;
  let params: Record<string, string>;
  if (smsTexts[topic].recipient === 'institutionAdmin') {
    phone = stringOf(p.phone);
    params =
      topic === 'institution.queryCode'
        ? { queryCode: stringOf(p.queryCode) ?? '', minutes: String(minutesBetween(n.createdAt, p.expiresAt)) }
        : {
            institutionName: stringOf(p.institutionName) ?? '',
            accountNo: stringOf(p.accountNo) ?? '',
            activationCode: stringOf(p.activationCode) ?? '',
            expiresAt: beijingDate(p.expiresAt),
          };
  } else {
    if (!n.entityId) return null;
    const row = await db
      .selectFrom('pw_applications as a')
      .leftJoin('pw_institutions as i', 'i.id', 'a.institution_id')
      .select(['a.candidate_name', 'a.data', 'i.name as institution_name'])
      .where('a.id', '=', n.entityId)
      .executeTakeFirst();
    if (!row) return null;
    phone = row.data?.candidate?.phone;
    params = {
      candidateName: row.candidate_name ?? row.data?.candidate?.name ?? '',
      institutionName: row.institution_name ?? '',
      explanation: stringOf(p.explanation) ?? '无',
    };
  }
  if (!phone) return null;
  const needed = Object.fromEntries(smsTexts[topic].params.map((name) => [name, params[name] ?? '']));
  return { id: n.id, topic, phone, text: renderSms(topic, needed, signName), params: needed };
}

const stringOf = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function minutesBetween(from: Date, to: unknown): number {
  const end = typeof to === 'string' ? Date.parse(to) : NaN;
  return Number.isNaN(end) ? 10 : Math.max(1, Math.round((end - from.getTime()) / 60_000));
}

/** `2026年12月31日 18:00`, Beijing time (UTC+8, no daylight saving). */
function beijingDate(value: unknown): string {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) return '';
  const d = new Date(t + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
