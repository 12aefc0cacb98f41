import type { Kysely } from 'kysely';
import type { ApplicationData } from '../domain/application-data.js';
import { validationFailed, workflowError } from '../errors.js';
import { isProbationUnit, type Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import type { TransitionRunner } from '../engine/transition-runner.js';
import type { EntityRow } from '../engine/workflow-definition.js';
import type { Tables } from '../persistence/schema.js';
import type { FileStorage } from '../storage/file-storage.js';
import { writeAudit } from '../engine/audit-log.js';
import type { UploadedFile } from './declarations.js';

/**
 * Whether `actor` may upload a paper certificate for `segmentId` of the
 * application now: the candidate for their own declaration, the unit for
 * its direct entries (as for EDIT); before the unit's decision is reported;
 * before the deadline; for a segment that is not the current one (the
 * current institution vouches for its own teacher).
 */
function checkUpload(row: EntityRow, actor: Actor, segmentId: string, now: Date): void {
  const byUnit = row.entry_mode === 'unit';
  const owner = byUnit
    ? isProbationUnit(actor, (row.institution_id as string | null) ?? null)
    : actor.kind === 'candidate' && actor.id !== null && actor.id === row.candidate_id;
  if (!owner) {
    throw workflowError('FORBIDDEN', byUnit ? '单位直接录入的申报由单位上传纸质证明' : '纸质证明由考生本人上传', { rule: 'paperCertificateUploader' });
  }
  if (row.due_at && now.getTime() >= new Date(row.due_at as Date).getTime()) {
    throw workflowError('DEADLINE_PASSED', undefined, { rule: 'beforeDeadline' });
  }
  if (row.state !== 'draft' && !row.state.startsWith('unitReview.')) {
    throw workflowError('INVALID_TRANSITION', `当前状态（${row.state}）不能再上传纸质证明`, { state: row.state, event: 'PAPER_CERTIFICATE' });
  }
  const segment = (row.data as ApplicationData | null)?.segments.find((s) => s.id === segmentId);
  if (!segment) throw workflowError('NOT_FOUND', '试用机构不存在', { segmentId });
  if (segment.current) {
    throw validationFailed([{ field: 'segmentId', code: 'currentSegment', message: '当前试用机构无需上传试用期考核证明纸质版' }]);
  }
}

/**
 * Stores a stamped paper probation certificate (试用期考核证明盖章纸质版) for
 * one segment. The file is streamed into storage first (type by content,
 * size limit), then, in one transaction on the locked application row, the
 * checks are repeated, an earlier certificate of the segment is marked
 * superseded, the attachment row and an audit row are written. Refused →
 * nothing is kept (the file is removed unless another row shares it).
 *
 * @example
 * await storePaperCertificate({ db, clock, runner, storage }, { id, segmentId: 's2', file, actor, maxBytes: 10 << 20 });
 */
export async function storePaperCertificate(
  deps: { db: Kysely<Tables>; clock: Clock; runner: TransitionRunner; storage: FileStorage },
  input: { id: string; segmentId: string; file: UploadedFile; actor: Actor; maxBytes: number },
): Promise<string> {
  const { db, clock, runner, storage } = deps;
  const { id, segmentId, file, actor, maxBytes } = input;
  const view = await runner.get(id, actor);
  // Refuse before reading a byte of the file when the answer is already known.
  checkUpload(view.row, actor, segmentId, clock.now());
  const stored = await storage.put(file.stream, { maxBytes });
  try {
    return await db.transaction().execute(async (trx) => {
      const row = (await trx.selectFrom('pw_applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as
        | EntityRow
        | undefined;
      if (!row) throw workflowError('NOT_FOUND');
      const now = clock.now();
      checkUpload(row, actor, segmentId, now);
      await trx
        .updateTable('pw_attachments')
        .set({ superseded_at: now })
        .where('owner_type', '=', 'application')
        .where('owner_id', '=', id)
        .where('kind', '=', 'paperCertificate')
        .where('segment_id', '=', segmentId)
        .where('superseded_at', 'is', null)
        .execute();
      const attachmentId = crypto.randomUUID();
      await trx
        .insertInto('pw_attachments')
        .values({
          id: attachmentId,
          owner_type: 'application',
          owner_id: id,
          kind: 'paperCertificate',
          segment_id: segmentId,
          file_name: cleanFileName(file.fileName),
          content_type: stored.contentType,
          size: stored.size,
          sha256: stored.sha256,
          storage_key: stored.key,
          created_at: now,
          uploaded_by: actor.id,
        })
        .execute();
      await writeAudit(
        trx,
        { action: 'application.paperCertificate.upload', actor, subjectType: 'application', subjectId: id, detail: { segmentId, attachmentId, size: stored.size } },
        now,
      );
      return attachmentId;
    });
  } catch (error) {
    const shared = await db.selectFrom('pw_attachments').select('id').where('storage_key', '=', stored.key).executeTakeFirst();
    if (!shared) await storage.remove(stored.key);
    throw error;
  }
}

/** A file name for display: the last path part, control characters gone, at most 200 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'paper-certificate';
}
