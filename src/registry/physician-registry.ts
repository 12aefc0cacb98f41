import { sql, type Kysely } from 'kysely';
import { normaliseCertNo, type PhysicianRecord } from '../domain/physician-record.js';
import type { Tables } from '../persistence/schema.js';
import { textArray } from './array-literals.js';

/**
 * The physician registry port (SPEC §4.6): who holds a practising
 * certificate number. The engine only reads it (teacher check, §4.4); how it
 * is filled is the implementation's business. A host replaces the default
 * with its own implementation of these two methods, e.g. one that asks a
 * provincial registry service.
 *
 * Both methods accept numbers as typed (full-width digits, spaces, lower
 * case) and normalise them with `normaliseCertNo`.
 */
export interface PhysicianRegistry {
  /**
   * The record of one certificate number, or null when the registry does not know it.
   *
   * @example
   * const record = await engine.registry.lookup('110420100012345'); // { name: '黄燕红', … } or null
   */
  lookup(certNo: string): Promise<PhysicianRecord | null>;
  /**
   * The records of several numbers at once, keyed by the *normalised*
   * number (what `indicators` expects); unknown numbers are simply absent.
   *
   * @example
   * const records = await engine.registry.lookupMany(['110420100012345', '110420100067890']);
   * records.size; // how many the registry knows
   */
  lookupMany(certNos: readonly string[]): Promise<Map<string, PhysicianRecord>>;
}

/**
 * The default registry: the `pw_physicians` table filled by
 * `importPhysicians`. `lookupMany` is one query however many numbers it is
 * given (an array parameter, not one placeholder per number, so there is no
 * limit on the count).
 *
 * @example
 * const registry = createPostgresPhysicianRegistry(database.kysely);
 * const teachers = await registry.lookupMany(['110420100012345', '１１０４２０１０００１２３４６']);
 * teachers.get('110420100012346')?.name; // '李四'
 */
export function createPostgresPhysicianRegistry(db: Kysely<Tables>): PhysicianRegistry {
  const select = () => db.selectFrom('pw_physicians').select(['cert_no', 'name', 'level', 'category', 'unit', 'status']);
  return {
    async lookup(certNo) {
      const key = normaliseCertNo(certNo);
      if (key === '') return null;
      const row = await select().where('cert_no', '=', key).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async lookupMany(certNos) {
      const keys = uniqueKeys(certNos);
      const found = new Map<string, PhysicianRecord>();
      if (keys.length === 0) return found;
      const rows = await select()
        .where('cert_no', '=', sql<string>`any(${textArray(keys)}::text[])`)
        .execute();
      for (const row of rows) found.set(row.cert_no, toRecord(row));
      return found;
    },
  };
}

/**
 * A registry held in memory, for hosts that load their registry elsewhere and
 * for tests. Records are keyed by their normalised number; a later record
 * with the same number replaces an earlier one.
 *
 * @example
 * const registry = createMemoryPhysicianRegistry([
 *   { certNo: '110420100012345', name: '张三', level: '执业医师', category: '临床', unit: '武汉市第一医院', status: '注册' },
 * ]);
 * await registry.lookup(' 110 420 100 012 345 '); // the record of 张三
 */
export function createMemoryPhysicianRegistry(records: Iterable<PhysicianRecord>): PhysicianRegistry {
  const byNumber = new Map<string, PhysicianRecord>();
  for (const record of records) {
    const certNo = normaliseCertNo(record.certNo);
    byNumber.set(certNo, { ...record, certNo });
  }
  return {
    async lookup(certNo) {
      return byNumber.get(normaliseCertNo(certNo)) ?? null;
    },
    async lookupMany(certNos) {
      const found = new Map<string, PhysicianRecord>();
      for (const key of uniqueKeys(certNos)) {
        const record = byNumber.get(key);
        if (record) found.set(key, record);
      }
      return found;
    },
  };
}

function uniqueKeys(certNos: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const certNo of certNos) {
    const key = normaliseCertNo(certNo);
    if (key !== '') keys.add(key);
  }
  return [...keys];
}

function toRecord(row: Omit<PhysicianRecord, 'certNo'> & { cert_no: string }): PhysicianRecord {
  return { certNo: row.cert_no, name: row.name, level: row.level, category: row.category, unit: row.unit, status: row.status };
}
