import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { workflowError } from '../errors.js';
import { sniffFileType, type AcceptedFileType } from './file-type.js';

/** A stored file: its content address, size and sniffed type. */
export interface StoredFile {
  /** `sha256/<hex>`: equal content is stored once. */
  key: string;
  sha256: string;
  size: number;
  contentType: AcceptedFileType;
}

/**
 * Where uploaded files live. The default keeps them content-addressed
 * under the data directory; a host can put them in object storage by
 * implementing the same three methods.
 */
export interface FileStorage {
  /**
   * Streams `source` into storage while checking it: a type that is not
   * PDF, JPEG or PNG by content → UNSUPPORTED_FILE_TYPE, more than
   * `maxBytes` → FILE_TOO_LARGE. A refused file leaves nothing behind.
   */
  put(source: Readable | AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<StoredFile>;
  /** The content of a stored file, or NOT_FOUND. */
  get(key: string): Promise<Readable>;
  /**
   * Removes a file (used to clean up after a request whose transaction
   * failed). Content-addressed files may be shared, so callers remove only
   * keys no row references.
   */
  remove(key: string): Promise<void>;
}

/**
 * The default FileStorage: `<root>/sha256/ab/cd/<hash>`. Each upload is
 * written to a temporary file first and renamed into place only when
 * complete and accepted, so a crash or a refusal never leaves a partial
 * file under its final name.
 *
 * @example
 * const storage = createFileStorage(join(dataDir, 'files'));
 * const stored = await storage.put(request.file.stream(), { maxBytes: 10 * 1024 * 1024 });
 */
export function createFileStorage(root: string): FileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const match = /^sha256\/([0-9a-f]{64})$/.exec(key);
    if (!match) throw workflowError('NOT_FOUND');
    const hex = match[1]!;
    return join(base, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  };

  return {
    async put(source, { maxBytes }) {
      await mkdir(join(base, 'tmp'), { recursive: true });
      const temp = join(base, 'tmp', `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      let contentType: AcceptedFileType | null = null;
      const check = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) return done(workflowError('FILE_TOO_LARGE', `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB`));
          if (contentType === null) {
            head = Buffer.concat([head, chunk]).subarray(0, 16);
            if (head.length >= 8 || size >= 8) {
              contentType = sniffFileType(head);
              if (contentType === null) return done(workflowError('UNSUPPORTED_FILE_TYPE', '仅支持 PDF、JPEG、PNG 文件（按文件内容识别）'));
            }
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        const input = source instanceof Readable ? source : Readable.from(source);
        await pipeline(input, check, createWriteStream(temp));
        if (contentType === null) {
          contentType = sniffFileType(head);
          if (contentType === null) throw workflowError('UNSUPPORTED_FILE_TYPE', '仅支持 PDF、JPEG、PNG 文件（按文件内容识别）');
        }
        const sha256 = hash.digest('hex');
        const key = `sha256/${sha256}`;
        const target = pathOf(key);
        await mkdir(dirname(target), { recursive: true });
        await rename(temp, target);
        return { key, sha256, size, contentType };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      const path = pathOf(key);
      await stat(path).catch(() => {
        throw workflowError('NOT_FOUND', '文件不存在');
      });
      return createReadStream(path);
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
