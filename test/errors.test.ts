import t from 'tap';
import { readFile } from 'node:fs/promises';
import { errorCodes, isWorkflowError, validationFailed, workflowError } from '../src/errors.js';

t.test('docs/errors.md lists every registered code with its HTTP status', async (t) => {
  const doc = await readFile(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]));
  t.same([...rows.keys()].sort(), Object.keys(errorCodes).sort(), 'the table and the registry list the same codes');
  for (const [code, { status }] of Object.entries(errorCodes)) t.equal(rows.get(code), status, `${code} is ${status}`);
});

t.test('every registered code has a Chinese message', async (t) => {
  for (const [code, { message }] of Object.entries(errorCodes)) t.match(message, /[\u4e00-\u9fff]/, code);
});

t.test('errors are recognised by the type guard, not by class identity', async (t) => {
  const e = workflowError('VERSION_CONFLICT');
  t.ok(isWorkflowError(e));
  t.equal(e.status, 409);
  t.equal(e.message, errorCodes.VERSION_CONFLICT.message);
  t.notOk(isWorkflowError(new Error('VERSION_CONFLICT')));
  t.notOk(isWorkflowError({ code: 'VERSION_CONFLICT' }));
  t.notOk(isWorkflowError(null));
  const v = validationFailed([{ field: 'name', code: 'tooShort', message: '单位全称至少2个字符' }]);
  t.equal(v.code, 'VALIDATION_FAILED');
  t.same(v.details, [{ field: 'name', code: 'tooShort', message: '单位全称至少2个字符' }]);
});
