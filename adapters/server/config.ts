import { z } from 'zod';
import { smsTopicNames, type SmsTopic } from '../../src/notifications/sms-texts.js';

/** One Alibaba Cloud template code per message kind. */
export const templateVariables = {
  SMS_TEMPLATE_ACTIVATION: 'institution.activationCode',
  SMS_TEMPLATE_QUERY_CODE: 'institution.queryCode',
  SMS_TEMPLATE_APPLICATION_RETURNED: 'application.returned',
  SMS_TEMPLATE_APPLICATION_REPORTED: 'application.reportedByUnit',
  SMS_TEMPLATE_APPLICATION_REJECTED_BY_UNIT: 'application.rejectedByUnit',
  SMS_TEMPLATE_APPLICATION_RETURNED_BY_DISTRICT: 'application.returnedByDistrict',
  SMS_TEMPLATE_APPLICATION_CERTIFIED: 'application.certified',
  SMS_TEMPLATE_APPLICATION_REJECTED_BY_DISTRICT: 'application.rejectedByDistrict',
} as const satisfies Record<string, SmsTopic>;

const flag = z
  .enum(['0', '1', 'true', 'false'], { message: '须为 0 或 1' })
  .transform((v) => v === '1' || v === 'true');

const schema = z.object({
  PORT: z.coerce.number({ message: '须为端口号' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '须以 postgres:// 开头')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, '须为字母、数字或下划线组成的模式名（至多63个字符）')
    .optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number({ message: '须为毫秒数' }).int().min(100).max(3_600_000).default(30_000),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number({ message: '须为毫秒数' }).int().min(100).max(600_000).default(10_000),
  // Pipelining needs a server or pooler that accepts a statement before the previous answer.
  DATABASE_PIPELINE: flag.default(true),
  DATA_DIR: z.string().min(1).default('./data'),
  FILES_ORPHAN_GRACE_SECONDS: z.coerce.number({ message: '须为秒数' }).int().min(0).max(604_800).default(600),
  DEMO: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RATE_LIMIT_PUBLIC: z.coerce.number({ message: '须为每分钟请求数' }).int().min(1).max(100_000).default(30),
  // Which proxies may name the client in X-Forwarded-For: never by default, since
  // a client could then pick its own address for rate limits and the audit log.
  TRUST_PROXY: z
    .string()
    .regex(/^(0|false|[1-9][0-9]?|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, '须为 0、代理层数（1–99）或以逗号分隔的代理地址/网段')
    .transform((v): boolean | number | string[] => (v === '0' || v === 'false' ? false : /^[1-9][0-9]?$/.test(v) ? Number(v) : v.split(',')))
    .default(false),
  MAX_FAILED_LOGINS: z.coerce.number().int().min(1).max(100).default(5),
  LOCK_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1_440).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  ACTIVATION_CODE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CHECK_CODE_MAX_ATTEMPTS: z.coerce.number({ message: '须为正整数' }).int().min(1).max(1000).default(10),
  SMS_PROVIDER: z.enum(['aliyun', 'webhook', 'inbox'], { message: '须为 aliyun、webhook 或 inbox' }).optional(),
  SMS_SIGN_NAME: z.string().max(30).optional(),
  SMS_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, message: '须为 http:// 或 https:// 开头的完整地址' })
    .optional(),
  SMS_WEBHOOK_SECRET: z.string().min(16, '须至少16个字符').optional(),
  SMS_WEBHOOK_TIMEOUT_MS: z.coerce.number({ message: '须为毫秒数' }).int().min(100).max(120_000).default(5000),
  SMS_ALIYUN_ACCESS_KEY_ID: z.string().min(1).optional(),
  SMS_ALIYUN_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  SMS_ALIYUN_ENDPOINT: z.url({ protocol: /^https?$/, message: '须为 http:// 或 https:// 开头的完整地址' }).optional(),
  ...Object.fromEntries(Object.keys(templateVariables).map((name) => [name, z.string().regex(/^SMS_[0-9]+$/, '须为阿里云模板CODE，如 SMS_123456789').optional()])),
  SMS_TOPICS_OFF: z
    .string()
    .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
    .refine((topics) => topics.every((t) => (smsTopicNames as readonly string[]).includes(t)), { message: `须为以逗号分隔的短信主题：${smsTopicNames.join(', ')}` })
    .default([]),
  SMS_MAX_ATTEMPTS: z.coerce.number({ message: '须为正整数' }).int().min(1).max(100).default(8),
  SMS_RETRY_BASE_SECONDS: z.coerce.number({ message: '须为秒数' }).int().min(1).max(86_400).default(30),
});

/** The bundled server's configuration (SPEC §8), read from the environment. */
export type ServerConfig = z.infer<typeof schema> & Partial<Record<keyof typeof templateVariables, string>>;

// Rules across variables: what each provider needs, and that production needs one.
const required: Record<'aliyun' | 'webhook', readonly string[]> = {
  webhook: ['SMS_WEBHOOK_URL', 'SMS_WEBHOOK_SECRET'],
  aliyun: ['SMS_ALIYUN_ACCESS_KEY_ID', 'SMS_ALIYUN_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_ACTIVATION', 'SMS_TEMPLATE_QUERY_CODE'],
};
function crossFieldIssues(config: ServerConfig): string[] {
  const lines: string[] = [];
  if (!config.SMS_PROVIDER && !config.DEMO) {
    lines.push('  SMS_PROVIDER="": DEMO=0 时必须设置短信服务（aliyun 或 webhook），否则机构收不到机构证号和激活码，无法激活 (required with DEMO=0)');
  }
  if (config.SMS_PROVIDER === 'aliyun' || config.SMS_PROVIDER === 'webhook') {
    for (const name of required[config.SMS_PROVIDER]) {
      if (!(config as Record<string, unknown>)[name]) lines.push(`  ${name}="": SMS_PROVIDER=${config.SMS_PROVIDER} 时必须设置 (required)`);
    }
  }
  return lines;
}

/**
 * The engine's security settings from the configuration.
 *
 * @example
 * createEngine({ db, security: securityFromConfig(config) });
 */
export function securityFromConfig(config: ServerConfig) {
  return {
    maxFailedLogins: config.MAX_FAILED_LOGINS,
    lockMinutes: config.LOCK_MINUTES,
    sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: config.SESSION_ABSOLUTE_HOURS,
    activationCodeDays: config.ACTIVATION_CODE_DAYS,
    checkCodeMaxAttempts: config.CHECK_CODE_MAX_ATTEMPTS,
  };
}

/**
 * Reads and validates the configuration; a bad value is reported with the
 * variable's name and what it should be, and nothing starts.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError listing every bad variable
 */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  // An empty variable means unset, as in most shells' `VAR= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(present[String(i.path[0])] ?? '')}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const config = parsed.data as ServerConfig;
  const cross = crossFieldIssues(config);
  if (cross.length) throw new ConfigError(`配置错误 (invalid configuration):\n${cross.join('\n')}`);
  // Without a provider, a demo keeps its texts in the development inbox.
  if (!config.SMS_PROVIDER && config.DEMO) config.SMS_PROVIDER = 'inbox';
  return config;
}

/** Raised by loadConfig; the CLI prints its message and exits with status 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
