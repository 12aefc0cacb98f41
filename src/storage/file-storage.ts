import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
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
   *
   * @example
   * import { createReadStream } from 'node:fs';
   * const { key, contentType } = await engine.storage.put(createReadStream('scan.pdf'), { maxBytes: 10 * 1024 * 1024 });
   */
  put(source: Readable | AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<StoredFile>;
  /**
   * The content of a stored file, or NOT_FOUND.
   *
   * @example
   * declare const key: string;
   * (await engine.storage.get(key)).pipe(process.stdout);
   */
  get(key: string): Promise<Readable>;
  /**
   * Removes a file (used to clean up after a request whose transaction
   * failed). Content-addressed files may be shared, so callers remove only
   * keys no row references.
   *
   * @example
   * declare const key: string;
   * await engine.storage.remove(key);
   */
  remove(key: string): Promise<void>;
  /**
   * Removes what a crashed or killed process left behind: stored files no
   * row references (the file is written before the row's transaction
   * commits, so a kill in between leaves one) and partial uploads. Files
   * this storage stored within the last hour, and files younger than the
   * grace period, are kept: their request may still be about to commit.
   * Optional for host implementations.
   *
   * @example
   * const referencedKeys = new Set<string>(); // the storage keys your rows hold
   * const { files, partials } = (await engine.storage.removeOrphans?.(async (keys) => new Set(keys.filter((k) => referencedKeys.has(k))))) ?? { files: 0, partials: 0 };
   */
  removeOrphans?(referenced: (keys: string[]) => Promise<Set<string>>): Promise<OrphanSweep>;
}

/** What removeOrphans removed. */
export interface OrphanSweep {
  /** Stored files no row referenced. */
  files: number;
  /** Partial uploads (temporary files) of requests that never finished. */
  partials: number;
}

export interface FileStorageOptions {
  /**
   * removeOrphans keeps unreferenced files younger than this (ms, default
   * 10 minutes). Another process sharing the directory may have stored one
   * for a request that has not committed yet; a directory used by one
   * process only can use 0.
   */
  orphanGraceMs?: number;
}

/**
 * The default FileStorage: `<root>/sha256/ab/cd/<hash>`. Each upload is
 * written to a temporary file first and renamed into place only when
 * complete and accepted, so a crash or a refusal never leaves a partial
 * file under its final name.
 *
 * @example
 * import { createReadStream } from 'node:fs';
 * const storage = createFileStorage('./data/files');
 * const stored = await storage.put(createReadStream('scan.pdf'), { maxBytes: 10 * 1024 * 1024 }); // { key: 'sha256/…', contentType: 'application/pdf', … }
 */
export function createFileStorage(root: string, options: FileStorageOptions = {}): FileStorage {
  const base = resolve(root);
  const graceMs = options.orphanGraceMs ?? 10 * 60_000;
  // Keys stored and temp files being written by this process: a request
  // may still commit a row for them, so removeOrphans leaves them alone.
  const recentKeys = new Map<string, number>();
  const partials = new Set<string>();
  const recentMs = 60 * 60_000;
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
      partials.add(temp);
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
      const output = createWriteStream(temp);
      try {
        const input = source instanceof Readable ? source : Readable.from(source);
        await pipeline(input, check, output);
        if (contentType === null) {
          contentType = sniffFileType(head);
          if (contentType === null) throw workflowError('UNSUPPORTED_FILE_TYPE', '仅支持 PDF、JPEG、PNG 文件（按文件内容识别）');
        }
        const sha256 = hash.digest('hex');
        const key = `sha256/${sha256}`;
        const target = pathOf(key);
        await mkdir(dirname(target), { recursive: true });
        recentKeys.set(key, Date.now());
        await rename(temp, target);
        return { key, sha256, size, contentType };
      } catch (error) {
        // pipeline rejects as soon as a stage fails (a refused first chunk),
        // while the file may still be being opened: removing it before the
        // stream has closed would leave the file the open then creates.
        if (!output.closed) await once(output, 'close').catch(() => undefined);
        await rm(temp, { force: true });
        throw error;
      } finally {
        partials.delete(temp);
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
    async removeOrphans(referenced) {
      const now = Date.now();
      for (const [key, at] of recentKeys) if (now - at > recentMs) recentKeys.delete(key);
      const old = async (path: string) => now - (await stat(path)).mtimeMs >= graceMs;
      const removed: OrphanSweep = { files: 0, partials: 0 };
      for (const name of await readdir(join(base, 'tmp')).catch(() => [] as string[])) {
        const path = join(base, 'tmp', name);
        if (!partials.has(path) && (await old(path).catch(() => false))) {
          await rm(path, { force: true });
          removed.partials++;
        }
      }
      const candidates: string[] = [];
      const flush = async () => {
        const keep = await referenced(candidates);
        for (const key of candidates) {
          if (keep.has(key) || recentKeys.has(key)) continue;
          const path = pathOf(key);
          if (!(await old(path).catch(() => false))) continue;
          await rm(path, { force: true });
          removed.files++;
        }
        candidates.length = 0;
      };
      const entries = await readdir(join(base, 'sha256'), { recursive: true }).catch(() => [] as string[]);
      for (const entry of entries) {
        const hex = /([0-9a-f]{64})$/.exec(entry)?.[1];
        if (!hex || entry !== join(hex.slice(0, 2), hex.slice(2, 4), hex)) continue;
        candidates.push(`sha256/${hex}`);
        if (candidates.length >= 500) await flush();
      }
      await flush();
      return removed;
    },
  };
}
