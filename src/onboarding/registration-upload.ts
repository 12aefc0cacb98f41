import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import type { FieldIssue } from '../errors.js';
import { nulCharacterIssues } from '../engine/input-text.js';
import type { Tables } from '../persistence/schema.js';
import type { FileStorage, StoredFile } from '../storage/file-storage.js';
import { extensionOf } from '../storage/file-type.js';
import { registrationFields, registrationFiles, type RegistrationFileKind } from './registration-form.js';

/**
 * One part of a registration request, in the order the client sent it: a
 * text field, or a file whose content is read exactly once, as it arrives
 * (multipart parts cannot be buffered whole or read out of order).
 */
export type RegistrationPart =
  | { type: 'field'; name: string; value: string }
  | { type: 'file'; name: string; filename: string; stream: Readable | AsyncIterable<Uint8Array> };

/** A file of a registration, already in the FileStorage. */
export interface StoredUpload {
  kind: RegistrationFileKind;
  /** The client's file name, cleaned for display and downloads. */
  fileName: string;
  stored: StoredFile;
}

/** The text fields, the problems found while reading, and nothing else: files go to `uploads`. */
export interface ReceivedParts {
  fields: Record<string, string>;
  issues: FieldIssue[];
}

// queryCode: the texted 申请查询 code that proves a resubmission comes from the registered phone.
const fieldNames = new Set<string>([...registrationFields.map((f) => f.name), 'queryCode']);
const fileNames = new Set<string>(registrationFiles.map((f) => f.name));

/**
 * Reads the parts of a registration: text fields are collected, each
 * expected file is streamed into `storage` (sniffed by content, size
 * checked) and pushed onto `uploads` as soon as it is stored, so the
 * caller can remove it again if anything later fails. A refused file
 * (UNSUPPORTED_FILE_TYPE, FILE_TOO_LARGE) stops the reading by throwing;
 * unknown or repeated parts are reported as field issues.
 *
 * @example
 * const uploads: StoredUpload[] = [];
 * try { const { fields, issues } = await receiveRegistrationParts(parts, storage, 10 << 20, uploads); }
 * catch (e) { await discardUnreferenced(db, storage, uploads); throw e; }
 */
export async function receiveRegistrationParts(
  parts: AsyncIterable<RegistrationPart> | Iterable<RegistrationPart>,
  storage: FileStorage,
  maxBytes: number,
  uploads: StoredUpload[],
): Promise<ReceivedParts> {
  const fields: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for await (const part of parts) {
    if (part.type === 'field') {
      if (!fieldNames.has(part.name)) issues.push({ field: part.name, code: 'unrecognized', message: `不支持的字段：${part.name}` });
      else if (part.name in fields) issues.push({ field: part.name, code: 'duplicate', message: '字段重复提交' });
      else fields[part.name] = typeof part.value === 'string' ? part.value : '';
      continue;
    }
    if (!fileNames.has(part.name) || uploads.some((u) => u.kind === part.name)) {
      issues.push(
        fileNames.has(part.name)
          ? { field: part.name, code: 'duplicate', message: '同一附件只能上传一个文件' }
          : { field: part.name, code: 'unrecognized', message: `不支持的附件：${part.name}` },
      );
      // The rest of the request lies behind this part: read it to get there.
      for await (const _ of part.stream) void _;
      continue;
    }
    const stored = await storage.put(part.stream, { maxBytes });
    const kind = part.name as RegistrationFileKind;
    uploads.push({ kind, fileName: cleanFileName(part.filename, kind, stored.contentType), stored });
  }
  issues.push(...nulCharacterIssues(fields));
  return { fields, issues };
}

/**
 * A client file name fit to store and show: no directories, no control
 * characters, at most 200 characters; a name-less file is called after its kind.
 *
 * @example
 * cleanFileName('C:\\scan\\申请表.pdf', 'registrationForm', 'application/pdf'); // '申请表.pdf'
 */
export function cleanFileName(name: string | undefined, kind: string, contentType: keyof typeof extensionOf): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base.replace(/[\u0000-\u001f\u007f]/g, '').trim()].slice(0, 200).join('');
  return clean || `${kind}${extensionOf[contentType]}`;
}

/**
 * Removes stored files that no attachment row references, after a request
 * that stored them failed or was a replay. Content-addressed files are
 * shared: a file another registration also uploaded stays.
 *
 * @example
 * await discardUnreferenced(engine.db, engine.storage, uploads);
 */
export async function discardUnreferenced(db: Kysely<Tables>, storage: FileStorage, uploads: readonly StoredUpload[]): Promise<void> {
  for (const key of new Set(uploads.map((u) => u.stored.key))) {
    const referenced = await db.selectFrom('pw_attachments').select('id').where('storage_key', '=', key).limit(1).executeTakeFirst();
    if (!referenced) await storage.remove(key);
  }
}
