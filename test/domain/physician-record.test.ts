import t from 'tap';
import { isPractisingStatus, normaliseCertNo } from '../../src/domain/physician-record.js';

t.test('treats 注册 and active as practising', async (t) => {
  for (const s of ['注册', ' 注册 ', '已注册', 'active', 'ACTIVE', 'registered']) t.ok(isPractisingStatus(s), JSON.stringify(s));
});

t.test('treats any other status as not practising', async (t) => {
  for (const s of ['注销', '暂停', '不予注册', '变更中', '', 'inactive', '未注册']) t.notOk(isPractisingStatus(s), JSON.stringify(s));
});

t.test('normalises a certificate number for lookup', async (t) => {
  t.equal(normaliseCertNo(' 110 420 100 012 345 '), '110420100012345');
  t.equal(normaliseCertNo('１１０４２０１０００１２３４５'), '110420100012345');
  t.equal(normaliseCertNo('abc123'), 'ABC123');
});
