/**
 * `npm start` as a new user runs it: demo data and no SMS_PROVIDER. The
 * texts land in the development inbox, the log says so in one line, and an
 * administrator reads the codes at GET /api/v1/dev/sms; with DEMO=0 and no
 * provider the server refuses to start, naming SMS_PROVIDER.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loginTo, registration, request, requireBuild, serverEntry, startServer, waitUntil } from '../helpers/processes.js';

t.setTimeout(180_000);
requireBuild();
const dataDir = await mkdtemp(join(tmpdir(), 'pw-inbox-'));
t.teardown(() => rm(dataDir, { recursive: true, force: true }));

t.test('with demo data and no provider the texts go to the development inbox, readable by an administrator only', async (t) => {
  const server = await startServer({ DATA_DIR: dataDir, DEMO: '1' });
  t.teardown(() => server.stop());
  const inboxLines = server.logs().filter((l) => String(l.msg).includes('SMS_PROVIDER=inbox'));
  t.equal(inboxLines.length, 1, 'one clear start-up line says texts stay in the inbox');
  t.equal(inboxLines[0]!.level, 40, 'as a warning');

  const { body, headers } = registration(11);
  const registered = await fetch(`${server.url}/api/v1/institution-registrations`, { method: 'POST', body, headers });
  const creditCode = /name="creditCode"\r\n\r\n([^\r]+)/.exec(body.toString('utf8'))![1]!;
  t.equal(registered.status, 201);
  t.equal((await request(`${server.url}/api/v1/institution-registrations/query-code`, { body: { creditCode } })).status, 202);

  const admin = await loginTo(server.url, 'admin');
  let inbox: any;
  t.ok(
    await waitUntil(async () => {
      inbox = await request(`${server.url}/api/v1/dev/sms?phone=13912345678`, { headers: admin });
      return inbox.body.items?.some((m: any) => m.topic === 'institution.queryCode');
    }),
    'the query code arrived in the inbox',
  );
  const message = inbox.body.items.find((m: any) => m.topic === 'institution.queryCode');
  t.match(message.text, new RegExp(`验证码：${message.params.queryCode}，\\d+分钟内有效`), 'the whole text, code included');
  const answer = await request(`${server.url}/api/v1/institution-registrations/query`, { body: { creditCode, code: message.params.queryCode } });
  t.equal(answer.status, 200, 'the code from the inbox works for 申请查询');

  const district = await loginTo(server.url, 'wuhan');
  const refused = await request(`${server.url}/api/v1/dev/sms`, { headers: district });
  t.equal(refused.status, 403, 'a district reviewer cannot read the inbox');
  t.equal((await request(`${server.url}/api/v1/dev/sms`)).status, 401, 'nor can an anonymous caller');
});

t.test('with DEMO=0 and no SMS_PROVIDER the server refuses to start and names the variable', async (t) => {
  const result = spawnSync(process.execPath, [serverEntry, 'serve'], {
    env: { PATH: process.env.PATH ?? '', DEMO: '0', DATA_DIR: dataDir, PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(result.status, 2, 'exit status 2 (configuration error)');
  t.match(result.stderr + result.stdout, /SMS_PROVIDER/, 'the message names SMS_PROVIDER');
  t.match(result.stderr + result.stdout, /激活/, 'and says why (institutions could never activate)');
});
