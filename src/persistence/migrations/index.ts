import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so
 * they travel inside the built package and a bundler cannot lose them.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};
