import type { Test } from 'tap';
import { createEngine, type Engine, type EngineOptions } from '../../src/engine/engine.js';
import type { Actor } from '../../src/engine/actor.js';
import { fixedClock } from '../../src/engine/clock.js';
import { openTestDatabase } from './database.js';

/** Actors used across engine tests. */
export const admin: Actor = Object.freeze({ id: 'admin-1', kind: 'admin', departmentId: null });
export const district: Actor = Object.freeze({ id: 'district-1', kind: 'district', departmentId: null });
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
  const facts: Record<string, Record<string, unknown>> = { institution: {}, businessAccount: {}, application: {} };
  const engine: Engine = await createEngine({
    db: database,
    clock,
    facts: {
      institution: async () => facts.institution!,
      businessAccount: async () => facts.businessAccount!,
      application: async () => facts.application!,
    },
    ...options,
  });
  t.teardown(() => engine.close());
  return { engine, database, clock, facts };
}

/** Registers, approves and activates an institution; returns its id. */
export async function activatedInstitution(engine: Engine, facts: Record<string, Record<string, unknown>>): Promise<string> {
  facts.institution = { red: false, alreadyRegistered: false, accountNo: 'JG-1', activationCodeValid: true };
  const { id } = await engine.institutions.create({ type: 'REGISTER' }, publicCaller);
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
  const { id } = await engine.applications.create({ type: 'CREATE' }, unitOf(institutionId), {
    columns: { institution_id: institutionId, candidate_id: 'candidate-1', ...columns },
  });
  return id;
}
