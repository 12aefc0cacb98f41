import type { Transaction } from 'kysely';
import type { InstitutionFacts } from '../../machines/institution.js';
import type { Accounts } from '../accounts/accounts.js';
import { checkCode, consumeCode, issueCode } from '../accounts/one-time-codes.js';
import { newActivationCode, newDigitCode } from '../accounts/secrets.js';
import type { SecuritySettings } from '../accounts/security-settings.js';
import { revokeSessions } from '../accounts/revoke-sessions.js';
import type { Effect, EffectArgs, EffectPatch, EntityRow, FactsArgs, FactsProvider } from '../engine/workflow-definition.js';
import type { Tables } from '../persistence/schema.js';
import { institutionAccountNo, reserveInstitutionSerial } from './account-numbers.js';
import { attachRegistrationFiles } from './attachments.js';
import { workflowError } from '../errors.js';
import { channelOf } from './command-channel.js';
import type { RegistrationForm } from './registration-form.js';
import { queueSms, smsTopics } from './sms.js';

/** What the institution's facts provider needs from the engine. */
export interface InstitutionFactsDeps {
  security: Pick<SecuritySettings, 'activationCodeDays' | 'codeMaxAttempts'>;
  accounts: Pick<Accounts, 'create' | 'setPassword'>;
}

const DAY_MS = 86_400_000;

/**
 * A registration with this credit code that is live (anything but
 * rejected or returned), other than `exceptId`.
 *
 * @example
 * await liveRegistrationExists(trx, '91420100MA4KXXXX1X'); // true when another one is under review or approved
 */
