import type { Kysely, Selectable } from 'kysely';
import { institutionMachine } from '../../machines/institution.js';
import { stateLabel } from '../../machines/shared/introspect.js';
import { consumeCode, issueCode } from '../accounts/one-time-codes.js';
import { newDigitCode } from '../accounts/secrets.js';
import type { SecuritySettings } from '../accounts/security-settings.js';
import { writeAudit } from '../engine/audit-log.js';
import { checkCreditCode } from '../domain/credit-code.js';
import { foldIdentifier } from '../domain/identifier-text.js';
import { publicActor, type Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import type { TransitionRunner } from '../engine/transition-runner.js';
import { isWorkflowError, validationFailed, workflowError, type FieldIssue } from '../errors.js';
import type { InstitutionTable, Tables } from '../persistence/schema.js';
import { withChannel, type CommandChannel } from './command-channel.js';
import { queueSms, smsTopics } from './sms.js';

/** What the seed's 申请查询 shows. */
export interface QueryResult {
  state: string;
  stateLabel: string;
  /** The reviewer's reason, for rejected, returned and disabled registrations. */
  reason?: string;
  /** 机构证号, once approved. */
  accountNo?: string;
  /** A freshly issued activation code, when approved and not yet activated (the previous one stops working). */
  activationCode?: string;
}

export interface QueryDeps {
  db: Kysely<Tables>;
  clock: Clock;
  security: Pick<SecuritySettings, 'queryCodeMinutes' | 'codeMaxAttempts'>;
  institutions: TransitionRunner;
  /** Schedules delivery of the outbox rows just committed. */
  onOutbox: () => void;
}

/** A new query code is texted at most once a minute per registration, however often it is asked for. */
export const QUERY_CODE_COOLDOWN_MS = 60_000;

const invalidCode = () => workflowError('INVALID_CODE', '验证码错误或已失效');

function creditCodeOf(value: unknown, issues: FieldIssue[]): string {
  const check = typeof value === 'string' ? checkCreditCode(value) : null;
  if (!check?.normalised) issues.push({ field: 'creditCode', code: 'required', message: '请填写统一社会信用代码' });
  else if (!check.formatOk) issues.push({ field: 'creditCode', code: 'format', message: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）' });
  return check?.normalised ?? '';
}

/** The newest registration of a credit code: the one a query is about. */
async function newestRegistration(db: Kysely<Tables>, creditCode: string): Promise<Selectable<InstitutionTable> | undefined> {
  return db.selectFrom('pw_institutions').selectAll().where('credit_code', '=', creditCode).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/**
 * POST /institution-registrations/query-code: texts a 6-digit query code
 * to the admin phone registered with the credit code (outbox), valid for
 * `queryCodeMinutes`. The caller learns nothing: whether the code exists,
 * has a phone or was texted a minute ago, the answer is the same.
 *
 * @example
 * await requestQueryCode(deps, { creditCode: '91420100MA4K0000X1' }, publicActor(ip));
 */
export async function requestQueryCode(deps: QueryDeps, input: { creditCode?: unknown }, actor: Actor): Promise<void> {
  const issues: FieldIssue[] = [];
  const creditCode = creditCodeOf(input?.creditCode, issues);
  if (issues.length) throw validationFailed(issues);
  const row = await newestRegistration(deps.db, creditCode);
  const phone = row?.admin_phone;
  if (!row || !phone) return;
  const now = deps.clock.now();
  const sent = await deps.db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('pw_one_time_codes')
      .select('created_at')
      .where('purpose', '=', 'query')
      .where('subject', '=', row.id)
      .where('used_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (live && now.getTime() - live.created_at.getTime() < QUERY_CODE_COOLDOWN_MS) return false;
    const code = newDigitCode(6);
    const ttlMs = deps.security.queryCodeMinutes * 60_000;
    await issueCode(trx, { purpose: 'query', subject: row.id, code, now, ttlMs });
    await queueSms(
      trx,
      { topic: smsTopics.queryCode, institutionId: row.id, phone, content: { queryCode: code, expiresAt: new Date(now.getTime() + ttlMs).toISOString() } },
      now,
    );
    await writeAudit(trx, { action: 'institution.queryCode', actor, subjectType: 'institution', subjectId: row.id }, now);
    return true;
  });
  if (sent) deps.onOutbox();
}

/**
 * POST /institution-registrations/query (the seed's 申请查询): with the
 * credit code and the texted 6-digit code, the registration's state, the
 * reviewer's reason, and — approved but not yet activated — the 机构证号
 * with a fresh activation code (REISSUE_CODE as the public caller; the
 * previous code stops working). The code is single use; wrong guesses
 * count and `codeMaxAttempts` of them retire it. A code that is not six
 * digits is VALIDATION_FAILED (验证码长度为6位); a wrong, used or expired
 * one, or an unknown credit code, INVALID_CODE.
 *
 * @example
 * const { accountNo, activationCode } = await queryRegistration(deps, { creditCode, code: '048213' }, publicActor(ip));
 */
export async function queryRegistration(deps: QueryDeps, input: { creditCode?: unknown; code?: unknown }, actor: Actor): Promise<QueryResult> {
  const issues: FieldIssue[] = [];
  const creditCode = creditCodeOf(input?.creditCode, issues);
  const code = typeof input?.code === 'string' ? foldIdentifier(input.code) : '';
  if (!/^\d{6}$/.test(code)) issues.push({ field: 'code', code: 'length', message: '验证码长度为6位' });
  // The seed's screen says exactly this; keep it as the message when it is the only problem.
  if (issues.length === 1 && issues[0]!.field === 'code') throw workflowError('VALIDATION_FAILED', '验证码长度为6位', issues);
  if (issues.length) throw validationFailed(issues);

  const row = await newestRegistration(deps.db, creditCode);
  if (!row) throw invalidCode();
  const check = { purpose: 'query' as const, subject: row.id, code, maxAttempts: deps.security.codeMaxAttempts };
  // Checked in a transaction of its own first, so a wrong guess counts although the request is refused.
  const refusal = await deps.db.transaction().execute((trx) => consumeCode(trx, { ...check, now: deps.clock.now(), consume: false }));
  if (refusal !== null) throw invalidCode();
  // The query is the public's, whoever happens to be logged in.
  const caller = publicActor(actor.ip);

  if (row.state === 'approved') {
    const channel: CommandChannel = { queryCode: code };
    try {
      const result = await deps.institutions.send(row.id, withChannel({ type: 'REISSUE_CODE' }, channel), caller);
      return { state: result.state, stateLabel: result.stateLabel, accountNo: row.account_no ?? undefined, activationCode: channel.issuedActivationCode! };
    } catch (error) {
      // Activated (or disabled) meanwhile: answer with the state it has now.
      if (!isWorkflowError(error) || error.code !== 'INVALID_TRANSITION') throw error;
    }
  }

  const current = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    if ((await consumeCode(trx, { ...check, now })) !== null) return undefined;
    await writeAudit(trx, { action: 'institution.query', actor: caller, subjectType: 'institution', subjectId: row.id }, now);
    return trx.selectFrom('pw_institutions').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
  if (!current) throw invalidCode();
  const result: QueryResult = { state: current.state, stateLabel: stateLabel(institutionMachine, current.state) };
  const reason = (current.context as { reason?: unknown }).reason;
  if (['rejected', 'returned', 'disabled'].includes(current.state) && typeof reason === 'string' && reason) result.reason = reason;
  if (current.account_no) result.accountNo = current.account_no;
  return result;
}
