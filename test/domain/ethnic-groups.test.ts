import t from 'tap';
import { ethnicGroups, findEthnicGroup, isEthnicCode, supplementaryEthnicGroups } from '../../src/domain/ethnic-groups.js';

t.test('has the 56 groups coded 01 to 56 in the order of GB/T 3304', async (t) => {
  t.equal(ethnicGroups.length, 56);
  ethnicGroups.forEach((g, i) => t.equal(g.code, String(i + 1).padStart(2, '0')));
  const spotChecks: [string, string][] = [
    ['01', '汉族'], ['02', '蒙古族'], ['03', '回族'], ['04', '藏族'], ['05', '维吾尔族'], ['10', '朝鲜族'],
    ['15', '土家族'], ['17', '哈萨克族'], ['23', '高山族'], ['29', '柯尔克孜族'], ['36', '毛南族'],
    ['43', '乌孜别克族'], ['46', '德昂族'], ['50', '塔塔尔族'], ['55', '珞巴族'], ['56', '基诺族'],
  ];
  for (const [code, name] of spotChecks) t.equal(findEthnicGroup(code)?.name, name, code);
  t.equal(new Set(ethnicGroups.map((g) => g.name)).size, 56, 'names are unique');
  for (const g of ethnicGroups) t.match(g.name, /族$/);
});

t.test('accepts only two-digit codes of the 56 groups by default', async (t) => {
  for (const code of ['01', '28', '56']) t.ok(isEthnicCode(code));
  for (const code of ['00', '57', '97', '98', '1', '001', '汉族', '']) t.notOk(isEthnicCode(code), JSON.stringify(code));
  t.notOk(isEthnicCode(1));
});

t.test('accepts 97 and 98 only when asked to', async (t) => {
  t.same(supplementaryEthnicGroups.map((g) => g.code), ['97', '98']);
  t.ok(isEthnicCode('97', { includeSupplementary: true }));
  t.equal(findEthnicGroup('98', { includeSupplementary: true })?.name, '外国血统中国籍人士');
  t.notOk(isEthnicCode('99', { includeSupplementary: true }));
});
