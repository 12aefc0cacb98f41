import t from 'tap';
import { testServer } from '../../helpers/server.js';
import { filesUnder, footprint, hospital, lastSms, medicalFiles, multipart, pdf, text } from '../../onboarding/fixtures.js';

// Every refusal of the registration and query endpoints answers with the API's
// error body, and a refused registration leaves no row and no file behind.

const api = '/api/v1';
const nothing = { institutions: 0, attachments: 0, history: 0, accounts: 3, outbox: 0 };

t.test('refused registrations answer 400/409/413/415 and leave no row and no file', async (t) => {
  const { app, engine, filesDir } = await testServer(t);
  const post = (body: ReturnType<typeof multipart>) => app.inject({ method: 'POST', url: `${api}/institution-registrations`, ...body });

  const cases: { name: string; request: () => Promise<Awaited<ReturnType<typeof post>>>; status: number; code: string; fields?: string[] }[] = [
    {
      name: 'a renamed text file',
      request: () => post(multipart(hospital, { ...medicalFiles(), medicalLicense: { content: text(), filename: 'license.pdf' } })),
      status: 415,
      code: 'UNSUPPORTED_FILE_TYPE',
    },
    {
      name: 'a file over 10 MiB',
      request: () => post(multipart(hospital, { ...medicalFiles(), creditCertificate: { content: Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024 + 10)]) } })),
      status: 413,
      code: 'FILE_TOO_LARGE',
    },
    {
      name: 'bad fields and a missing file',
      request: () => post(multipart({ ...hospital, name: 'x', creditCode: 'ABC', adminPhone: '123' }, { registrationForm: { content: pdf() } })),
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['name', 'creditCode', 'adminPhone', 'creditCertificate', 'medicalLicense'],
    },
    {
      name: 'JSON instead of multipart',
      request: () => app.inject({ method: 'POST', url: `${api}/institution-registrations`, payload: hospital }),
      status: 415,
      code: 'UNSUPPORTED_FILE_TYPE',
    },
    {
      name: 'a multipart body cut off in the middle of a file',
      request: () => {
        const body = multipart(hospital, medicalFiles());
        return app.inject({ method: 'POST', url: `${api}/institution-registrations`, payload: body.payload.subarray(0, body.payload.length - 300), headers: body.headers });
      },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'multipart without a boundary',
      request: () => app.inject({ method: 'POST', url: `${api}/institution-registrations`, payload: 'x', headers: { 'content-type': 'multipart/form-data' } }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'garbage as multipart',
      request: () => app.inject({ method: 'POST', url: `${api}/institution-registrations`, payload: 'garbage', headers: multipart({}, {}).headers }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an empty file',
      request: () => post(multipart(hospital, { ...medicalFiles(), registrationForm: { content: Buffer.alloc(0) } })),
      status: 415,
      code: 'UNSUPPORTED_FILE_TYPE',
    },
    {
      // More files than the form has attachments is a wrong request, not a file that is too large.
      name: 'more files than the request may carry',
      request: () => post(multipart(hospital, { ...medicalFiles(), a: { content: pdf('1') }, b: { content: pdf('2') }, c: { content: pdf('3') } })),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an overlong idempotency key',
      request: () => {
        const body = multipart(hospital, medicalFiles());
        return app.inject({ method: 'POST', url: `${api}/institution-registrations`, payload: body.payload, headers: { ...body.headers, 'idempotency-key': 'k'.repeat(201) } });
      },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ];
  for (const c of cases) {
    const res = await c.request();
    t.equal(res.statusCode, c.status, `${c.name}: ${c.status}`);
    t.equal(res.json().error.code, c.code, `${c.name}: ${c.code}`);
    t.match(res.json().error.message, /[\u4e00-\u9fff]/, `${c.name}: Chinese message`);
    if (c.fields) t.same(res.json().error.details.map((d: { field: string }) => d.field).sort(), [...c.fields].sort(), `${c.name}: one issue per field`);
    t.same(await footprint(engine), nothing, `${c.name}: no row`);
    t.same(await filesUnder(filesDir), [], `${c.name}: no file`);
  }

  const first = await post(multipart(hospital, medicalFiles('one')));
  t.equal(first.statusCode, 201);
  const stored = await footprint(engine);
  const storedFiles = (await filesUnder(filesDir)).sort();
  const again = await post(multipart(hospital, medicalFiles('two')));
  t.equal(again.statusCode, 409);
  t.match(again.json(), { error: { code: 'ALREADY_REGISTERED', details: { rule: 'creditCodeNotRegistered' } } });
  t.same(await footprint(engine), stored, 'ALREADY_REGISTERED: nothing added');
  t.same((await filesUnder(filesDir)).sort(), storedFiles, 'ALREADY_REGISTERED: only the first registration’s files');
});

