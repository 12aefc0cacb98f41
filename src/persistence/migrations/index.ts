import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-physicians.js';
import * as m0003 from './0003-accounts.js';
import * as m0004 from './0004-institution-data.js';
import * as m0005 from './0005-applications.js';
import * as m0006 from './0006-onboarding.js';
import * as m0007 from './0007-performance-indexes.js';
import * as m0008 from './0008-outbox-claims.js';
import * as m0009 from './0009-sms-delivery.js';
import * as m0010 from './0010-idempotency-per-caller.js';
import * as m0011 from './0011-documents.js';
import * as m0012 from './0012-history-result-with-key.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so
 * they travel inside the built package and a bundler cannot lose them.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-physicians': m0002,
  '0003-accounts': m0003,
  '0004-institution-data': m0004,
  '0005-applications': m0005,
  '0006-onboarding': m0006,
  '0007-performance-indexes': m0007,
  '0008-outbox-claims': m0008,
  '0009-sms-delivery': m0009,
  '0010-idempotency-per-caller': m0010,
  '0011-documents': m0011,
  '0012-history-result-with-key': m0012,
};
