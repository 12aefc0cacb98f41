import { CompiledQuery, type Kysely, type Selectable, type Transaction } from 'kysely';
import { parseResidentId } from '../domain/id-card.js';
import { chinaDateOf } from '../domain/calendar-date.js';
import { maskIdNumber, maskPhone } from '../domain/masking.js';
import { parseMobile } from '../domain/mobile.js';
import { isPlausiblePersonName, normaliseName } from '../domain/name-normalise.js';
import { validationFailed, workflowError, type FieldIssue } from '../errors.js';
import { nulCharacterIssues } from '../engine/input-text.js';
import { isUuid } from '../engine/transition-runner.js';
import type { Actor } from '../engine/actor.js';
import type { Clock } from '../engine/clock.js';
import type { Tables } from '../persistence/schema.js';
import { prepared } from '../persistence/prepared-statements.js';
import { writeAudit } from '../engine/audit-log.js';
import type { Departments } from './departments.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { hashSecret, newToken } from './secrets.js';
import type { SecuritySettings } from './security-settings.js';
import type { AccountTable } from './tables.js';
import { createPhantomLocks } from './phantom-locks.js';

type AccountRow = Selectable<AccountTable>;

/** An account as the API shows it: never the password hash, IDs and phones masked. */
export interface AccountView {
  id: string;
  kind: AccountTable['kind'];
  /** The login; a candidate's 身份证号 is masked. */
  login: string;
  name: string;
  departmentId: string | null;
  institutionId: string | null;
  businessCode: string | null;
  phoneMasked: string | null;
  activated: boolean;
}

/** GET /me: the account with its department and institution. */
export interface MeView {
  account: AccountView;
  department: { id: string; name: string; level: string } | null;
  institution: { id: string; state: string } | null;
}

export interface NewAccount {
  kind: AccountTable['kind'];
  login: string;
  name: string;
  /** Omitted for accounts that are activated later with a code. */
  password?: string;
  departmentId?: string | null;
  institutionId?: string | null;
  businessCode?: string | null;
  phone?: string | null;
}

/** What a successful login returns. */
export interface SessionGrant {
  token: string;
  expiresAt: string;
  account: AccountView;
}

/** Accounts, logins and sessions (SPEC §2, §4.5, §5.1). */
export interface Accounts {
  /**
   * Creates an account (admin tooling, demo seeding, onboarding). Validates the password if one is given.
   *
   * @example
   * await engine.accounts.create({ kind: 'district', login: 'wuhan', name: '武汉市考区审核员', password: 'Demo@2026', departmentId: '420100' });
   */
  create(input: NewAccount, trx?: Transaction<Tables>): Promise<AccountView>;
  /**
   * POST /candidates: a candidate registers with 身份证号, name, phone and password.
   *
   * @example
   * await engine.accounts.registerCandidate({ idNumber: '140105199001097932', name: '赵六', phone: '13812341234', password: 'Demo@2026' }, request.ip);
   */
  registerCandidate(input: { idNumber: unknown; name: unknown; phone: unknown; password: unknown }, ip?: string | null): Promise<AccountView>;
  /**
   * POST /sessions. Five failures in a row lock the account (ACCOUNT_LOCKED).
   *
   * @example
   * const { token, expiresAt } = await engine.accounts.login({ login: 'admin', password: 'Demo@2026' }, request.ip);
   */
  login(input: { login: unknown; password: unknown }, ip?: string | null): Promise<SessionGrant>;
  /**
   * The actor behind a bearer token, or null when the token is unknown, revoked or expired.
   *
   * @example
   * declare const token: string;
   * const caller = await engine.accounts.authenticate(token, request.ip); // null when unknown or expired
   */
  authenticate(token: string, ip?: string | null): Promise<Actor | null>;
  /**
   * DELETE /sessions/current.
   *
   * @example
   * declare const token: string;
   * await engine.accounts.logout(token);
   */
  logout(token: string): Promise<void>;
  /**
   * @example
   * const { account, department, institution } = await engine.accounts.me(actor);
   */
  me(actor: Actor): Promise<MeView>;
  /**
   * Sets a new password (policy enforced) inside the caller's transaction; used by activation.
   *
   * @example
   * declare const accountId: string;
   * await engine.db.transaction().execute((trx) => engine.accounts.setPassword(trx, accountId, 'New@2026pass'));
   */
  setPassword(trx: Transaction<Tables>, accountId: string, password: unknown): Promise<void>;
}

