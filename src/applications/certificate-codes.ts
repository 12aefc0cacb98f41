import { applicationMachine, type ApplicationContext } from '../../machines/application.js';
import { stateLabel } from '../../machines/shared/introspect.js';
import { newActivationCode, normaliseCode } from '../accounts/secrets.js';
import { maskIdNumber, maskName } from '../domain/masking.js';
import type { Reader } from '../engine/workflow-definition.js';
import { validationFailed, workflowError } from '../errors.js';
import { eventLabel } from './labels.js';

/** What `GET /certificates/verify?code=` tells whoever holds a printed 试用期考核证明. */
export interface CertificateVerification {
  /** The code as printed: `K7PD-3QXM-H2TW`. */
  code: string;
  applicationId: string;
  /** When the first copy was printed. */
  issuedAt: string;
  /** Masked (赵*): the paper in the checker's hand shows the whole name. */
  candidateNameMasked: string;
  idNumberMasked: string;
  projectName: string | null;
  institutionName: string | null;
  /** The application's state now, which may have moved on since printing. */
  state: string;
  stateLabel: string;
  /** The unit's decision now (审核结果 and its date), without the explanation. */
  decision: { label: string; at: string } | null;
}

const printed = (normalised: string) => [normalised.slice(0, 4), normalised.slice(4, 8), normalised.slice(8)].join('-');

/**
 * The verification code of an application's certificate: the one issued
 * with its first print, or a new one now. Concurrent first prints agree:
 * the insert does nothing when a code exists, and the code is read back.
 *
 * @example
 * const code = await certificateCode(db, applicationId, actor.id, clock.now()); // 'K7PD-3QXM-H2TW'
 */
export async function certificateCode(db: Reader, applicationId: string, issuedBy: string | null, now: Date): Promise<string> {
  // A clash of two random 60-bit codes is not expected; the loop only makes it harmless.
  for (let attempt = 0; attempt < 5; attempt++) {
    await db
      .insertInto('pw_certificate_codes')
      .values({ application_id: applicationId, code: normaliseCode(newActivationCode()), issued_at: now, issued_by: issuedBy })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const row = await db.selectFrom('pw_certificate_codes').select('code').where('application_id', '=', applicationId).executeTakeFirst();
    if (row) return printed(row.code);
  }
  throw new Error('could not issue a certificate code');
}

/**
 * Resolves a printed code to the application's state now. A code that is
 * not 12 letters and digits is VALIDATION_FAILED; an unknown one NOT_FOUND.
 *
 * @example
 * const result = await verifyCertificateCode(db, 'k7pd 3qxm h2tw');
 * result.stateLabel; // '单位审核·审核通过'
 */
export async function verifyCertificateCode(db: Reader, code: unknown): Promise<CertificateVerification> {
  const normalised = typeof code === 'string' ? normaliseCode(code) : '';
  if (!/^[A-Z0-9]{12}$/.test(normalised)) {
    throw validationFailed([{ field: 'code', code: 'invalidFormat', message: '验证码为12位字母和数字（如 K7PD-3QXM-H2TW）' }]);
  }
  const row = await db
    .selectFrom('pw_certificate_codes as c')
    .innerJoin('pw_applications as a', 'a.id', 'c.application_id')
    .leftJoin('pw_projects as p', 'p.id', 'a.project_id')
    .leftJoin('pw_institutions as i', 'i.id', 'a.institution_id')
    .select(['c.code', 'c.issued_at', 'a.id', 'a.candidate_name', 'a.id_number', 'a.state', 'a.context', 'p.name as project_name', 'i.name as institution_name'])
    .where('c.code', '=', normalised)
    .executeTakeFirst();
  if (!row) throw workflowError('NOT_FOUND', '验证码不存在：该证明不是本平台打印的，或验证码抄写有误');
  const decision = (row.context as Partial<ApplicationContext>).decision ?? null;
  return {
    code: printed(row.code),
    applicationId: row.id,
    issuedAt: row.issued_at.toISOString(),
    candidateNameMasked: maskName(row.candidate_name ?? ''),
    idNumberMasked: maskIdNumber(row.id_number ?? ''),
    projectName: row.project_name,
    institutionName: row.institution_name,
    state: row.state,
    stateLabel: stateLabel(applicationMachine, row.state),
    decision: decision ? { label: eventLabel(decision.type), at: decision.at } : null,
  };
}
