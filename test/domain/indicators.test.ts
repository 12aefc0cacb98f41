import t from 'tap';
import { parseApplicationData, type ApplicationData } from '../../src/domain/application-data.js';
import { computeIndicators, formatMonthsAndDays, type IndicatorInput } from '../../src/domain/indicators.js';
import type { PhysicianRecord } from '../../src/domain/physician-record.js';
import { physician, residentId, seedProject, seedToday, zhaoLiuInput } from './fixtures/seed.js';

type Mutable = Record<string, any>;

function application(change: (input: Mutable) => void = () => {}, idCheck: 'refuse' | 'flag' = 'refuse'): ApplicationData {
  const input = zhaoLiuInput() as Mutable;
  change(input);
  return parseApplicationData(input, { today: seedToday, idCheck });
}

/** The seed registry: the current teacher matches, the other teacher's number is registered under another name. */
function seedRegistry(...extra: PhysicianRecord[]): Map<string, PhysicianRecord> {
  const rows = [physician('110420100012345', '黄燕红'), physician('110420100067890', '李思', { unit: '武汉百佳妇产医院' }), ...extra];
  return new Map(rows.map((r) => [r.certNo, r]));
}

function compute(overrides: Partial<IndicatorInput> = {}) {
  return computeIndicators({ application: application(), project: seedProject, physicians: seedRegistry(), ...overrides });
}

const summary = (r: ReturnType<typeof compute>) => r.indicators.map((i) => [i.code, i.level, i.segmentId ?? null]);

t.test("赵六 of the seed: 5 + 13 = 18 months green, one teacher check green and one red", async (t) => {
  const r = compute();
  t.equal(r.totalMonths, 18);
  t.same(r.indicators, [
    { code: 'totalDuration', level: 'green', label: '试用期总时长', detail: '18个月' },
    { code: 'teacherCheck', level: 'green', label: '带教老师姓名与执业证书号是否符合', detail: '带教老师姓名与执业证书号符合', segmentId: 's1' },
    {
      code: 'teacherCheck',
      level: 'red',
      label: '带教老师姓名与执业证书号是否符合',
      detail: '执业证书号110420100067890登记的医师姓名与带教老师姓名“李四”不一致（考生需上传试用期考核证明盖章纸质版）',
      segmentId: 's2',
    },
  ]);
  t.same(r.probation.segments.map((s) => s.months), [5, 13]);
  t.equal(r.redCount, 1);
  t.equal(r.redOnTotalOrCurrent, false, 'the red concerns another institution only');
  t.same(r.otherRedSegments, ['s2']);
  t.same(r.missingPaperCertificates, ['s2']);
});

t.test('an uploaded paper certificate satisfies the other red segment', async (t) => {
  const r = compute({ paperCertificates: ['s2'] });
  t.same(r.otherRedSegments, ['s2']);
  t.same(r.missingPaperCertificates, []);
  t.match(r.indicators[2]!.detail, /已上传试用期考核证明盖章纸质版/);
});

t.test('an unknown certificate number is red with its own detail', async (t) => {
  const physicians = seedRegistry();
  physicians.delete('110420100067890');
  const r = compute({ physicians });
  const check = r.indicators.find((i) => i.segmentId === 's2')!;
  t.equal(check.level, 'red');
  t.equal(check.detail, '医师注册库中没有执业证书号110420100067890（考生需上传试用期考核证明盖章纸质版）');
});

t.test('compares teacher names after normalising dots, spaces and full-width letters', async (t) => {
  const app = application((i) => {
    i.segments[1].teacherName = '买买提•艾力';
    i.segments[0].teacherName = '黄 燕红';
  });
  const physicians = seedRegistry();
  physicians.set('110420100067890', physician('110420100067890', '买买提・艾力'));
  const r = computeIndicators({ application: app, project: seedProject, physicians });
  t.same(summary(r), [['totalDuration', 'green', null], ['teacherCheck', 'green', 's1'], ['teacherCheck', 'green', 's2']]);
  t.equal(r.redCount, 0);
  t.same(r.otherRedSegments, []);
});

t.test('finds a teacher in a registry keyed by the folded certificate number', async (t) => {
  const physicians = new Map([['110420100012345', physician('110420100012345', '黄燕红')]]);
  const app = application();
  app.segments[0]!.teacherCertNo = ' 110420100012345 ';
  const r = computeIndicators({ application: app, project: seedProject, physicians });
  t.equal(r.indicators[1]!.level, 'green');
});