t.test('申请查询 refusals: same 202 for an unknown credit code, 400 验证码长度为6位, 401 for a wrong code', async (t) => {
  const { app, engine } = await testServer(t);
  await app.inject({ method: 'POST', url: `${api}/institution-registrations`, ...multipart(hospital, medicalFiles()) });
  const known = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query-code`, payload: { creditCode: hospital.creditCode } });
  const unknown = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query-code`, payload: { creditCode: '91420100MA4K00001U' } });
  t.equal(known.statusCode, 202);
  t.equal(unknown.statusCode, 202);
  t.equal(unknown.body, known.body, 'the answer does not tell whether the credit code is registered');
  const malformed = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query-code`, payload: { creditCode: 'nope' } });
  t.equal(malformed.statusCode, 400);

  for (const code of ['12345', '1234567', 'abcdef', '']) {
    const res = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query`, payload: { creditCode: hospital.creditCode, code } });
    t.equal(res.statusCode, 400, `code ${JSON.stringify(code)}`);
    t.match(res.json(), { error: { code: 'VALIDATION_FAILED', message: '验证码长度为6位', details: [{ field: 'code' }] } });
  }
  const sent = (await lastSms(engine, 'institution.queryCode'))!.queryCode!;
  const wrong = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query`, payload: { creditCode: hospital.creditCode, code: sent === '000000' ? '111111' : '000000' } });
  t.equal(wrong.statusCode, 401);
  t.equal(wrong.json().error.code, 'INVALID_CODE');
  const right = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query`, payload: { creditCode: hospital.creditCode, code: sent } });
  t.same(right.json(), { state: 'applied', stateLabel: '待审核' });
  const extra = await app.inject({ method: 'POST', url: `${api}/institution-registrations/query`, payload: { creditCode: hospital.creditCode, code: sent, admin: true } });
  t.equal(extra.statusCode, 400, 'unknown fields are refused');
});

t.test('activation refusals: wrong code 401, weak password 400, unknown account 401', async (t) => {
  const { app, login } = await testServer(t);
  const { id } = (await app.inject({ method: 'POST', url: `${api}/institution-registrations`, ...multipart(hospital, medicalFiles()) })).json();
  await app.inject({ method: 'POST', url: `${api}/institutions/${id}/events`, headers: await login('wuhan'), payload: { type: 'APPROVE' } });
  const cases = [
    [{ accountNo: 'JG00000', activationCode: 'AAAA-BBBB-CCCC', password: 'Demo@2026' }, 401, 'INVALID_CODE'],
    [{ accountNo: 'NOBODY', activationCode: 'AAAA-BBBB-CCCC', password: 'Demo@2026' }, 401, 'INVALID_CODE'],
    [{ accountNo: 'admin', activationCode: 'AAAA-BBBB-CCCC', password: 'Demo@2026' }, 401, 'INVALID_CODE'],
    [{ accountNo: 'JG00000', activationCode: 'AAAA-BBBB-CCCC', password: 'weak' }, 400, 'VALIDATION_FAILED'],
    [{ accountNo: '', activationCode: '', password: '' }, 400, 'VALIDATION_FAILED'],
  ] as const;
  for (const [payload, status, code] of cases) {
    const res = await app.inject({ method: 'POST', url: `${api}/activations`, payload });
    t.equal(res.statusCode, status, JSON.stringify(payload));
    t.equal(res.json().error.code, code);
  }
});

t.test('event refusals: a red registration needs a reason, a stale version conflicts, an unknown event is 400', async (t) => {
  const { app, login } = await testServer(t);
  const wuhan = await login('wuhan');
  const { id } = (
    await app.inject({ method: 'POST', url: `${api}/institution-registrations`, ...multipart({ ...hospital, creditCode: '12420102MB00000017' }, medicalFiles()) })
  ).json();
  const detail = await app.inject({ method: 'GET', url: `${api}/institutions/${id}`, headers: wuhan });
  t.match(detail.json(), { red: true, indicators: [{ level: 'red' }] });
  const cases = [
    [{ type: 'APPROVE' }, 422, 'REASON_REQUIRED'],
    [{ type: 'APPROVE', reason: '已核实', expectedVersion: 7 }, 409, 'VERSION_CONFLICT'],
    [{ type: 'ACTIVATE' }, 400, 'VALIDATION_FAILED'],
    [{ type: 'APPROVE', explanation: 'x' }, 400, 'VALIDATION_FAILED'],
    [{ type: 'REISSUE_CODE' }, 409, 'INVALID_TRANSITION'],
    [{ type: 'ENABLE' }, 403, 'FORBIDDEN'],
  ] as const;
  for (const [payload, status, code] of cases) {
    const res = await app.inject({ method: 'POST', url: `${api}/institutions/${id}/events`, headers: wuhan, payload });
    t.equal(res.statusCode, status, JSON.stringify(payload));
    t.equal(res.json().error.code, code);
  }
  const ok = await app.inject({ method: 'POST', url: `${api}/institutions/${id}/events`, headers: wuhan, payload: { type: 'APPROVE', reason: '早期试点代码', expectedVersion: 1 } });
  t.equal(ok.statusCode, 200);
  t.equal(ok.json().reason, '早期试点代码');
});