export async function liveRegistrationExists(trx: Transaction<Tables>, creditCode: string, exceptId?: string): Promise<boolean> {
  let query = trx
    .selectFrom('pw_institutions')
    .select('id')
    .where('credit_code', '=', creditCode)
    .where('state', 'not in', ['rejected', 'returned']);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

const formColumns = (form: RegistrationForm) => ({
  name: form.name,
  address: form.address,
  credit_code: form.creditCode,
  credit_code_check_ok: form.creditCodeCheckOk,
  is_medical: form.isMedical,
  license_no: form.licenseNo,
  admin_name: form.adminName,
  admin_phone: form.adminPhone,
  department_id: form.departmentId,
});

/**
 * The columns of a new registration's row, for `institutions.create`.
 *
 * @example
 * await engine.institutions.create(event, actor, { id, columns: registrationColumns(form) });
 */
export function registrationColumns(form: RegistrationForm): Record<string, unknown> {
  return formColumns(form);
}

/**
 * The institution machine's facts provider: what its guards read, and
 * nothing written (issue 14) — the writes are the effects the machine names
 * ({@link institutionEffects}):
 *
 * - REGISTER / RESUBMIT: the red indicator and the live-duplicate check;
 *   a public resubmission's 申请查询 code is checked (an unknown one refuses
 *   with INVALID_CODE). Effect `storeRegistration`: the files, the new form,
 *   the code spent.
 * - APPROVE: the red flag. Effect `openMainAccount`.
 * - REISSUE_CODE: a public caller's query code is checked. Effect
 *   `renewActivationCode`.
 * - ACTIVATE: the activation code is checked. Effect `activateLogin`.
 * - DISABLE / ENABLE: nothing to read. Effects `lockOutAccounts` / `letAccountsIn`.
 *
 * @example
 * const definition = { ...institutionDefinition, facts: institutionFacts() };
 */
export function institutionFacts(): FactsProvider {
  // Spread: the runner takes a plain record of facts.
  return async (args) => ({ ...(await decide(args)) });
}

async function decide(args: FactsArgs): Promise<InstitutionFacts> {
  const { row, event } = args;
  switch (event.type) {
    case 'REGISTER':
      return register(args);
    case 'RESUBMIT':
      return row ? resubmit(args, row) : {};
    case 'APPROVE':
      return { red: row?.credit_code_check_ok === false };
    case 'REISSUE_CODE':
      return row?.state === 'approved' ? reissue(args, row) : { queryCodeVerified: false };
    case 'ACTIVATE':
      return row?.state === 'approved' ? activate(args, row) : { activationCodeValid: false };
    default:
      return {};
  }
}

async function register({ trx, columns }: FactsArgs): Promise<InstitutionFacts> {
  const creditCode = typeof columns.credit_code === 'string' ? columns.credit_code : null;
  const alreadyRegistered = creditCode ? await liveRegistrationExists(trx, creditCode) : false;
  return { red: columns.credit_code_check_ok === false, alreadyRegistered };
}

async function resubmit({ trx, event, actor, now }: FactsArgs, row: EntityRow): Promise<InstitutionFacts> {
  const channel = channelOf(event);
  const registration = channel?.registration;
  const creditCode = (registration?.form.creditCode ?? row.credit_code) as string | null;
  const alreadyRegistered = creditCode ? await liveRegistrationExists(trx, creditCode, row.id) : false;
  const resubmittable = row.state === 'rejected' || row.state === 'returned';
  if (resubmittable && registration && actor.kind === 'public') {
    // New data and files replace the registered ones (admin phone included): the texted 申请查询
    // code proves the caller holds the phone registered now. The effect spends it.
    const refusal = channel?.queryCode ? await checkCode(trx, { purpose: 'query', subject: row.id, code: channel.queryCode, now }) : 'unknown';
    if (refusal !== null) throw workflowError('INVALID_CODE', undefined, { rule: 'queryCodeVerified', field: 'queryCode' });
  }
  const checkOk = registration ? registration.form.creditCodeCheckOk : row.credit_code_check_ok;
  return { red: checkOk === false, alreadyRegistered };
}

/**
 * REGISTER's and RESUBMIT's effect: the registration's files become the
 * institution's attachments (a resubmission's replace the earlier ones);
 * a resubmission's form replaces the registered data, written with the row,
 * and a public resubmission spends its 申请查询 code.
 */
async function storeRegistration(deps: InstitutionFactsDeps, { trx, id, row, event, actor, now }: EffectArgs): Promise<EffectPatch | void> {
  const channel = channelOf(event);
  const registration = channel?.registration;
  if (!registration) return;
  if (!row) {
    await attachRegistrationFiles(trx, registration.entityId, registration.files, actor, now);
    return;
  }
  if (actor.kind === 'public' && !(await spend(deps, trx, { purpose: 'query', subject: row.id, code: channel?.queryCode, now }))) return;
  await attachRegistrationFiles(trx, id, registration.files, actor, now);
  return { columns: formColumns(registration.form) };
}

/**
 * APPROVE's effect: the next 5-digit serial, the 机构证号, the 6-digit check
 * code, the main account (no password yet) and a fresh activation code sent
 * by SMS. The numbers are written with the row and into the machine's context.
 */
async function openMainAccount(deps: InstitutionFactsDeps, { trx, row, now }: EffectArgs): Promise<EffectPatch> {
  if (!row) throw new Error('openMainAccount needs the registration row');
  const serial = await reserveInstitutionSerial(trx);
  const accountNo = institutionAccountNo(serial);
  await deps.accounts.create(
    {
      kind: 'institution',
      login: accountNo,
      name: typeof row.name === 'string' && row.name ? row.name : '机构主账号',
      institutionId: row.id,
      departmentId: (row.department_id as string | null) ?? null,
      phone: (row.admin_phone as string | null) ?? null,
    },
    trx,
  );
  await sendActivationCode(deps, trx, row, accountNo, now);
  return { columns: { serial, account_no: accountNo, check_code: newDigitCode(6) }, context: { accountNo } };
}

/** Issues a fresh activation code for the main account and texts it to the admin phone. */
async function sendActivationCode(deps: InstitutionFactsDeps, trx: Transaction<Tables>, row: EntityRow, accountNo: string, now: Date) {
  const code = newActivationCode();
  const ttlMs = deps.security.activationCodeDays * DAY_MS;
  await issueCode(trx, { purpose: 'activation', subject: accountNo, code, now, ttlMs });
  const phone = row.admin_phone as string | null;
  if (phone) {
    await queueSms(
      trx,
      {
        topic: smsTopics.activationCode,
        institutionId: row.id,
        phone,
        content: { institutionName: row.name, accountNo, activationCode: code, expiresAt: new Date(now.getTime() + ttlMs).toISOString() },
      },
      now,
    );
  }
  return code;
}

async function reissue({ trx, event, actor, now }: FactsArgs, row: EntityRow): Promise<InstitutionFacts> {
  const accountNo = row.account_no as string | null;
  if (!accountNo) return { queryCodeVerified: false };
  if (actor.kind !== 'public') return {};
  // The query code proves the caller holds the registered phone; the effect spends it.
  const queryCode = channelOf(event)?.queryCode;
  const refusal = queryCode ? await checkCode(trx, { purpose: 'query', subject: row.id, code: queryCode, now }) : 'unknown';
  return { queryCodeVerified: refusal === null };
}

async function activate({ trx, event, now }: FactsArgs, row: EntityRow): Promise<InstitutionFacts> {
  const activationCode = channelOf(event)?.activationCode;
  const accountNo = row.account_no as string | null;
  if (!activationCode || !accountNo) return { activationCodeValid: false };
  return { activationCodeValid: (await checkCode(trx, { purpose: 'activation', subject: accountNo, code: activationCode, now })) === null };
}

/**
 * REISSUE_CODE's effect: a fresh activation code (the old one stops
 * working). The public 申请查询 spends its query code and gets the code back
 * through the command channel; a reviewer never sees it: it goes to the
 * registered phone only.
 */
async function renewActivationCode(deps: InstitutionFactsDeps, { trx, row, event, actor, now }: EffectArgs): Promise<void> {
  const accountNo = row?.account_no as string | null | undefined;
  if (!row || !accountNo) return;
  const channel = channelOf(event);
  if (actor.kind === 'public') {
    if (!(await spend(deps, trx, { purpose: 'query', subject: row.id, code: channel?.queryCode, now }))) return;
    const code = newActivationCode();
    await issueCode(trx, { purpose: 'activation', subject: accountNo, code, now, ttlMs: deps.security.activationCodeDays * DAY_MS });
    channel!.issuedActivationCode = code;
    return;
  }
  await sendActivationCode(deps, trx, row, accountNo, now);
}

/**
 * ACTIVATE's effect (institutions and business accounts alike): spends the
 * activation code and sets the login's password.
 *
 * @example
 * const effects = { activateLogin: (args) => activateLogin(deps, args, 'business') };
 */
export async function activateLogin(deps: InstitutionFactsDeps, { trx, row, event, now }: EffectArgs, kind: 'institution' | 'business'): Promise<void> {
  const accountNo = row?.account_no as string | null | undefined;
  if (!accountNo) return;
  const channel = channelOf(event);
  if (!(await spend(deps, trx, { purpose: 'activation', subject: accountNo, code: channel?.activationCode, now }))) return;
  if (channel?.password !== undefined) {
    const account = await trx.selectFrom('pw_accounts').select('id').where('login', '=', accountNo).where('kind', '=', kind).executeTakeFirst();
    if (account) await deps.accounts.setPassword(trx, account.id, channel.password);
  }
}

/**
 * Spends a code the facts found valid (its row is locked since). False only
 * when a host's own facts accepted the event without a valid code: then
 * there is nothing to spend, and nothing is issued or set on its strength.
 */
async function spend(
  deps: Pick<InstitutionFactsDeps, 'security'>,
  trx: Transaction<Tables>,
  args: { purpose: 'activation' | 'query'; subject: string; code: string | undefined; now: Date },
): Promise<boolean> {
  const refusal = args.code
    ? await consumeCode(trx, { purpose: args.purpose, subject: args.subject, code: args.code, now: args.now, maxAttempts: deps.security.codeMaxAttempts })
    : 'unknown';
  return refusal === null;
}

/**
 * The institution machine's effects, run by the runner once the event is
 * accepted, in the command's transaction: REGISTER / RESUBMIT store the
 * registration (files, form, the query code spent); REISSUE_CODE renews the
 * activation code; ACTIVATE spends it and sets the password; APPROVE opens the main account
 * (serial, 机构证号, check code, account, activation code by SMS);
 * disabling an institution locks out its main and business accounts and
 * ends their sessions; enabling it lets them in again, except business
 * accounts disabled on their own (old sessions stay ended: a fresh login is
 * needed).
 *
 * @example
 * const definition = { ...institutionDefinition, effects: institutionEffects({ security, accounts }) };
 */
export function institutionEffects(deps: InstitutionFactsDeps): Record<string, Effect> {
  return {
    storeRegistration: (args) => storeRegistration(deps, args),
    openMainAccount: (args) => openMainAccount(deps, args),
    renewActivationCode: (args) => renewActivationCode(deps, args),
    activateLogin: (args) => activateLogin(deps, args, 'institution'),
    lockOutAccounts: ({ trx, id, now }) => setAccountsDisabled(trx, id, true, now),
    letAccountsIn: ({ trx, id, now }) => setAccountsDisabled(trx, id, false, now),
  };
}

async function setAccountsDisabled(trx: Transaction<Tables>, institutionId: string, disabled: boolean, now: Date) {
  let query = trx.updateTable('pw_accounts').set({ disabled, updated_at: now }).where('institution_id', '=', institutionId);
  if (!disabled) {
    const ownDisabled = trx
      .selectFrom('pw_business_accounts')
      .select('account_no')
      .where('institution_id', '=', institutionId)
      .where('state', '=', 'disabled')
      .where('account_no', 'is not', null);
    query = query.where((eb) => eb.or([eb('kind', '=', 'institution'), eb('login', 'not in', ownDisabled as never)]));
  }
  await query.execute();
  if (disabled) await revokeSessions(trx, { institutionId }, now);
}
