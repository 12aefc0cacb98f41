import type { Kysely } from 'kysely';
import type { Actor } from '../engine/actor.js';
import { writeAudit } from '../engine/audit-log.js';
import type { ApplicationData } from '../domain/application-data.js';
import { isWorkflowError, workflowError } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import { currentSegment, resolveCurrentInstitution, type BoundInstitution } from './institution-binding.js';

/** The audit action of a wrong 登记号 + 校验码 pair entered by a candidate. */
export const checkCodeFailedAction = 'application.checkCodeFailed';
const windowMs = 60 * 60_000;

/**
 * Binds the current segment like resolveCurrentInstitution, but a candidate
 * gets at most `maxAttempts` wrong pairs an hour, across creations and edits
 * (the 6-digit 校验码 could otherwise be guessed, ~10⁶ tries at ~30/s). Past
 * the limit every attempt — the right code too — is RATE_LIMITED until the
 * oldest failure of the window is an hour old; `retryAfterSeconds` says when.
 * Each wrong attempt is audited, in a statement of its own: the refused
 * command itself changes nothing. Business accounts hold the code and are not limited.
 *
 * @example
 * const institution = await bindWithAttemptLimit(db, data, candidate, clock.now(), 10);
 */
export async function bindWithAttemptLimit(db: Kysely<Tables>, data: ApplicationData, actor: Actor, now: Date, maxAttempts: number): Promise<BoundInstitution> {
  if (actor.kind !== 'candidate' || !actor.id) return resolveCurrentInstitution(db, data);
  const failures = await db
    .selectFrom('pw_audit')
    .select('at')
    .where('action', '=', checkCodeFailedAction)
    .where('actor_id', '=', actor.id)
    .where('at', '>', new Date(now.getTime() - windowMs))
    .orderBy('at', 'desc')
    .limit(maxAttempts)
    .execute();
  if (failures.length >= maxAttempts) {
    const oldest = failures[failures.length - 1]!.at;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000));
    throw workflowError('RATE_LIMITED', `校验码错误次数过多，请${Math.ceil(retryAfterSeconds / 60)}分钟后再试`, { rule: 'checkCodeAttempts', retryAfterSeconds });
  }
  try {
    return await resolveCurrentInstitution(db, data);
  } catch (error) {
    if (isWorkflowError(error) && error.code === 'INSTITUTION_CHECK_FAILED') {
      await writeAudit(db, { action: checkCodeFailedAction, actor, subjectType: 'institution', subjectId: null, detail: { registrationNo: currentSegment(data).registrationNo } }, now);
    }
    throw error;
  }
}
