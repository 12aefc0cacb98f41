import t from 'tap';
import fc from 'fast-check';
import { isMobileNumber, parseMobile } from '../../src/domain/mobile.js';

t.test('accepts mainland mobile numbers with second digit 3 to 9', async (t) => {
  for (const second of '3456789') {
    const n = `1${second}812341234`;
    t.same(parseMobile(n), { ok: true, value: n });
    t.ok(isMobileNumber(n));
  }
});

t.test('normalises spaces, hyphens, full-width digits and a country code', async (t) => {
  const table: [string, string][] = [
    [' 138 1234 1234 ', '13812341234'],
    ['138-1234-1234', '13812341234'],
    ['１３８１２３４１２３４', '13812341234'],
    ['+86 13812341234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['8613812341234', '13812341234'],
  ];
  for (const [input, value] of table) t.same(parseMobile(input), { ok: true, value }, JSON.stringify(input));
});

t.test('refuses everything else', async (t) => {
  const table: [string, string][] = [
    ['', 'required'],
    ['  ', 'required'],
    ['12812341234', 'format'],
    ['10812341234', 'format'],
    ['1381234123', 'format'],
    ['138123412345', 'format'],
    ['23812341234', 'format'],
    ['027-88881234', 'format'],
    ['1381234123a', 'format'],
    ['+85212345678', 'format'],
    ['+8612812341234', 'format'],
  ];
  for (const [input, code] of table) {
    const r = parseMobile(input);
    t.ok(!r.ok && r.code === code, `${JSON.stringify(input)} → ${code}`);
  }
  t.notOk(isMobileNumber('138 1234 1234'));
  t.notOk(isMobileNumber(13812341234));
});

t.test('every 1[3-9] plus nine digits is accepted and nothing of another length (property)', async (t) => {
  fc.assert(fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (n) => isMobileNumber(n) && parseMobile(n).ok));
  fc.assert(fc.property(fc.stringMatching(/^\d{1,10}$|^\d{12,15}$/), (n) => !isMobileNumber(n)));
  t.pass('holds for every generated case');
});
