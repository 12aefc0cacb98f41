import { createRequire } from 'node:module';
import type { OutgoingSms, SmsProvider } from './sms-notifier.js';
import type { SmsTopic } from './sms-texts.js';
import { smsTopicNames } from './sms-texts.js';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** The 短信签名 registered with Alibaba Cloud (SignName). */
  signName: string;
  /** The 模板CODE registered for each topic (the texts of sms-texts.ts); a topic without one is not texted. */
  templates: Partial<Record<SmsTopic, string>>;
  /** Default `https://dysmsapi.aliyuncs.com`; tests point it at a local stand-in. */
  endpoint?: string;
  /** Per-request read timeout (default 5000 ms). */
  timeoutMs?: number;
}

// The SDK is CommonJS with a default-exported class: loaded through require so
// its shape does not depend on how a bundler or Node's ESM interop reads it.
const require = createRequire(import.meta.url);

interface SdkClient {
  sendSms(request: unknown): Promise<{ body?: { code?: string; message?: string; bizId?: string; requestId?: string } }>;
}

/**
 * Alibaba Cloud SMS (阿里云短信服务) through its official SDK
 * `@alicloud/dysmsapi20170525`: one `SendSms` call per message with the
 * topic's template code and its parameters as `TemplateParam` JSON. Any
 * answer but `Code: OK` is a failed delivery, retried by the outbox.
 *
 * @example
 * const provider = createAliyunSmsProvider({
 *   accessKeyId: 'LTAI…', accessKeySecret: '…', signName: '湖北卫生人才',
 *   templates: { 'institution.activationCode': 'SMS_100000001', 'institution.queryCode': 'SMS_100000002' },
 * });
 */
export function createAliyunSmsProvider(options: AliyunSmsOptions): SmsProvider {
  const sdk = require('@alicloud/dysmsapi20170525') as { default: new (config: unknown) => SdkClient; SendSmsRequest: new (init: object) => unknown };
  const core = require('@alicloud/openapi-core') as { $OpenApiUtil: { Config: new (init: object) => unknown } };
  const endpoint = new URL(options.endpoint ?? 'https://dysmsapi.aliyuncs.com');
  const client = new sdk.default(
    new core.$OpenApiUtil.Config({
      accessKeyId: options.accessKeyId,
      accessKeySecret: options.accessKeySecret,
      endpoint: endpoint.host,
      protocol: endpoint.protocol.replace(':', ''),
      readTimeout: options.timeoutMs ?? 5000,
      connectTimeout: options.timeoutMs ?? 5000,
    }),
  );
  const unsupported = new Set(smsTopicNames.filter((topic) => !options.templates[topic]));
  return {
    name: 'aliyun',
    unsupportedTopics: unsupported,
    async send(message: OutgoingSms) {
      const templateCode = options.templates[message.topic];
      if (!templateCode) throw new Error(`Alibaba Cloud SMS: no template code for ${message.topic}`);
      let answer: Awaited<ReturnType<SdkClient['sendSms']>>;
      try {
        answer = await client.sendSms(
          new sdk.SendSmsRequest({
            phoneNumbers: message.phone,
            signName: options.signName,
            templateCode,
            templateParam: JSON.stringify(message.params),
            outId: String(message.id),
          }),
        );
      } catch (error) {
        // The SDK's errors carry the request; keep only what an operator needs.
        const e = error as { code?: string; message?: string };
        throw new Error(`Alibaba Cloud SMS: ${e.code ?? 'error'} ${String(e.message ?? '').slice(0, 200)}`);
      }
      const code = answer.body?.code;
      if (code !== 'OK') throw new Error(`Alibaba Cloud SMS answered ${code ?? 'nothing'}: ${answer.body?.message ?? ''}`);
    },
  };
}
