import type { Kysely } from 'kysely';
import { isPractisingStatus, normaliseCertNo } from '../domain/physician-record.js';
import { sameName } from '../domain/name-normalise.js';
import { validationFailed, workflowError } from '../errors.js';
import type { Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import type { Tables } from '../persistence/schema.js';
import { writeAudit } from '../engine/audit-log.js';
import { importPhysicians, type CsvSource, type ImportPhysiciansResult } from './csv-import.js';
import type { PhysicianRegistry } from './physician-registry.js';

/** What GET /physicians/verify answers: whether a name and certificate number agree, never whose number it is. */
export interface PhysicianVerification {
  certNo: string;
  /** green: the registry holds the number under that name. */
  level: 'green' | 'red';
  result: 'match' | 'unknownNumber' | 'nameMismatch';
  label: string;
  /** Only for a match: the physician's level, category and whether the registration is current. */
  physician?: { level: string; category: string; practising: boolean };
}

/** The registry as the API uses it: CSV import (admin) and teacher verification. */
export interface Physicians {
  /**
   * @example
   * import { createReadStream } from 'node:fs';
   * const result = await engine.physicians.import(createReadStream('physicians.csv'), admin);
   */
  import(source: CsvSource, actor: Actor): Promise<ImportPhysiciansResult>;
  /**
   * @example
   * const verdict = await engine.physicians.verify({ name: '黄燕红', certNo: '110420100012345' }, unit);
   */
  verify(input: { name: unknown; certNo: unknown }, actor: Actor): Promise<PhysicianVerification>;
}

/**
 * Creates the physician service over the registry port. Import writes the
 * default table and is audited as an export/import action.
 *
 * @example
 * const result = await engine.physicians.import(createReadStream('physicians.csv'), admin);
 * await engine.physicians.verify({ name: '李四', certNo: '110420100012346' }, reviewer);
 */
export function createPhysicians(deps: { db: Kysely<Tables>; registry: PhysicianRegistry; clock: Clock }): Physicians {
  return {
    async import(source, actor) {
      if (actor.kind !== 'admin') throw workflowError('FORBIDDEN', '只有管理员可以导入医师库', { rule: 'role', allowedRoles: ['admin'] });
      const result = await importPhysicians(deps.db, source, { now: deps.clock.now() });
      await writeAudit(
        deps.db,
        {
          action: 'physicians.import',
          actor,
          subjectType: 'registry',
          detail: { lines: result.lines, inserted: result.inserted, updated: result.updated, rejected: result.rejectedTotal },
        },
        deps.clock.now(),
      );
      return result;
    },

    async verify(input, actor) {
      if (actor.kind === 'public' || actor.kind === 'system') throw workflowError('UNAUTHENTICATED');
      const name = typeof input.name === 'string' ? input.name.trim() : '';
      const certNo = typeof input.certNo === 'string' ? normaliseCertNo(input.certNo) : '';
      const issues = [
        ...(name ? [] : [{ field: 'name', code: 'required', message: '请填写带教老师姓名' }]),
        ...(certNo ? [] : [{ field: 'certNo', code: 'required', message: '请填写医师执业证书编码' }]),
      ];
      if (issues.length) throw validationFailed(issues);
      const record = await deps.registry.lookup(certNo);
      if (!record) return { certNo, level: 'red', result: 'unknownNumber', label: '执业证书号在医师库中不存在' };
      if (!sameName(record.name, name)) return { certNo, level: 'red', result: 'nameMismatch', label: '带教老师姓名与执业证书号不符' };
      return {
        certNo,
        level: 'green',
        result: 'match',
        label: '带教老师姓名与执业证书号符合',
        physician: { level: record.level, category: record.category, practising: isPractisingStatus(record.status) },
      };
    },
  };
}