const invalidLogin = () => workflowError('UNAUTHENTICATED', '账号或密码错误');

/**
 * Normalises what people type as a login: surrounding spaces go, and a
 * resident ID's lower-case x becomes X so both spellings find the account.
 */
export function normaliseLogin(login: string): string {
  const trimmed = login.trim();
  return /^\d{17}[\dxX]$/.test(trimmed) ? trimmed.toUpperCase() : trimmed;
}

function view(row: AccountRow): AccountView {
  return {
    id: row.id,
    kind: row.kind,
    login: row.kind === 'candidate' ? maskIdNumber(row.login) : row.login,
    name: row.name,
    departmentId: row.department_id,
    institutionId: row.institution_id,
    businessCode: row.business_code,
    phoneMasked: row.phone ? maskPhone(row.phone) : null,
    activated: row.password_hash !== null,
  };
}

// Every authenticated request runs this look-up: a registered statement, built once and parsed once
// per connection, instead of a query compiled on every request.
const sessionLookup = prepared(`select s.token_hash, s.last_seen_at, s.expires_at, s.revoked_at,
    a.id, a.kind, a.department_id, a.institution_id, a.business_code, a.disabled
  from pw_sessions s join pw_accounts a on a.id = s.account_id where s.token_hash = $1`);

interface SessionLookupRow {
  token_hash: string;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  id: string;
  kind: Actor['kind'];
  department_id: string | null;
  institution_id: string | null;
  business_code: string | null;
  disabled: boolean;
}

/**
 * Creates the accounts service.
 *
 * @example
 * const accounts = createAccounts({ db, clock, security: defaultSecuritySettings, departments });
 * const { token } = await accounts.login({ login: 'admin', password: 'Demo@2026' }, '127.0.0.1');
 * const actor = await accounts.authenticate(token);
 */
