import type { Kysely } from 'kysely';
import type { Notifier } from '../../src/ports/notifier.js';
import type { Tables } from '../../src/persistence/schema.js';
import type { Logger } from '../../src/engine/logger.js';
import { logNotifier } from '../../src/ports/notifier.js';
import { createSmsNotifier, type SmsProvider } from '../../src/notifications/sms-notifier.js';
import { createWebhookSmsProvider } from '../../src/notifications/webhook-sms.js';
import { createAliyunSmsProvider } from '../../src/notifications/aliyun-sms.js';
import { createInboxSmsProvider } from '../../src/notifications/inbox-sms.js';
import type { SmsTopic } from '../../src/notifications/sms-texts.js';
import { templateVariables, type ServerConfig } from './config.js';

/**
 * The bundled server's Notifier from its configuration: texts through the
 * chosen SMS_PROVIDER, then the log line of every notification. Says in one
 * log line which provider delivers (and loudly when it is the development inbox).
 *
 * @example
 * const notifier = smsNotifierFromConfig(config, database.kysely, logger);
 */
export function smsNotifierFromConfig(config: ServerConfig, db: Kysely<Tables>, logger: Logger): Notifier {
  const provider = providerFromConfig(config, db);
  if (!provider) return logNotifier(logger);
  if (provider.name === 'inbox') {
    logger.warn(
      { smsProvider: 'inbox', inbox: '/api/v1/dev/sms' },
      '短信未真正发出：开发收件箱模式 (SMS_PROVIDER=inbox)，管理员在 GET /api/v1/dev/sms 查看全文；生产环境请设置 SMS_PROVIDER=aliyun 或 webhook',
    );
  } else {
    const off = [...(provider.unsupportedTopics ?? []), ...config.SMS_TOPICS_OFF];
    logger.info({ smsProvider: provider.name, topicsOff: off }, 'text messages are delivered by the SMS provider');
  }
  return createSmsNotifier({
    db,
    provider,
    ...(config.SMS_SIGN_NAME && provider.name !== 'aliyun' ? { signName: config.SMS_SIGN_NAME } : {}),
    disabledTopics: config.SMS_TOPICS_OFF,
    next: logNotifier(logger),
  });
}

function providerFromConfig(config: ServerConfig, db: Kysely<Tables>): SmsProvider | null {
  switch (config.SMS_PROVIDER) {
    case 'inbox':
      return createInboxSmsProvider({ db });
    case 'webhook':
      return createWebhookSmsProvider({ url: config.SMS_WEBHOOK_URL!, secret: config.SMS_WEBHOOK_SECRET!, timeoutMs: config.SMS_WEBHOOK_TIMEOUT_MS });
    case 'aliyun': {
      const templates: Partial<Record<SmsTopic, string>> = {};
      for (const [variable, topic] of Object.entries(templateVariables)) {
        const code = config[variable as keyof typeof templateVariables];
        if (code) templates[topic] = code;
      }
      return createAliyunSmsProvider({
        accessKeyId: config.SMS_ALIYUN_ACCESS_KEY_ID!,
        accessKeySecret: config.SMS_ALIYUN_ACCESS_KEY_SECRET!,
        signName: config.SMS_SIGN_NAME!,
        templates,
        ...(config.SMS_ALIYUN_ENDPOINT ? { endpoint: config.SMS_ALIYUN_ENDPOINT } : {}),
      });
    }
    default:
      return null;
  }
}
