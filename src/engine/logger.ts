/**
 * The logging interface the engine needs; a pino logger satisfies it, and
 * so does a host's own logger with the same four methods.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
