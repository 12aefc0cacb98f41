import { Readable } from 'node:stream';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../adapters/server/server.js';
import type { Engine, EngineOptions } from '../../src/create-engine.js';
import type { Actor } from '../../src/engine/actor.js';
import { publicActor } from '../../src/engine/actor.js';
import { createLogger } from '../../src/logging/logger.js';
import type { RegistrationPart } from '../../src/onboarding/registration-upload.js';
import { lastText, testEngine } from './engine.js';
import { otherCandidateInput, seedTeachers } from '../applications/fixtures.js';
import { residentId, zhaoLiuId, zhaoLiuInput } from '../domain/fixtures/seed.js';

export const password = 'Demo@2026';

/** One registered route: method and URL as Fastify knows it (`/api/v1/applications/:id`). */
export interface RouteEntry {
  method: string;
  url: string;
}

/**
 * Every route the bundled server answers — the plugin's and the server's own
 * (probes, pages, assets) — read from Fastify's route tree
 * (`printRoutes({ commonPrefix: false })`), so a route added anywhere shows
 * up here without editing the tests. HEAD twins of GET routes are left out
 * (Fastify adds them itself).
 *
 * @example
 * const routes = routeTable(w.app); // [{ method: 'GET', url: '/api/v1/me' }, …]
 */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const seen = new Set<string>();
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match || !match[2]) continue;
    const depth = [...match[1]!].length;
    while (stack.length && stack.at(-1)!.depth >= depth) stack.pop();
    const path = `${stack.at(-1)?.path ?? ''}${match[2]}`;
    stack.push({ depth, path });
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD')) {
      const key = `${method} ${path}`;
      if (!seen.has(key)) routes.push({ method, url: path });
      seen.add(key);
    }
  }
  if (routes.length === 0) throw new Error('no routes read from printRoutes()');
  return routes;
}

