import type { Test } from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../../src/create-engine.js';
import type { Actor } from '../../src/engine/actor.js';
import { fixedClock } from '../../src/engine/clock.js';
import { openTestDatabase } from './database.js';
import { createFileStorage } from '../../src/storage/file-storage.js';
import type { Notification } from '../../src/ports/notifier.js';

const textsByEngine = new WeakMap<Engine, Notification[]>();

/**
 * The newest message of a topic (for one entity) as its recipient got it,
 * codes included. Test engines deliver through a recording notifier: the
 * outbox row itself keeps no code once delivered, as in production.
 *
 * @example
 * const { accountNo, activationCode } = (await lastText(engine, 'institution.activationCode', id))!;
 */
export async function lastText(engine: Engine, topic: string, entityId?: string): Promise<Record<string, string> | undefined> {
  await engine.dispatchOutbox();
  const found = (textsByEngine.get(engine) ?? []).filter((n) => n.topic === topic && (entityId === undefined || n.entityId === entityId)).at(-1);
  return found?.payload as Record<string, string> | undefined;
}

/** The department tree every test engine starts with. */
export const testDepartments = [
  { id: '420000', parent_id: null, name: '湖北省卫生健康委员会', level: 'province', code: '001' },
  { id: '420100', parent_id: '420000', name: '武汉市卫生健康委员会', level: 'city', code: '010' },
  { id: '420102', parent_id: '420100', name: '江岸区卫生健康局', level: 'district', code: '034' },
  { id: '420106', parent_id: '420100', name: '武昌区卫生健康局', level: 'district', code: '035' },
  { id: '420200', parent_id: '420000', name: '黄石市卫生健康委员会', level: 'city', code: '020' },
] as const;

/** Actors used across engine tests. */
export const admin: Actor = Object.freeze({ id: 'admin-1', kind: 'admin', departmentId: '420000' });
/** A district reviewer at 武汉市 (sees 江岸区 and 武昌区, not 黄石市). */
export const district: Actor = Object.freeze({ id: 'district-1', kind: 'district', departmentId: '420100' });
export const publicCaller: Actor = Object.freeze({ id: null, kind: 'public' });

/** A business-19 account of the given institution. */
export const unitOf = (institutionId: string, id = 'business-1'): Actor =>
  Object.freeze({ id, kind: 'business', institutionId, businessCode: '19' });
/** An institution main account. */
export const institutionAccount = (institutionId: string): Actor =>
  Object.freeze({ id: `inst-${institutionId}`, kind: 'institution', institutionId });
export const candidate = (id = 'candidate-1'): Actor => Object.freeze({ id, kind: 'candidate' });

/**
 * An engine on a fresh test database with a controllable clock and facts:
 * `facts.application = {...}` decides what the next command's guards see.
 */
export async function testEngine(t: Test, options: Partial<EngineOptions> = {}) {
  const database = await openTestDatabase(t);
  const clock = fixedClock('2026-03-01T08:00:00.000Z');
  const filesDir = await mkdtemp(join(tmpdir(), 'pw-files-'));
  t.teardown(() => rm(filesDir, { recursive: true, force: true }));
  const facts: Record<string, Record<string, unknown>> = { institution: {}, businessAccount: {}, application: {} };
  const delivered: Notification[] = [];
  const engine: Engine = await createEngine({
    db: database,
    clock,
    notifier: { deliver: async (n) => void delivered.push(n) },
    // Each test engine stores files in its own temporary directory.
    storage: createFileStorage(filesDir),
    facts: {
      institution: async () => facts.institution!,
      businessAccount: async () => facts.businessAccount!,
      application: async () => facts.application!,
    },
    ...options,
  });
  textsByEngine.set(engine, delivered);
  t.teardown(() => engine.close());
  await engine.db.insertInto('pw_departments').values(testDepartments.map((d) => ({ ...d }))).execute();
  return { engine, database, clock, facts, filesDir };
}

/** Registers, approves and activates an institution; returns its id. */
export async function activatedInstitution(
  engine: Engine,
  facts: Record<string, Record<string, unknown>>,
  departmentId = '420102',
): Promise<string> {
  facts.institution = { red: false, alreadyRegistered: false, accountNo: 'JG-1', activationCodeValid: true };
  const { id } = await engine.institutions.create({ type: 'REGISTER' }, publicCaller, { columns: { department_id: departmentId } });
  await engine.institutions.send(id, { type: 'APPROVE' }, admin);
  await engine.institutions.send(id, { type: 'ACTIVATE' }, publicCaller);
  facts.institution = {};
  return id;
}

/** An application in unitReview.pending entered directly by the institution's unit. */
export async function pendingApplication(
  engine: Engine,
  institutionId: string,
  columns: Record<string, unknown> = {},
): Promise<string> {
  const institution = await engine.db.selectFrom('pw_institutions').select('department_id').where('id', '=', institutionId).executeTakeFirstOrThrow();
  const { id } = await engine.applications.create({ type: 'CREATE' }, unitOf(institutionId), {
    columns: { institution_id: institutionId, candidate_id: 'candidate-1', department_id: institution.department_id, ...columns },
  });
  return id;
}
