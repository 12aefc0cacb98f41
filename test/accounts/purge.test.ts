import t from 'tap';
import { testEngine } from '../helpers/engine.js';

t.test('the purge deletes sessions nobody can use and spent codes, and keeps the live ones', async (t) => {
  const { engine, clock } = await testEngine(t);
  const account = await engine.accounts.create({ kind: 'admin', login: 'purge-admin', name: '管理员', password: 'Demo@2026', departmentId: '420000' });
  const now = clock.now();
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const session = (name: string, created: number, lastSeen: number, expires: number, revoked: number | null) => ({
    token_hash: name,
    account_id: account.id,
    created_at: at(created),
    last_seen_at: at(lastSeen),
    expires_at: at(expires),
    revoked_at: revoked === null ? null : at(revoked),
  });
  await engine.db
    .insertInto('pw_sessions')
    .values([
      session('live', -10, -1, 600, null),
      session('idle', -120, -45, 600, null),
      session('past-absolute', -800, -1, -5, null),
      session('revoked', -10, -1, 600, -2),
    ])
    .execute();
  const code = (id: string, expires: number, used: number | null) => ({
    id: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
    purpose: 'query' as const,
    subject: id,
    code_hash: id,
    created_at: at(-3000),
    expires_at: at(expires),
    used_at: used === null ? null : at(used),
  });
  await engine.db
    .insertInto('pw_one_time_codes')
    .values([code('1', 5, null), code('2', -5, null), code('3', -2000, null), code('4', 5, -10), code('5', 5, -2000)])
    .execute();

  t.same(await engine.purgeExpired(), { sessions: 3, oneTimeCodes: 2 });
  const sessions = await engine.db.selectFrom('pw_sessions').select('token_hash').execute();
  t.same(sessions.map((s) => s.token_hash), ['live'], 'only the live session is left');
  const codes = await engine.db.selectFrom('pw_one_time_codes').select('subject').orderBy('subject').execute();
  t.same(codes.map((c) => c.subject), ['1', '2', '4'], 'codes expired or used under a day ago stay, to keep their refusal messages');
  t.same(await engine.purgeExpired(), { sessions: 0, oneTimeCodes: 0 }, 'a second run finds nothing');
});