t.test('a total under 12 months is red and needs an explanation', async (t) => {
  const app = application((i) => { i.segments[1].startsOn = '2018-05-05'; });
  const r = computeIndicators({ application: app, project: seedProject, physicians: seedRegistry() });
  t.equal(r.totalMonths, 14);
  const short = application((i) => { i.segments[1].startsOn = '2018-07-05'; i.segments[1].endsOn = '2019-01-01'; });
  const s = computeIndicators({ application: short, project: seedProject, physicians: seedRegistry() });
  t.equal(s.totalMonths, 10);
  t.same(s.indicators[0], { code: 'totalDuration', level: 'red', label: '试用期总时长', detail: '10个月，不足12个月' });
  t.equal(s.redOnTotalOrCurrent, true);
});

t.test('exactly 12 months is green', async (t) => {
  const app = application((i) => {
    i.segments.pop();
    i.segments[0].startsOn = '2019-01-05';
    i.segments[0].endsOn = '2020-01-04';
  });
  const r = computeIndicators({ application: app, project: seedProject, physicians: seedRegistry() });
  t.same(r.indicators[0], { code: 'totalDuration', level: 'green', label: '试用期总时长', detail: '12个月' });
  const civil = computeIndicators({ application: app, project: seedProject, physicians: seedRegistry(), counting: 'civil' });
  t.same(civil.indicators[0], { code: 'totalDuration', level: 'red', label: '试用期总时长', detail: '11个月，不足12个月' }, 'the civil reading needs one more day');
});

t.test('overlapping segments are red, named, and counted once', async (t) => {
  const app = application((i) => { i.segments[1].endsOn = '2019-09-30'; });
  const r = computeIndicators({ application: app, project: seedProject, physicians: seedRegistry() });
  t.same(r.indicators.slice(0, 2), [
    { code: 'totalDuration', level: 'green', label: '试用期总时长', detail: '24个月（重叠时间只计一次）' },
    {
      code: 'overlap',
      level: 'red',
      label: '试用期时间重叠',
      detail: '第1个试用机构（武汉市第1911医院）与第2个试用机构（武汉市第1911医院）的试用时间在2019-08-08至2019-09-30重叠，重叠时间只计一次',
      segmentIds: ['s1', 's2'],
    },
  ]);
  t.equal(r.totalMonths, 24, '2018-01-05..2020-02-01 once');
  t.equal(r.redOnTotalOrCurrent, true);
});

t.test('an ID number or name that fails the checks is flagged red', async (t) => {
  const app = application((i) => {
    i.candidate.idNumber = '140105199001097931';
    i.candidate.gender = 'male';
    i.candidate.birthDate = '1990-01-09';
  }, 'flag');
  const r = computeIndicators({ application: app, project: seedProject, physicians: seedRegistry() });
  const flag = r.indicators.find((i) => i.code === 'idInvalid');
  t.same(flag, { code: 'idInvalid', level: 'red', label: '非法证件号或姓名', detail: '身份证号码校验码错误' });
  t.equal(r.redOnTotalOrCurrent, true);

  const both = application((i) => {
    i.candidate.idNumber = '1401051990010979';
    i.candidate.name = '赵六6';
    i.candidate.gender = 'male';
    i.candidate.birthDate = '1990-01-09';
  }, 'flag');
  const r2 = computeIndicators({ application: both, project: seedProject, physicians: seedRegistry() });
  t.equal(r2.indicators.find((i) => i.code === 'idInvalid')?.detail, '身份证号码应为18位：17位数字加1位数字或X；姓名含有不允许的字符');
});

t.test('a birth date after today is invalid once today is given', async (t) => {
  const app = application();
  app.candidate.idNumber = residentId('140105', '20200110', '793');
  const withoutToday = computeIndicators({ application: app, project: seedProject, physicians: seedRegistry() });
  t.equal(withoutToday.indicators.some((i) => i.code === 'idInvalid'), false, 'by default judged at the approval deadline (born before it)');
  const withToday = computeIndicators({ application: app, project: seedProject, physicians: seedRegistry(), today: '2020-01-05' });
  t.ok(withToday.indicators.some((i) => i.code === 'idInvalid'));
});

