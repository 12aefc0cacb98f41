import type { Kysely } from 'kysely';
import { consumeCode } from '../accounts/one-time-codes.js';
import { passwordProblem } from '../accounts/password.js';
import type { SecuritySettings } from '../accounts/security-settings.js';
import { publicActor, type Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import { nulCharacterIssues } from '../engine/input-text.js';
import type { TransitionRunner } from '../engine/transition-runner.js';
import { validationFailed, workflowError, type FieldIssue } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import { withChannel } from './command-channel.js';

/** What POST /activations answers. */
export interface ActivationResult {
  accountNo: string;
  kind: 'institution' | 'business';
  state: string;
  stateLabel: string;
}

export interface ActivationDeps {
  db: Kysely<Tables>;
  clock: Clock;
  security: Pick<SecuritySettings, 'codeMaxAttempts'>;
  institutions: TransitionRunner;
  businessAccounts: TransitionRunner;
}

const invalidCode = () => workflowError('INVALID_CODE', '账号或激活码错误，或激活码已使用、已过期');

/**
 * POST /activations (账号激活): an institution main account (机构证号) or a
 * business account (WS-…) is activated with its activation code, which must
 * match, be unexpired and unused, and gets its password (policy of §4.5).
 * The code is checked in a transaction of its own first, so wrong guesses
 * count (and `codeMaxAttempts` of them retire it) although the request is
 * refused; the ACTIVATE command then consumes it and sets the password in
 * its own transaction. An unknown account number is INVALID_CODE too, so
 * account numbers cannot be probed.
 *
 * @example
 * await activateAccount(deps, { accountNo: 'JG00000', activationCode: 'K7PD-3QXM-H2TW', password: 'Demo@2026' }, publicActor(ip));
 */
export async function activateAccount(
  deps: ActivationDeps,
  input: { accountNo?: unknown; activationCode?: unknown; password?: unknown },
  actor: Actor,
): Promise<ActivationResult> {
  const issues: FieldIssue[] = [];
  const accountNo = typeof input?.accountNo === 'string' ? input.accountNo.trim() : '';
  const code = typeof input?.activationCode === 'string' ? input.activationCode.trim() : '';
  if (!accountNo) issues.push({ field: 'accountNo', code: 'required', message: '账号不能为空' });
  if (!code) issues.push({ field: 'activationCode', code: 'required', message: '请输入激活码' });
  const problem = passwordProblem(input?.password);
  if (problem) issues.push(problem);
  issues.push(...nulCharacterIssues({ accountNo, activationCode: code, password: input?.password }));
  if (issues.length) throw validationFailed(issues);
  const password = input.password as string;

  const account = await deps.db
    .selectFrom('pw_accounts')
    .select(['kind', 'login'])
    .where('login', '=', accountNo)
    .where('kind', 'in', ['institution', 'business'])
    .executeTakeFirst();
  const entity = account
    ? await deps.db
        .selectFrom(account.kind === 'institution' ? 'pw_institutions' : 'pw_business_accounts')
        .select('id')
        .where('account_no', '=', account.login)
        .executeTakeFirst()
    : undefined;
  if (!account || !entity) throw invalidCode();

  const refusal = await deps.db
    .transaction()
    .execute((trx) =>
      consumeCode(trx, { purpose: 'activation', subject: account.login, code, now: deps.clock.now(), maxAttempts: deps.security.codeMaxAttempts, consume: false }),
    );
  if (refusal !== null) throw invalidCode();

  const runner = account.kind === 'institution' ? deps.institutions : deps.businessAccounts;
  const result = await runner.send(entity.id, withChannel({ type: 'ACTIVATE' }, { activationCode: code, password }), publicActor(actor.ip));
  return { accountNo: account.login, kind: account.kind as 'institution' | 'business', state: result.state, stateLabel: result.stateLabel };
}
