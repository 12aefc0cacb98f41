import type { Kysely, Transaction } from 'kysely';
import type { Readable } from 'node:stream';
import { writeAudit } from '../engine/audit-log.js';
import type { Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import type { TransitionRunner } from '../engine/transition-runner.js';
import { isUuid } from '../engine/transition-runner.js';
import type { WorkflowName } from '../engine/workflow-definition.js';
import { workflowError } from '../errors.js';
import type { Tables } from '../persistence/schema.js';
import type { FileStorage } from '../storage/file-storage.js';
import { registrationFiles } from './registration-form.js';
import type { StoredUpload } from './registration-upload.js';

/** An attachment as the API lists it (never its storage key). */
export interface AttachmentView {
  id: string;
  /** registrationForm | creditCertificate | medicalLicense | paperCertificate */
  kind: string;
  kindLabel: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  /** Set when a resubmission replaced the file; kept for the record. */
  supersededAt: string | null;
}

/** A download: what to send and how to name it. */
export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  size: number;
  stream: Readable;
}

const kindLabels: Record<string, string> = {
  ...Object.fromEntries(registrationFiles.map((f) => [f.name, f.label])),
  paperCertificate: '试用期考核证明（盖章纸质版）',
};

/**
 * Records a registration's stored files as attachments of the institution,
 * replacing (superseding) the ones of an earlier submission. Runs inside
 * the REGISTER / RESUBMIT transaction.
 *
 * @example
 * await attachRegistrationFiles(trx, institutionId, uploads, actor, now);
 */
export async function attachRegistrationFiles(
  trx: Transaction<Tables>,
  institutionId: string,
  uploads: readonly StoredUpload[],
  actor: Actor,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('pw_attachments')
    .set({ superseded_at: now })
    .where('owner_type', '=', 'institution')
    .where('owner_id', '=', institutionId)
    .where('superseded_at', 'is', null)
    .execute();
  if (uploads.length === 0) return;
  await trx
    .insertInto('pw_attachments')
    .values(
      uploads.map((u) => ({
        id: crypto.randomUUID(),
        owner_type: 'institution' as const,
        owner_id: institutionId,
        kind: u.kind,
        segment_id: null,
        file_name: u.fileName,
        content_type: u.stored.contentType,
        size: u.stored.size,
        sha256: u.stored.sha256,
        storage_key: u.stored.key,
        created_at: now,
        uploaded_by: actor.id,
        superseded_at: null,
      })),
    )
    .execute();
}

/**
 * The attachments of an entity, current ones first in form order, then
 * superseded ones newest first.
 *
 * @example
 * const files = await listAttachments(db, 'institution', institutionId);
 */
export async function listAttachments(db: Kysely<Tables>, ownerType: 'institution' | 'application', ownerId: string): Promise<AttachmentView[]> {
  const rows = await db
    .selectFrom('pw_attachments')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const order = (kind: string) => {
    const i = registrationFiles.findIndex((f) => f.name === kind);
    return i < 0 ? registrationFiles.length : i;
  };
  return rows
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: kindLabels[r.kind] ?? r.kind,
      fileName: r.file_name,
      contentType: r.content_type,
      size: r.size,
      sha256: r.sha256,
      createdAt: r.created_at.toISOString(),
      supersededAt: r.superseded_at ? r.superseded_at.toISOString() : null,
    }))
    .sort((a, b) => Number(a.supersededAt !== null) - Number(b.supersededAt !== null) || (a.supersededAt === null ? order(a.kind) - order(b.kind) : 0));
}

/**
 * Opens an attachment for download when the actor may see what it belongs
 * to (the owner's own read rule, so a district reviewer sees the files of
 * registrations in its area only), and writes the download to the audit
 * log. Anything else is NOT_FOUND, so ids do not reveal what exists.
 *
 * @example
 * const file = await downloadAttachment(deps, attachmentId, actor);
 * reply.type(file.contentType).send(file.stream);
 */
export async function downloadAttachment(
  deps: { db: Kysely<Tables>; clock: Clock; storage: FileStorage; workflows: Readonly<Record<WorkflowName, TransitionRunner>> },
  id: string,
  actor: Actor,
): Promise<AttachmentDownload> {
  if (actor.kind === 'public' || !isUuid(id)) throw workflowError('NOT_FOUND');
  const row = await deps.db.selectFrom('pw_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw workflowError('NOT_FOUND');
  // The owner's read check: NOT_FOUND when outside the actor's scope.
  await deps.workflows[row.owner_type].get(row.owner_id, actor);
  const stream = await deps.storage.get(row.storage_key);
  await writeAudit(
    deps.db,
    {
      action: 'attachment.download',
      actor,
      subjectType: 'attachment',
      subjectId: row.id,
      detail: { ownerType: row.owner_type, ownerId: row.owner_id, kind: row.kind, sha256: row.sha256 },
    },
    deps.clock.now(),
  );
  return { fileName: row.file_name, contentType: row.content_type, size: row.size, stream };
}
