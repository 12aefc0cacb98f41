import type { BusinessAccountFacts } from '../../machines/business-account.js';
import { checkCode, issueCode } from '../accounts/one-time-codes.js';
import { newActivationCode } from '../accounts/secrets.js';
import { revokeSessions } from '../accounts/revoke-sessions.js';
import { findBusinessLine } from '../domain/business-codes.js';
import type { Transaction } from 'kysely';
import type { Effect, EffectArgs, EffectPatch, EntityRow, FactsArgs, FactsProvider } from '../engine/workflow-definition.js';
import type { Tables } from '../persistence/schema.js';
import { validationFailed, workflowError } from '../errors.js';
import { businessAccountNo } from './account-numbers.js';
import { channelOf } from './command-channel.js';
import { activateLogin, type InstitutionFactsDeps } from './institution-facts.js';

const DAY_MS = 86_400_000;

/**
 * The business account machine's facts provider: pure reads inside the
 * command's transaction.
 *
 * - GENERATE (a read, locking the institution row): the owning institution
 *   must be activated and the business code known and not yet generated;
 *   the effect `openBusinessAccount` issues the number, creates the login
 *   without a password and hands an activation code back through the
 *   command channel (shown once).
 * - ACTIVATE (a read): whether the activation code is valid.
 *
 * Nothing is written here: the machine asks for the effects
 * `openBusinessAccount` (GENERATE), `renewActivationCode` (REISSUE_CODE: a
 * fresh code handed back the same way), `activateLogin` (ACTIVATE: the code
 * spent, the password set), `lockOutAccount` / `letAccountIn`
 * ({@link businessAccountEffects}).
 *
 * @example
 * const definition = { ...businessAccountDefinition, facts: businessAccountFacts() };
 */
export function businessAccountFacts(): FactsProvider {
  // Spread: the runner takes a plain record of facts.
  return async (args) => ({ ...(await decide(args)) });
}

async function decide(args: FactsArgs): Promise<BusinessAccountFacts> {
  const { row, event } = args;
  switch (event.type) {
    case 'GENERATE':
      return generate(args);
    case 'ACTIVATE':
      return row?.state === 'issued' ? activate(args, row) : { activationCodeValid: false };
    default:
      return {};
  }
}

async function generate(args: FactsArgs): Promise<BusinessAccountFacts> {
  const { trx, row, columns } = args;
  const institutionId = (row?.institution_id ?? columns.institution_id) as string | undefined;
  if (!institutionId) return { institutionActive: false };
  // Locked: GENERATEs of one institution queue here, so a second one for the same code sees the first.
  const institution = await trx
    .selectFrom('pw_institutions')
    .select(['state', 'serial', 'name', 'department_id'])
    .where('id', '=', institutionId)
    .forUpdate()
    .executeTakeFirst();
  const institutionActive = institution?.state === 'activated';
  // An existing row cannot be generated again: the machine refuses, nothing to prepare.
  if (row || !institution || !institutionActive || institution.serial === null) return { institutionActive };
  const line = findBusinessLine(String(columns.business_code));
  if (!line) throw validationFailed([{ field: 'businessCode', code: 'unknownBusiness', message: '业务编码不存在' }]);
  const existing = await trx
    .selectFrom('pw_business_accounts')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('business_code', '=', line.code)
    .executeTakeFirst();
  if (existing) throw workflowError('INVALID_TRANSITION', '该业务账号已生成', { state: 'issued', event: 'GENERATE' });
  return { institutionActive };
}

/**
 * GENERATE's effect: the account number `WS-<serial>-<department code>-<business code>`,
 * the login (no password yet) and an activation code handed back through the
 * command channel; the number and the department are written with the new
 * row and into the machine's context. (The institution row is already locked
 * by the facts' read.)
 */
async function openBusinessAccount(deps: InstitutionFactsDeps, args: EffectArgs): Promise<EffectPatch> {
  const { trx, columns } = args;
  const institutionId = columns.institution_id as string;
  const line = findBusinessLine(String(columns.business_code))!;
  const institution = await trx
    .selectFrom('pw_institutions as i')
    .leftJoin('pw_departments as d', 'd.id', 'i.department_id')
    .select(['i.serial', 'i.name', 'i.department_id', 'd.code as department_code'])
    .where('i.id', '=', institutionId)
    .executeTakeFirstOrThrow();
  const accountNo = businessAccountNo(institution.serial!, institution.department_code ?? '000', line.code);
  await deps.accounts.create(
    {
      kind: 'business',
      login: accountNo,
      name: `${institution.name ?? '机构'}·${line.name}`,
      institutionId,
      departmentId: institution.department_id,
      businessCode: line.code,
    },
    trx,
  );
  await issueFor(deps, args, { account_no: accountNo } as unknown as EntityRow);
  return {
    columns: { account_no: accountNo, department_id: (columns.department_id as string | null | undefined) ?? institution.department_id },
    context: { accountNo },
  };
}

async function issueFor(deps: InstitutionFactsDeps, { trx, event, now }: FactsArgs, row: EntityRow): Promise<void> {
  const accountNo = row.account_no as string | null;
  if (!accountNo) return;
  const code = newActivationCode();
  await issueCode(trx, { purpose: 'activation', subject: accountNo, code, now, ttlMs: deps.security.activationCodeDays * DAY_MS });
  const channel = channelOf(event);
  if (channel) channel.issuedActivationCode = code;
}

async function activate({ trx, event, now }: FactsArgs, row: EntityRow): Promise<BusinessAccountFacts> {
  const activationCode = channelOf(event)?.activationCode;
  const accountNo = row.account_no as string | null;
  if (!activationCode || !accountNo) return { activationCodeValid: false };
  return { activationCodeValid: (await checkCode(trx, { purpose: 'activation', subject: accountNo, code: activationCode, now })) === null };
}

/**
 * The business account machine's effects, run by the runner once the event
 * is accepted, in the command's transaction: GENERATE opens the login;
 * DISABLE / ENABLE stop it (its sessions end) or resume it — not while the
 * whole institution is disabled.
 *
 * @example
 * const definition = { ...businessAccountDefinition, effects: businessAccountEffects({ security, accounts }) };
 */
export function businessAccountEffects(deps: InstitutionFactsDeps): Record<string, Effect> {
  return {
    openBusinessAccount: (args) => openBusinessAccount(deps, args),
    // REISSUE_CODE: a fresh activation code, handed back through the command channel (shown once).
    renewActivationCode: (args) => (args.row ? issueFor(deps, args, args.row) : Promise.resolve()),
    activateLogin: (args) => activateLogin(deps, args, 'business'),
    lockOutAccount: ({ trx, row, now }) => (row ? setDisabled(trx, row, true, now) : Promise.resolve()),
    letAccountIn: ({ trx, row, now }) => (row ? setDisabled(trx, row, false, now) : Promise.resolve()),
  };
}

async function setDisabled(trx: Transaction<Tables>, row: EntityRow, disabled: boolean, now: Date) {
  const accountNo = row.account_no as string | null;
  if (!accountNo) return;
  if (!disabled) {
    const institution = await trx.selectFrom('pw_institutions').select('state').where('id', '=', row.institution_id as string).executeTakeFirst();
    if (institution?.state === 'disabled') disabled = true;
  }
  await trx.updateTable('pw_accounts').set({ disabled, updated_at: now }).where('login', '=', accountNo).where('kind', '=', 'business').execute();
  if (disabled) await revokeSessions(trx, { login: accountNo, kind: 'business' }, now);
}