t.test('an ID document expiring before the approval deadline is red', async (t) => {
  const expired = application((i) => { i.candidate.idValidFrom = '2001-01-30'; i.candidate.idValidTo = '2001-01-30'; });
  const r = computeIndicators({ application: expired, project: seedProject, physicians: seedRegistry() });
  t.same(r.indicators.find((i) => i.code === 'idExpired'), {
    code: 'idExpired',
    level: 'red',
    label: '身份证件过期',
    detail: '身份证件有效期至2001-01-30，早于省级审批截止日期2020-02-24',
  });
  t.equal(r.redOnTotalOrCurrent, true);

  const onDeadline = application((i) => { i.candidate.idValidTo = '2020-02-24'; });
  t.notOk(computeIndicators({ application: onDeadline, project: seedProject, physicians: seedRegistry() }).indicators.some((i) => i.code === 'idExpired'),
    'valid through the deadline day');
  const longTerm = application((i) => { i.candidate.idValidTo = '长期'; });
  t.notOk(computeIndicators({ application: longTerm, project: seedProject, physicians: seedRegistry() }).indicators.some((i) => i.code === 'idExpired'));
  const garbage = application();
  garbage.candidate.idValidTo = 'soon';
  t.equal(computeIndicators({ application: garbage, project: seedProject, physicians: seedRegistry() }).indicators.find((i) => i.code === 'idExpired')?.detail,
    '身份证件有效期截止日期无效');
});

t.test('a teacher who is not a registered full physician of the exam class is red', async (t) => {
  const table: [Partial<PhysicianRecord>, string][] = [
    [{ level: '执业助理医师' }, '带教老师为执业助理医师，须由执业医师带教'],
    [{ status: '注销' }, '带教老师执业状态为“注销”，不是注册状态'],
    [{ category: '口腔' }, '带教老师执业类别为口腔，与报考类别110 临床执业医师不一致'],
    [{ level: '执业助理医师', status: '暂停', category: '中医' },
      '带教老师为执业助理医师，须由执业医师带教；带教老师执业状态为“暂停”，不是注册状态；带教老师执业类别为中医，与报考类别110 临床执业医师不一致'],
  ];
  for (const [override, detail] of table) {
    const physicians = seedRegistry();
    physicians.set('110420100012345', physician('110420100012345', '黄燕红', override));
    const r = compute({ physicians });
    t.same(r.indicators.filter((i) => i.segmentId === 's1'), [
      { code: 'teacherCheck', level: 'green', label: '带教老师姓名与执业证书号是否符合', detail: '带教老师姓名与执业证书号符合', segmentId: 's1' },
      { code: 'teacherQualification', level: 'red', label: '带教老师资格', detail, segmentId: 's1' },
    ], JSON.stringify(override));
    t.equal(r.redOnTotalOrCurrent, true, 'on the current segment it needs an explanation');
    t.same(r.otherRedSegments, ['s2']);
  }
});

t.test('a 中医 teacher is consistent with 中西医结合 and an assistant exam accepts a full physician', async (t) => {
  const physicians = seedRegistry();
  physicians.set('110420100012345', physician('110420100012345', '黄燕红', { category: '中医' }));
  const app = application((i) => { i.exam.categoryCode = '142'; });
  const r = computeIndicators({ application: app, project: seedProject, physicians });
  t.notOk(r.indicators.some((i) => i.code === 'teacherQualification' && i.segmentId === 's1'));
  const assistant = application((i) => { i.exam.categoryCode = '210'; });
  t.notOk(computeIndicators({ application: assistant, project: seedProject, physicians: seedRegistry() }).indicators.some((i) => i.code === 'teacherQualification'));
});

t.test('an unqualified teacher at another institution asks for its paper certificate', async (t) => {
  const physicians = seedRegistry();
  physicians.set('110420100067890', physician('110420100067890', '李四', { status: '注销' }));
  const r = compute({ physicians });
  t.same(summary(r), [
    ['totalDuration', 'green', null],
    ['teacherCheck', 'green', 's1'],
    ['teacherCheck', 'green', 's2'],
    ['teacherQualification', 'red', 's2'],
  ]);
  t.equal(r.indicators[3]!.detail, '带教老师执业状态为“注销”，不是注册状态（考生需上传试用期考核证明盖章纸质版）');
  t.equal(r.redOnTotalOrCurrent, false);
  t.same(r.otherRedSegments, ['s2']);
});

