import t from 'tap';
import { PROBATION_BUSINESS_CODE, businessCodes, businessLines, findBusinessLine, isBusinessCode } from '../../src/domain/business-codes.js';

t.test('lists the ten business lines of the seed table in order', async (t) => {
  t.same(
    businessLines.map((l) => [l.seq, l.code, l.name]),
    [
      [1, '10', '考试报名资格审核业务'],
      [2, '11', '卫生专业技术资格考试'],
      [3, '12', '护士执业资格考试'],
      [4, '13', '卫生高级职称水平能力测试'],
      [5, '14', '卫生高级职称评审'],
      [6, '15', '卫生健康行业职业技能鉴定'],
      [7, '19', '医师资格考试试用期考核证明申报管理'],
      [8, '20', '规范化培训业务'],
      [9, '21', '助理全科医师规范化培训'],
      [10, '22', '住院医师规范化培训'],
    ],
  );
  t.same(businessCodes, ['10', '11', '12', '13', '14', '15', '19', '20', '21', '22']);
});

t.test('names 19 as the probation business', async (t) => {
  t.equal(PROBATION_BUSINESS_CODE, '19');
  t.equal(findBusinessLine('19')?.name, '医师资格考试试用期考核证明申报管理');
});

t.test('recognises only the ten codes', async (t) => {
  for (const code of businessCodes) t.ok(isBusinessCode(code));
  for (const code of ['16', '17', '18', '23', '9', '019', '', ' 19']) t.notOk(isBusinessCode(code), JSON.stringify(code));
  t.notOk(isBusinessCode(19));
  t.equal(findBusinessLine('16'), undefined);
});

t.test('is frozen so a caller cannot change the table', async (t) => {
  t.ok(Object.isFrozen(businessLines));
  t.ok(Object.isFrozen(businessLines[0]));
});
