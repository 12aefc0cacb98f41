import { z } from 'zod';

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
});

/** The bundled server's configuration (SPEC §8), read from the environment. */
export type ServerConfig = z.infer<typeof schema>;

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
  return parsed.data;
}

/** Raised by loadConfig; the CLI prints its message and exits with status 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
