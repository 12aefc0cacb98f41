import type { Kysely } from 'kysely';
import { validationFailed } from '../errors.js';
import type { Actor } from '../engine/actor.js';
import { createEventChannel } from '../engine/event-channel.js';
import type { TransitionRunner } from '../engine/transition-runner.js';
import type { EffectArgs, EffectPatch } from '../engine/workflow-definition.js';
import type { Tables } from '../persistence/schema.js';
import type { FileStorage } from '../storage/file-storage.js';
import type { UploadedFile } from './declarations.js';

/** A stored file on its way to become a segment's paper certificate. */
interface PaperUpload {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

// The stored file travels beside the event (the history records the segment and the attachment's
// id, not a storage key a caller could name).
const paperChannel = createEventChannel<PaperUpload>();

/**
 * ATTACH_PAPER's effect (the machine's action `attachPaper`): an earlier certificate of the segment
 * is marked superseded and the new attachment row written, in the command's transaction. The
 * machine has already decided who may upload, until when, in which states and for which segment.
 *
 * @example
 * const definition = { ...applicationWorkflow, effects: { attachPaper: attachPaperCertificate } };
 */
export async function attachPaperCertificate({ trx, id, event, actor, now }: EffectArgs): Promise<EffectPatch> {
  const upload = paperChannel.of(event);
  // A host sending the bare event to the runner has no file to attach.
  if (!upload) throw validationFailed([{ field: 'file', code: 'required', message: '请上传试用期考核证明盖章纸质版文件' }]);
  const segmentId = String(event.segmentId);
  await trx
    .updateTable('pw_attachments')
    .set({ superseded_at: now })
    .where('owner_type', '=', 'application')
    .where('owner_id', '=', id)
    .where('kind', '=', 'paperCertificate')
    .where('segment_id', '=', segmentId)
    .where('superseded_at', 'is', null)
    .execute();
  await trx
    .insertInto('pw_attachments')
    .values({
      id: upload.attachmentId,
      owner_type: 'application',
      owner_id: id,
      kind: 'paperCertificate',
      segment_id: segmentId,
      file_name: upload.fileName,
      content_type: upload.contentType,
      size: upload.size,
      sha256: upload.sha256,
      storage_key: upload.storageKey,
      created_at: now,
      uploaded_by: actor.id,
    })
    .execute();
  return { record: { attachmentId: upload.attachmentId, size: upload.size } };
}

/**
 * Stores a stamped paper probation certificate (试用期考核证明盖章纸质版) for
 * one segment: the machine event ATTACH_PAPER, which stays in its state.
 * Its rules are asked first, so a refused upload is not read; then the file
 * is streamed into storage (type by content, size limit) and the event sent:
 * one transaction on the locked row decides again, writes the attachment
 * (the effect), the row's new version, the history and the audit row.
 * Refused → nothing is kept (the file is removed unless another row shares it).
 *
 * @example
 * await storePaperCertificate({ db, runner, storage }, { id, segmentId: 's2', file, actor, maxBytes: 10 << 20 });
 */
export async function storePaperCertificate(
  deps: { db: Kysely<Tables>; runner: TransitionRunner; storage: FileStorage },
  input: { id: string; segmentId: string; file: UploadedFile; actor: Actor; maxBytes: number },
): Promise<string> {
  const { db, runner, storage } = deps;
  const { id, segmentId, file, actor, maxBytes } = input;
  const event = { type: 'ATTACH_PAPER', segmentId };
  // Refuse before reading a byte of the file when the answer is already known.
  await runner.check(id, event, actor);
  const stored = await storage.put(file.stream, { maxBytes });
  const attachmentId = crypto.randomUUID();
  try {
    await runner.send(
      id,
      paperChannel.attach(event, {
        attachmentId,
        fileName: cleanFileName(file.fileName),
        contentType: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
      }),
      actor,
    );
    return attachmentId;
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