export function createAccounts(deps: {
  db: Kysely<Tables>;
  clock: Clock;
  security: SecuritySettings;
  departments: Departments;
}): Accounts {
  const { db, clock, security } = deps;
  const phantomLocks = createPhantomLocks({ maxFailures: security.maxFailedLogins, lockMs: security.lockMinutes * 60_000 });

  const insert = async (trx: Kysely<Tables> | Transaction<Tables>, input: NewAccount): Promise<AccountView> => {
    const issues: FieldIssue[] = [];
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password);
      if (problem) issues.push(problem);
    }
    if (!input.login.trim()) issues.push({ field: 'login', code: 'required', message: '请输入账号' });
    if (!input.name.trim()) issues.push({ field: 'name', code: 'required', message: '请输入姓名' });
    if (issues.length) throw validationFailed(issues);
    const now = clock.now();
    const row = {
      id: crypto.randomUUID(),
      kind: input.kind,
      login: normaliseLogin(input.login),
      name: input.name.trim(),
      password_hash: input.password === undefined ? null : await hashPassword(input.password),
      department_id: input.departmentId ?? null,
      institution_id: input.institutionId ?? null,
      business_code: input.businessCode ?? null,
      phone: input.phone ?? null,
      created_at: now,
      updated_at: now,
    };
    const inserted = await trx
      .insertInto('pw_accounts')
      .values(row)
      .onConflict((oc) => oc.column('login').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) throw validationFailed([{ field: 'login', code: 'taken', message: '该账号已存在' }]);
    return view(inserted as AccountRow);
  };

  return {
    create: (input, trx) => insert(trx ?? db, input),

    async registerCandidate(input, ip) {
      const issues: FieldIssue[] = [];
      const today = chinaDateOf(clock.now());
      const id = parseResidentId(typeof input.idNumber === 'string' ? input.idNumber : '', { today });
      if (!id.ok) issues.push({ field: 'idNumber', code: id.code, message: id.message });
      const name = typeof input.name === 'string' ? normaliseName(input.name) : '';
      if (!isPlausiblePersonName(name)) issues.push({ field: 'name', code: 'invalidName', message: '请输入真实姓名' });
      const phone = parseMobile(typeof input.phone === 'string' ? input.phone : '');
      if (!phone.ok) issues.push({ field: 'phone', code: phone.code, message: phone.message });
      const problem = passwordProblem(input.password);
      if (problem) issues.push(problem);
      if (issues.length || !id.ok || !phone.ok) throw validationFailed(issues);
      const account = await db.transaction().execute(async (trx) => {
        const created = await insert(trx, {
          kind: 'candidate',
          login: id.value,
          name,
          password: input.password as string,
          phone: phone.value,
        }).catch((error) => {
          if ((error as { code?: string }).code === 'VALIDATION_FAILED') {
            throw validationFailed([{ field: 'idNumber', code: 'taken', message: '该身份证号已注册' }]);
          }
          throw error;
        });
        await writeAudit(trx, { action: 'account.register', actor: { id: created.id, kind: 'candidate', ip: ip ?? null }, subjectType: 'account', subjectId: created.id }, clock.now());
        return created;
      });
      return account;
    },

    async login(input, ip) {
      if (typeof input.login !== 'string' || typeof input.password !== 'string' || !input.login.trim() || !input.password) {
        throw validationFailed([
          ...(typeof input.login === 'string' && input.login.trim() ? [] : [{ field: 'login', code: 'required', message: '账号不能为空' }]),
          ...(typeof input.password === 'string' && input.password ? [] : [{ field: 'password', code: 'required', message: '请输入密码' }]),
        ]);
      }
      const nul = nulCharacterIssues({ login: input.login, password: input.password });
      if (nul.length) throw validationFailed(nul);
      const login = normaliseLogin(input.login);
      const password = input.password;
      const now = clock.now();
      const actorOf = (row: AccountRow | undefined): Pick<Actor, 'id' | 'kind' | 'ip'> => ({
        id: row?.id ?? null,
        kind: row?.kind ?? 'public',
        ip: ip ?? null,
      });
      const failure = async (row: AccountRow | undefined, reason: string) =>
        writeAudit(db, { action: 'login.failure', actor: actorOf(row), subjectType: 'account', subjectId: row?.id ?? null, detail: { reason, login: row ? undefined : maskLogin(login) } }, now);

      const row = (await db.selectFrom('pw_accounts').selectAll().where('login', '=', login).executeTakeFirst()) as AccountRow | undefined;
      if (!row || row.password_hash === null || row.disabled) {
        // Answered exactly as a real account would be (same 401s, the same 423 lock after the same
        // number of failures, a scrypt's worth of time), so the answers do not tell which logins exist.
        const lock = phantomLocks.check(login, now);
        if (lock) {
          await failure(row, 'locked');
          throw workflowError('ACCOUNT_LOCKED', undefined, { lockedUntil: lock.toISOString() });
        }
        await verifyPassword(password, dummyPasswordHash);
        const lockedUntil = phantomLocks.fail(login, now);
        await failure(row, !row ? 'unknownLogin' : row.disabled ? 'disabled' : 'notActivated');
        if (lockedUntil) throw workflowError('ACCOUNT_LOCKED', undefined, { lockedUntil: lockedUntil.toISOString() });
        throw invalidLogin();
      }
      if (row.locked_until && row.locked_until.getTime() > now.getTime()) {
        await failure(row, 'locked');
        throw workflowError('ACCOUNT_LOCKED', undefined, { lockedUntil: row.locked_until.toISOString() });
      }
      if (!(await verifyPassword(password, row.password_hash))) {
        // One statement, so concurrent wrong guesses cannot both read the same count.
        const updated = await db
          .updateTable('pw_accounts')
          .set((eb) => ({
            failed_logins: eb.case().when('failed_logins', '>=', security.maxFailedLogins - 1).then(0).else(eb('failed_logins', '+', 1)).end(),
            locked_until: eb
              .case()
              .when('failed_logins', '>=', security.maxFailedLogins - 1)
              .then(new Date(now.getTime() + security.lockMinutes * 60_000))
              .else(eb.ref('locked_until'))
              .end(),
          }))
          .where('id', '=', row.id)
          .returning(['locked_until'])
          .executeTakeFirstOrThrow();
        await failure(row, 'wrongPassword');
        if (updated.locked_until && updated.locked_until.getTime() > now.getTime()) {
          throw workflowError('ACCOUNT_LOCKED', undefined, { lockedUntil: updated.locked_until.toISOString() });
        }
        throw invalidLogin();
      }
      const token = newToken();
      const expiresAt = new Date(now.getTime() + security.sessionAbsoluteHours * 3_600_000);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('pw_accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', row.id).execute();
        await trx
          .insertInto('pw_sessions')
          .values({ token_hash: hashSecret(token), account_id: row.id, created_at: now, last_seen_at: now, expires_at: expiresAt, revoked_at: null })
          .execute();
        await writeAudit(trx, { action: 'login.success', actor: actorOf(row), subjectType: 'account', subjectId: row.id }, now);
      });
      return { token, expiresAt: expiresAt.toISOString(), account: view(row) };
    },

    async authenticate(token, ip) {
      if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
      const now = clock.now();
      const { rows } = await db.executeQuery<SessionLookupRow>(CompiledQuery.raw(sessionLookup, [hashSecret(token)]));
      const found = rows[0];
      if (!found || found.revoked_at || found.disabled) return null;
      if (found.expires_at.getTime() <= now.getTime()) return null;
      if (found.last_seen_at.getTime() + security.sessionIdleMinutes * 60_000 <= now.getTime()) return null;
      // Touch at most once a minute: idle expiry needs no finer grain, and a write per request would cost.
      if (now.getTime() - found.last_seen_at.getTime() > 60_000) {
        await db.updateTable('pw_sessions').set({ last_seen_at: now }).where('token_hash', '=', found.token_hash).execute();
      }
      return Object.freeze({
        id: found.id,
        kind: found.kind,
        departmentId: found.department_id,
        institutionId: found.institution_id,
        businessCode: found.business_code,
        ip: ip ?? null,
      });
    },

    async logout(token) {
      await db
        .updateTable('pw_sessions')
        .set({ revoked_at: clock.now() })
        .where('token_hash', '=', hashSecret(token))
        .where('revoked_at', 'is', null)
        .execute();
    },

    async me(actor) {
      if (!actor.id) throw workflowError('UNAUTHENTICATED');
      // A host's own authentication may hand us actors that have no engine
      // account (any id, not only UUIDs): that is "no such account", not a fault.
      const row = isUuid(actor.id)
        ? ((await db.selectFrom('pw_accounts').selectAll().where('id', '=', actor.id).executeTakeFirst()) as AccountRow | undefined)
        : undefined;
      if (!row) throw workflowError('NOT_FOUND', '该身份没有本系统账号');
      const department = row.department_id ? await deps.departments.get(row.department_id) : undefined;
      const institution = row.institution_id
        ? await db.selectFrom('pw_institutions').select(['id', 'state']).where('id', '=', row.institution_id).executeTakeFirst()
        : undefined;
      return {
        account: view(row),
        department: department ? { id: department.id, name: department.name, level: department.level } : null,
        institution: institution ?? null,
      };
    },

    async setPassword(trx, accountId, password) {
      const problem = passwordProblem(password);
      if (problem) throw validationFailed([problem]);
      await trx
        .updateTable('pw_accounts')
        .set({ password_hash: await hashPassword(password as string), updated_at: clock.now(), failed_logins: 0, locked_until: null })
        .where('id', '=', accountId)
        .execute();
    },
  };
}

/** A login as it may appear in the audit log for an unknown account: ID-like values masked. */
function maskLogin(login: string): string {
  return /^\d{15,18}[\dX]?$/.test(login) ? maskIdNumber(login) : login.slice(0, 40);
}
