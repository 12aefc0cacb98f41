import type { Kysely } from 'kysely';
import type { Departments } from '../accounts/departments.js';
import { consumeCode } from '../accounts/one-time-codes.js';
import type { SecuritySettings } from '../accounts/security-settings.js';
import { publicActor, type Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import type { Logger } from '../engine/logger.js';
import type { TransitionRunner } from '../engine/transition-runner.js';
import { validationFailed, workflowError } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import type { FileStorage } from '../storage/file-storage.js';
import { withChannel } from './command-channel.js';
import { registrationColumns } from './institution-facts.js';
import { attachmentIssues, validateRegistrationForm } from './registration-form.js';
import { discardUnreferenced, receiveRegistrationParts, type RegistrationPart, type StoredUpload } from './registration-upload.js';

/** What POST /institution-registrations answers. */
export interface RegistrationResult {
  id: string;
  state: string;
  stateLabel: string;
  /** True when a rejected or returned registration was resubmitted (RESUBMIT) rather than a new one created. */
  resubmitted: boolean;
  version: number;
}

export interface RegisterOptions {
  idempotencyKey?: string;
  /** Largest accepted file in bytes (default 10 MiB, SPEC §4.2). */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

const uniqueViolation = (e: unknown) => (e as { code?: unknown })?.code === '23505';

type RegistrationDeps = {
  db: Kysely<Tables>;
  storage: FileStorage;
  departments: Departments;
  institutions: TransitionRunner;
  logger: Logger;
  clock: Clock;
  security: Pick<SecuritySettings, 'codeMaxAttempts'>;
};

/** The resubmission's query code: present, six digits, and live for the registration (INVALID_CODE otherwise). */
async function checkResubmissionCode(deps: RegistrationDeps, registrationId: string, code: string | undefined): Promise<string> {
  if (code === undefined || code.trim() === '') {
    throw validationFailed([{ field: 'queryCode', code: 'required', message: '重新提交须填写发送至登记手机的验证码（申请查询）' }]);
  }
  if (!/^\d{6}$/.test(code.trim())) throw validationFailed([{ field: 'queryCode', code: 'invalidLength', message: '验证码长度为6位' }]);
  const refusal = await deps.db
    .transaction()
    .execute((trx) =>
      consumeCode(trx, { purpose: 'query', subject: registrationId, code: code.trim(), now: deps.clock.now(), maxAttempts: deps.security.codeMaxAttempts, consume: false }),
    );
  if (refusal !== null) throw workflowError('INVALID_CODE', undefined, { rule: 'queryCodeVerified', field: 'queryCode' });
  return code.trim();
}

/**
 * Registration (REGISTER) and resubmission (RESUBMIT) of an institution
 * from the parts of a form: files are stored as they arrive, the form is
 * validated with an issue per field, and one command records the row, the
 * attachments and the history. Whatever fails — a refused file, a field, a
 * credit code already registered, the database — the files this request
 * stored are removed again unless another attachment references them, and
 * no row is written.
 *
 * @example
 * const result = await registerInstitution(deps, parts, publicActor(ip), { idempotencyKey });
 */
export async function registerInstitution(
  deps: RegistrationDeps,
  parts: AsyncIterable<RegistrationPart> | Iterable<RegistrationPart>,
  actor: Actor,
  options: RegisterOptions = {},
): Promise<RegistrationResult> {
  const uploads: StoredUpload[] = [];
  let keep = false;
  try {
    const { fields, issues } = await receiveRegistrationParts(parts, deps.storage, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, uploads);
    const checked = await validateRegistrationForm(fields, async (id) => (await deps.departments.get(id)) !== undefined);
    const all = [...issues, ...checked.issues, ...attachmentIssues(new Set(uploads.map((u) => u.kind)), checked.isMedical)];
    if (all.length || !checked.form) throw validationFailed(all);
    const form = checked.form;

    // The newest registration of this credit code decides: rejected or returned → RESUBMIT it;
    // live → the machine refuses (ALREADY_REGISTERED); none → a new one.
    const previous = await deps.db
      .selectFrom('pw_institutions')
      .select(['id', 'state'])
      .where('credit_code', '=', form.creditCode)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Idempotency keys of public creations are shared by all anonymous callers: scope them to the credit code.
    const idempotencyKey = options.idempotencyKey === undefined ? undefined : `${form.creditCode}:${options.idempotencyKey}`;
    // A retried resubmission finds its registration under review again: the runner replays it by its key
    // (its code is spent by then, so it is not asked for again).
    const replay =
      previous !== undefined && idempotencyKey !== undefined
        ? await deps.db
            .selectFrom('pw_history')
            .select('seq')
            .where('entity_id', '=', previous.id)
            .where('idempotency_key', '=', idempotencyKey)
            .where('event_type', '=', 'RESUBMIT')
            .where('actor_id', 'is', null)
            .executeTakeFirst()
        : undefined;
    const resubmit = previous !== undefined && (replay !== undefined || previous.state === 'rejected' || previous.state === 'returned');
    const entityId = resubmit ? previous.id : crypto.randomUUID();
    // A resubmission replaces the admin name, phone and files of a public credit code: it needs the
    // 申请查询 code texted to the phone registered now. Checked here in a transaction of its own (so a
    // wrong guess counts), spent inside the command (institution-facts.ts).
    const queryCode = resubmit && !replay ? await checkResubmissionCode(deps, previous.id, fields.queryCode) : undefined;
    const event = withChannel(
      { type: resubmit ? 'RESUBMIT' : 'REGISTER' },
      { registration: { entityId, form, files: uploads }, ...(queryCode === undefined ? {} : { queryCode }) },
    );
    // Registering is the public's act (machine role `public`), whoever happens to be logged in.
    const caller = publicActor(actor.ip);
    const result = resubmit
      ? await deps.institutions.send(entityId, event, caller, idempotencyKey === undefined ? {} : { idempotencyKey })
      : await deps.institutions.create(event, caller, {
          id: entityId,
          columns: registrationColumns(form),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        });
    // A replay stored nothing new: its files go unless the first request stored the same ones.
    keep = !result.replayed;
    return { id: result.id, state: result.state, stateLabel: result.stateLabel, resubmitted: resubmit, version: result.version };
  } catch (error) {
    // Two registrations of one credit code at once: the second loses on the unique index.
    if (uniqueViolation(error)) throw workflowError('ALREADY_REGISTERED', undefined, { rule: 'creditCodeNotRegistered' });
    throw error;
  } finally {
    if (!keep) {
      await discardUnreferenced(deps.db, deps.storage, uploads).catch((error: unknown) =>
        deps.logger.warn({ err: error }, 'could not remove the files of a failed registration'),
      );
    }
  }
}