t.test('qualification is not judged when the teacher check is red', async (t) => {
  const physicians = seedRegistry();
  physicians.set('110420100067890', physician('110420100067890', '李思', { level: '执业助理医师' }));
  t.notOk(compute({ physicians }).indicators.some((i) => i.code === 'teacherQualification'));
});

t.test('a red teacher check on the current segment needs an explanation, not a paper certificate', async (t) => {
  const physicians = seedRegistry();
  physicians.set('110420100012345', physician('110420100012345', '黄艳红'));
  physicians.set('110420100067890', physician('110420100067890', '李四'));
  const r = compute({ physicians });
  t.equal(r.indicators[1]!.detail, '执业证书号110420100012345登记的医师姓名与带教老师姓名“黄燕红”不一致', 'no paper note on the current segment');
  t.equal(r.redOnTotalOrCurrent, true);
  t.same(r.otherRedSegments, []);
  t.same(r.missingPaperCertificates, []);
});

t.test('time after the cut-off is red per segment and not counted', async (t) => {
  const app = application((i) => { i.segments[0].endsOn = '2020-10-15'; });
  const r = computeIndicators({ application: app, project: seedProject, physicians: seedRegistry() });
  t.equal(r.totalMonths, 13 + 12, '2019-08-08..2020-08-31 is 12 whole months');
  t.same(r.indicators[0], { code: 'totalDuration', level: 'green', label: '试用期总时长', detail: '25个月（2020-08-31之后的时间不计入）' });
  t.same(r.indicators.find((i) => i.code === 'beyondCutoff'), {
    code: 'beyondCutoff',
    level: 'red',
    label: '超出试用期截止日期',
    detail: '试用截止日期2020-10-15晚于试用期截止日期2020-08-31，2020-09-01至2020-10-15（1个月15天）不计入总时长',
    segmentId: 's1',
  });
  t.equal(r.redOnTotalOrCurrent, true);

  const later = application((i) => {
    i.segments.push({ ...i.segments[1], startsOn: '2020-09-10', endsOn: '2020-12-31' });
  });
  const r2 = computeIndicators({ application: later, project: seedProject, physicians: seedRegistry() });
  t.equal(r2.indicators.find((i) => i.code === 'beyondCutoff')?.detail, '试用期2020-09-10至2020-12-31在试用期截止日期2020-08-31之后，不计入总时长');
  t.equal(r2.indicators.find((i) => i.code === 'beyondCutoff')?.segmentId, 's3');
  t.equal(r2.redOnTotalOrCurrent, true, 'a non-current segment beyond the cut-off still concerns the total');
  t.equal(r2.totalMonths, 18);
});

t.test('orders indicators totals first, then per segment in application order', async (t) => {
  const app = application((i) => {
    i.candidate.idValidTo = '2019-12-31';
    i.segments[1].endsOn = '2019-09-30';
    i.segments[0].endsOn = '2020-09-30';
  });
  const physicians = seedRegistry();
  physicians.set('110420100012345', physician('110420100012345', '黄燕红', { category: '口腔' }));
  const r = computeIndicators({ application: app, project: seedProject, physicians });
  t.same(summary(r), [
    ['totalDuration', 'green', null],
    ['overlap', 'red', null],
    ['idExpired', 'red', null],
    ['teacherCheck', 'green', 's1'],
    ['teacherQualification', 'red', 's1'],
    ['beyondCutoff', 'red', 's1'],
    ['teacherCheck', 'red', 's2'],
  ]);
  t.equal(r.redCount, 5);
  t.same(computeIndicators({ application: app, project: seedProject, physicians }), r, 'deterministic');
});

t.test('formats durations in Chinese', async (t) => {
  t.equal(formatMonthsAndDays({ months: 5, days: 0 }), '5个月');
  t.equal(formatMonthsAndDays({ months: 1, days: 15 }), '1个月15天');
  t.equal(formatMonthsAndDays({ months: 0, days: 20 }), '20天');
  t.equal(formatMonthsAndDays({ months: 0, days: 0 }), '0天');
});
