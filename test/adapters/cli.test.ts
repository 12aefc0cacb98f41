import t from 'tap';
import { createAdmin, UsageError } from '../../adapters/cli/commands/create-admin.js';
import { createEngine } from '../../src/create-engine.js';
import { openDatabase } from '../../src/persistence/database.js';

// The CLI opens the database of DATA_DIR (or DATABASE_URL); on PostgreSQL
// the test's own schema is not visible to it, so this runs on an on-disk
// embedded database in a temporary directory.

t.test('create-admin creates a first administrator who can log in', async (t) => {
  const dir = t.testdir();
  const saved = { ...process.env };
  t.teardown(() => {
    process.env = saved;
  });
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = dir;
  process.env.ADMIN_PASSWORD = 'Prod@2026x';
  const logs: string[] = [];
  t.intercept(console, 'log', { value: (line: string) => logs.push(line) });
  await createAdmin(['--login', 'root-admin', '--name', '系统管理员']);
  t.match(logs.join('\n'), /created admin root-admin/);

  await t.rejects(createAdmin(['--login', 'root-admin', '--name', '又一个']), { name: 'UsageError', message: /login: 该账号已存在/ }, 'a taken login is refused');
  process.env.ADMIN_PASSWORD = 'weak';
  await t.rejects(createAdmin(['--login', 'weak-admin', '--name', '管理员']), UsageError, 'a weak password is a usage error');
  delete process.env.ADMIN_PASSWORD;
  await t.rejects(createAdmin(['--login', 'x', '--name', 'y']), UsageError, 'the password must come from ADMIN_PASSWORD');

  const database = await openDatabase({ dataDir: `${dir}/pgdata` });
  const engine = await createEngine({ db: database });
  t.teardown(async () => {
    await engine.close();
    await database.close();
  });
  const session = await engine.accounts.login({ login: 'root-admin', password: 'Prod@2026x' });
  t.equal(session.account.kind, 'admin');
});
