import type { Kysely, Selectable } from 'kysely';
import { businessAccountMachine } from '../../machines/business-account.js';
import { eventMeta, stateLabel } from '../../machines/shared/introspect.js';
import { businessLines, findBusinessLine } from '../domain/business-codes.js';
import type { Actor } from '../engine/actor.js';
import { isUuid, type SendOptions, type TransitionRunner, type WorkflowEvent } from '../engine/transition-runner.js';
import { inOrganisationScope, type Scope } from '../engine/workflow-definition.js';
import { validationFailed, workflowError } from '../errors.js';
import type { BusinessAccountTable, Tables } from '../persistence/schema.js';
import { withChannel, type CommandChannel } from './command-channel.js';

/** One row of the seed's 业务账号 table. */
export interface BusinessAccountRow {
  /** 序号 */
  seq: number;
  businessCode: string;
  businessName: string;
  /** The account's entity id; null until generated. */
  id: string | null;
  /** `WS-…`; null until generated (the seed's 点我生成). */
  accountNo: string | null;
  /** `unissued` until generated. */
  state: string;
  stateLabel: string;
  /** 是否激活: a password was set with the activation code. */
  activated: boolean;
  version: number;
}

/** What an event on a business account answers: the row, and a new activation code once. */
export interface BusinessAccountEventResult extends BusinessAccountRow {
  /** GENERATE and REISSUE_CODE: the activation code, shown this once; null otherwise or on a replay. */
  activationCode: string | null;
}

export interface BusinessAccountDeps {
  db: Kysely<Tables>;
  scope: Scope;
  businessAccounts: TransitionRunner;
}

const rowOf = (seq: number, code: string, name: string, row: Selectable<BusinessAccountTable> | undefined): BusinessAccountRow => ({
  seq,
  businessCode: code,
  businessName: name,
  id: row?.id ?? null,
  accountNo: row?.account_no ?? null,
  state: row?.state ?? 'unissued',
  stateLabel: stateLabel(businessAccountMachine, row?.state ?? 'unissued'),
  activated: typeof (row?.context as { activatedAt?: unknown } | undefined)?.activatedAt === 'string',
  version: row?.version ?? 0,
});

const uniqueViolation = (e: unknown) => (e as { code?: unknown })?.code === '23505';

/** The institution, when the actor may see it; NOT_FOUND otherwise (neither reads nor events reveal what exists). */
async function visibleInstitution(deps: BusinessAccountDeps, institutionId: string, actor: Actor) {
  const institution = isUuid(institutionId)
    ? await deps.db.selectFrom('pw_institutions').select(['id', 'department_id']).where('id', '=', institutionId).executeTakeFirst()
    : undefined;
  if (!institution || !(await inOrganisationScope(actor, institution.id, institution.department_id, deps.scope))) {
    throw workflowError('NOT_FOUND');
  }
  return institution;
}

/**
 * GET /institutions/:id/business-accounts: the ten rows of the seed's
 * table in its order, generated or not, for the institution's own
 * accounts, its district reviewers and admins.
 *
 * @example
 * const rows = await listBusinessAccounts(deps, institutionId, actor); // rows[6].businessCode === '19'
 */
export async function listBusinessAccounts(deps: BusinessAccountDeps, institutionId: string, actor: Actor): Promise<BusinessAccountRow[]> {
  await visibleInstitution(deps, institutionId, actor);
  const rows = await deps.db.selectFrom('pw_business_accounts').selectAll().where('institution_id', '=', institutionId).execute();
  return businessLines.map((line) => rowOf(line.seq, line.code, line.name, rows.find((r) => r.business_code === line.code)));
}

/**
 * POST /institutions/:id/business-accounts/:code/events: GENERATE (点我生成)
 * creates the account `WS-<serial>-<department code>-<code>` and returns
 * its activation code once; REISSUE_CODE returns a new one (the old one
 * stops working); DISABLE / ENABLE. Only the institution's own main
 * account generates and reissues, and only once the institution is
 * activated (INSTITUTION_NOT_ACTIVE); an account that cannot see the
 * institution gets NOT_FOUND, as for a missing id.
 *
 * @example
 * const { accountNo, activationCode } = await sendBusinessAccountEvent(deps, institutionId, '19', { type: 'GENERATE' }, mainAccount);
 */
export async function sendBusinessAccountEvent(
  deps: BusinessAccountDeps,
  institutionId: string,
  businessCode: string,
  event: WorkflowEvent,
  actor: Actor,
  options: SendOptions = {},
): Promise<BusinessAccountEventResult> {
  const line = findBusinessLine(businessCode);
  if (!line) throw workflowError('NOT_FOUND', '业务编码不存在');
  const institution = await visibleInstitution(deps, institutionId, actor);
  const find = () =>
    deps.db
      .selectFrom('pw_business_accounts')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .where('business_code', '=', line.code)
      .executeTakeFirst();
  const existing = await find();
  const channel: CommandChannel = {};
  const sent = withChannel({ ...event }, channel);
  // Creations are keyed per workflow and actor: the key is scoped to the account, and used alike
  // afterwards, so a retried GENERATE finds its first result whether or not the row exists by then.
  const idempotencyKey = options.idempotencyKey === undefined ? undefined : `${institution.id}:${line.code}:${options.idempotencyKey}`;
  if (existing) {
    await deps.businessAccounts.send(existing.id, sent, actor, { ...options, idempotencyKey });
  } else if (event.type === 'GENERATE') {
    if (options.expectedVersion !== undefined && options.expectedVersion !== 0) {
      throw workflowError('VERSION_CONFLICT', undefined, { expectedVersion: options.expectedVersion, version: 0 });
    }
    try {
      await deps.businessAccounts.create(sent, actor, {
        columns: { institution_id: institution.id, business_code: line.code, department_id: institution.department_id },
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      });
    } catch (error) {
      // Generated by a concurrent request a moment ago.
      if (uniqueViolation(error)) throw workflowError('INVALID_TRANSITION', '该业务账号已生成', { state: 'issued', event: 'GENERATE' });
      throw error;
    }
  } else {
    if (!eventMeta(businessAccountMachine, String(event.type))) {
      throw validationFailed([{ field: 'type', code: 'unknownEvent', message: `未知的事件类型：${String(event.type)}` }]);
    }
    throw workflowError('INVALID_TRANSITION', `当前状态（unissued）不接受 ${String(event.type)}`, { state: 'unissued', event: event.type });
  }
  return { ...rowOf(line.seq, line.code, line.name, await find()), activationCode: channel.issuedActivationCode ?? null };
}
