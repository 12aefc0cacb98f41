import pino, { type Logger as PinoLogger, type LoggerOptions } from 'pino';
import { scrubText, scrubValue } from './redact.js';

/**
 * A pino logger that cannot leak what SPEC §4.5 forbids in logs: passwords,
 * tokens, activation and query codes are removed by key, and full resident
 * ID numbers and phone numbers are masked wherever they appear — in fields,
 * nested objects, error messages and the message text itself.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info({ login: '140105199001017932' }, 'login'); // {"login":"140105*****7932","msg":"login"}
 */
export function createLogger(options: LoggerOptions = {}, destination?: pino.DestinationStream): PinoLogger {
  const out = destination ?? pino.destination({ dest: 1, sync: false });
  // The last net: child-logger bindings are serialised once, outside the
  // hook, so every finished line is scrubbed again as text.
  const scrubbed: pino.DestinationStream = { write: (line: string) => out.write(scrubText(line)) };
  return pino(
    {
      ...options,
      serializers: {
        ...options.serializers,
        // Errors are scrubbed like everything else instead of pino's raw serializer.
        err: (error: unknown) => scrubValue(error),
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : scrubValue(a))) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
    },
    scrubbed,
  );
}
