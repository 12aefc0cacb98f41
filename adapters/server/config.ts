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
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

/** The bundled server's configuration (SPEC §8), read from the environment. */
export type ServerConfig = z.infer<typeof schema>;

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
