import t from 'tap';
import { Writable } from 'node:stream';
import { buildServer } from '../../adapters/server/server.js';
import { createLogger } from '../../src/logging/logger.js';
import { scrubText } from '../../src/logging/redact.js';
import { testEngine } from '../helpers/engine.js';

const idNumber = '110101199003078515';
const phone = '13812341234';
const password = 'Zhao@2026';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'trace' }, stream) };
}

const secrets = (token: string) => [idNumber, phone, password, token, 'K7PD-3QXM-H2TW', '482913'];

t.test('masks ID numbers and phones anywhere in text', async (t) => {
  t.equal(scrubText(`id ${idNumber}, phone ${phone}.`), 'id 110101*****8515, phone 138****1234.');
  t.equal(scrubText('order 1234567890123456789012'), 'order 1234567890123456789012', 'longer digit runs are not IDs');
  t.equal(scrubText('11010119900307002x'), '110101*****002x');
});

t.test('no log line carries a full ID number, phone, password, token or code', async (t) => {
  const { lines, logger } = capture();
  const { engine } = await testEngine(t, { logger });
  const app = await buildServer({ engine, logger });
  t.teardown(() => app.close());

  // Real traffic: registration, failed and successful logins, a session in use.
  await app.inject({ method: 'POST', url: '/api/v1/candidates', payload: { idNumber, name: '赵六', phone, password } });
  await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: idNumber, password: 'Wrong@2026' } });
  const session = await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { login: idNumber, password } });
  const token = session.json().token as string;
  await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

  // What code under stress logs: errors quoting values, secrets by key, secrets in the message.
  logger.error({ err: Object.assign(new Error(`duplicate key (login)=(${idNumber})`), { detail: `Key (phone)=(${phone})`, params: [password] }) }, 'insert failed');
  logger.info({ body: { idNumber, phone, password, activationCode: 'K7PD-3QXM-H2TW', queryCode: '482913' }, token }, `login ${idNumber} from ${phone}`);
  logger.child({ user: idNumber }).warn({ authorization: `Bearer ${token}` }, 'child logger');

  const text = lines.join('');
  t.ok(lines.length >= 3, `captured ${lines.length} lines`);
  for (const secret of secrets(token)) t.notOk(text.includes(secret), `no line contains ${secret.slice(0, 6)}…`);
  t.match(text, /110101\*\*\*\*\*8515/, 'the masked ID is still there to read');
  t.match(text, /duplicate key/, 'the error itself is still logged');
});