/** A tiny PDF recognised by content. */
export const pdf = (tag = 'a') => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj << >> endobj\n%%EOF\n`);
export const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-test')]);
export const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-test')]);

/** An institution as the registration form takes it, plus the check code the guide prints. */
export interface InstitutionFields {
  name: string;
  address: string;
  creditCode: string;
  licenseNo: string;
  adminName: string;
  adminPhone: string;
  departmentId: string;
  checkCode: string;
}

export const institutionA: InstitutionFields = {
  name: '武汉市第1911医院',
  address: '武汉市江岸区解放大道1911号',
  creditCode: '12420102MB00000016',
  licenseNo: '5252223212582111254',
  adminName: '张敏',
  adminPhone: '13871001911',
  departmentId: '420102',
  checkCode: '434148',
};
/** A second institution in the same department (江岸区). */
export const institutionB: InstitutionFields = {
  name: '武汉市江岸区第二医院',
  address: '武汉市江岸区中山大道2号',
  creditCode: '12420102MB0000002X',
  licenseNo: '4201020000000000002',
  adminName: '周华',
  adminPhone: '13871002002',
  departmentId: '420102',
  checkCode: '222222',
};
/** An institution in another department (黄石市). */
export const institutionC: InstitutionFields = {
  name: '黄石市中心医院',
  address: '黄石市黄石港区天津路1号',
  creditCode: '12420200MB00000030',
  licenseNo: '4202000000000000001',
  adminName: '吴刚',
  adminPhone: '13871003003',
  departmentId: '420200',
  checkCode: '333333',
};

function registrationParts(fields: InstitutionFields, tag: string): RegistrationPart[] {
  const { checkCode: _ignored, ...data } = fields;
  return [
    ...Object.entries(data).map(([name, value]) => ({ type: 'field' as const, name, value })),
    { type: 'field' as const, name: 'isMedical', value: 'true' },
    ...(['registrationForm', 'creditCertificate', 'medicalLicense'] as const).map((name) => ({
      type: 'file' as const,
      name,
      filename: `${name}.pdf`,
      stream: Readable.from([pdf(`${tag}-${name}`)]),
    })),
  ];
}

export interface OnboardedInstitution {
  id: string;
  mainLogin: string;
  businessLogin: string;
  attachmentIds: string[];
}

/**
 * Registers an institution with three attachments, approves it as the
 * admin, activates its main account with the texted code, generates and
 * activates business account 19 — the seed's journey through the engine.
 * Every password is {@link password}.
 */
export async function onboardInstitution(engine: Engine, fields: InstitutionFields, admin: Actor): Promise<OnboardedInstitution> {
  const { onboarding } = engine;
  const caller = publicActor('127.0.0.1');
  const { id } = await onboarding.register(registrationParts(fields, fields.creditCode), caller);
  await onboarding.sendInstitutionEvent(id, { type: 'APPROVE', reason: '材料齐全' }, admin);
  const { accountNo, activationCode } = (await lastText(engine, 'institution.activationCode', id)) as { accountNo: string; activationCode: string };
  await onboarding.activate({ accountNo, activationCode, password }, caller);
  await engine.db.updateTable('pw_institutions').set({ check_code: fields.checkCode }).where('id', '=', id).execute();
  const main = await engine.db.selectFrom('pw_accounts').select('id').where('login', '=', accountNo).executeTakeFirstOrThrow();
  const business = await onboarding.sendBusinessAccountEvent(id, '19', { type: 'GENERATE' }, { id: main.id, kind: 'institution', institutionId: id });
  await onboarding.activate({ accountNo: business.accountNo!, activationCode: business.activationCode!, password }, caller);
  const attachments = await engine.db.selectFrom('pw_attachments').select('id').where('owner_type', '=', 'institution').where('owner_id', '=', id).execute();
  return { id, mainLogin: accountNo, businessLogin: business.accountNo!, attachmentIds: attachments.map((a) => a.id) };
}

export interface CapturedLog {
  lines: string[];
}

export interface WorldOptions {
  rateLimitPublic?: number;
  engine?: Partial<EngineOptions>;
}

/**
 * The reliability world over the bundled server, with every log line the
 * engine and the server write captured in `log.lines` (after the logger's
 * own scrubbing, i.e. exactly what would reach the log file):
 *
 * - institutions A and B in 江岸区 (420102) and C in 黄石市 (420200), each
 *   onboarded with attachments, an institution main account and an active
 *   business account 19;
 * - district reviewers `wuhan` (武汉市, sees A and B) and `huangshi`, `admin`;
 * - one open project; candidates 赵六 (at A), 钱七 (at B), 孙八 (at C), each
 *   with a submitted application (unitReview.pending).
 *
 * @example
 * const w = await reliabilityWorld(t);
 * await w.app.inject({ method: 'GET', url: '/api/v1/me', headers: await w.login('admin') });
 */
export async function reliabilityWorld(t: Test, options: WorldOptions = {}) {
  const log: CapturedLog = { lines: [] };
  const logger = createLogger({ level: 'trace' }, { write: (line: string) => void log.lines.push(line) });
  const context = await testEngine(t, { logger, ...options.engine });
  const { engine } = context;
  const adminView = await engine.accounts.create({ kind: 'admin', login: 'admin', name: '省级管理员', password, departmentId: '420000' });
  await engine.accounts.create({ kind: 'district', login: 'wuhan', name: '武汉审核员', password, departmentId: '420100' });
  await engine.accounts.create({ kind: 'district', login: 'huangshi', name: '黄石审核员', password, departmentId: '420200' });
  const adminActor: Actor = { id: adminView.id, kind: 'admin', departmentId: '420000' };
  const a = await onboardInstitution(engine, institutionA, adminActor);
  const b = await onboardInstitution(engine, institutionB, adminActor);
  const c = await onboardInstitution(engine, institutionC, adminActor);
  await seedTeachers(engine);
  const project = await engine.projects.create({ name: '医师资格考试试用期考核证明申报', startsOn: '2026-02-01', approvalDeadline: '2026-03-31' }, adminActor);

  const candidates = {
    zhao: { login: zhaoLiuId, name: '赵六', input: zhaoLiuInput() },
    qian: { login: residentId('420102', '19950101', '011'), name: '钱七', input: undefined as unknown },
    sun: { login: residentId('420200', '19960202', '022'), name: '孙八', input: undefined as unknown },
  };
  candidates.qian.input = otherCandidateInput('钱七', candidates.qian.login, institutionB);
  candidates.sun.input = otherCandidateInput('孙八', candidates.sun.login, institutionC);
  const applications: Record<keyof typeof candidates, string> = { zhao: '', qian: '', sun: '' };
  for (const [key, c] of Object.entries(candidates) as [keyof typeof candidates, (typeof candidates)['zhao']][]) {
    const view = await engine.accounts.create({ kind: 'candidate', login: c.login, name: c.name, password, phone: '13812341234' });
    const actor: Actor = { id: view.id, kind: 'candidate' };
    const created = await engine.declarations.create(project.id, c.input, actor);
    await engine.declarations.send(created.id, { type: 'SUBMIT' }, actor);
    applications[key] = created.id;
  }

  const app: FastifyInstance = await buildServer({ engine, logger, rateLimitPublic: options.rateLimitPublic ?? 1_000_000 });
  t.teardown(() => app.close());
  /** Every token handed out by {@link login}, so the log check can look for them. */
  const tokens = new Set<string>();
  /** Logs in over HTTP and returns the Authorization header. */
  const login = async (who: string, pw = password) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: who, password: pw } });
    if (res.statusCode !== 201) throw new Error(`login ${who} failed: ${res.body}`);
    tokens.add(res.json().token);
    return { authorization: `Bearer ${res.json().token as string}` };
  };
  return { ...context, app, login, log, tokens, institutions: { a, b, c }, candidates, applications, projectId: project.id, adminActor };
}

export type ReliabilityWorld = Awaited<ReturnType<typeof reliabilityWorld>>;

/** A stack frame, a source path or an internal error name in a response body. */
export const stackTrace = /\bat [\w.<>]+ \(|\bat (?:file:\/\/|\/)|\.(?:ts|js|mjs):\d+|node_modules|\/work\/|\bTypeError\b|\bReferenceError\b|\bSyntaxError:|\berror: (?:relation|column|syntax)|\bpw_[a-z_]+\b/;

// A numeric secret (a 6-digit code, a phone) counts only as a whole number: the
// same digits inside a longer one (a log line's epoch-ms "time") are no leak.
function containsSecret(line: string, secret: string): boolean {
  if (!/^\d+$/.test(secret)) return line.includes(secret);
  for (let at = line.indexOf(secret); at !== -1; at = line.indexOf(secret, at + 1)) {
    const before = line[at - 1];
    const after = line[at + secret.length];
    if (!(before && /\d/.test(before)) && !(after && /\d/.test(after))) return true;
  }
  return false;
}

/**
 * Log lines that hold a secret or a personal number (SPEC §4.5: never a
 * full ID number, phone, password, token or code): the world's password,
 * every token it issued, every code and phone the notifications carried,
 * every candidate's ID number, the `extra` values, and any 18-digit ID or
 * 11-digit mobile number at all. Delivers the pending notifications first,
 * so the log notifier's lines are included.
 *
 * @example
 * t.same(await logLeaks(w), [], 'no secret in any log line');
 */
export async function logLeaks(w: ReliabilityWorld, extra: Iterable<string> = []): Promise<string[]> {
  await w.engine.dispatchOutbox();
  const secrets = new Set<string>([password, ...w.tokens, ...extra, ...Object.values(w.candidates).map((c) => c.login)]);
  for (const f of [institutionA, institutionB, institutionC]) secrets.add(f.adminPhone);
  const outbox = await w.engine.db.selectFrom('pw_outbox').select('payload').execute();
  for (const { payload } of outbox) {
    for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
      if (/code|phone|token|password/i.test(key) && typeof value === 'string' && value.length >= 6) secrets.add(value);
    }
  }
  const leaks: string[] = [];
  for (const line of w.log.lines) {
    for (const secret of secrets) if (containsSecret(line, secret)) leaks.push(`${secret.slice(0, 3)}… in ${line.slice(0, 300)}`);
    if (/(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/.test(line)) leaks.push(`ID number in ${line.slice(0, 300)}`);
    if (/(?<!\d)1[3-9]\d{9}(?!\d)/.test(line)) leaks.push(`phone number in ${line.slice(0, 300)}`);
    if (/"(password|token|activationCode|queryCode|authorization)":"(?!\[redacted\])/i.test(line)) leaks.push(`secret field in ${line.slice(0, 300)}`);
  }
  return leaks;
}
