import t from 'tap';
import fc from 'fast-check';
import { z } from 'zod';
import { isWorkflowError, type FieldIssue } from '../../src/errors.js';
import {
  applicationInputSchema,
  parseApplicationData,
  safeParseApplicationData,
  type ApplicationData,
} from '../../src/domain/application-data.js';
import { residentId, seedToday, zhaoLiuId, zhaoLiuInput } from './fixtures/seed.js';

const today = seedToday;

type Mutable = Record<string, any>;

/** The seed input with a change applied. */
function variant(change: (input: Mutable) => void): Mutable {
  const input = zhaoLiuInput() as Mutable;
  change(input);
  return input;
}

function issuesOf(input: unknown, options: Partial<Parameters<typeof safeParseApplicationData>[1]> = {}): FieldIssue[] {
  const r = safeParseApplicationData(input, { today, ...options });
  return r.ok ? [] : r.issues;
}

function fieldsAndCodes(input: unknown, options: Partial<Parameters<typeof safeParseApplicationData>[1]> = {}): [string, string][] {
  return issuesOf(input, options).map((i) => [i.field, i.code]);
}

t.test('parses the seed application of 赵六 into normalised data', async (t) => {
  const data = parseApplicationData(zhaoLiuInput(), { today });
  const expected: ApplicationData = {
    candidate: {
      name: '赵六',
      idType: 'resident-id',
      idNumber: zhaoLiuId,
      gender: 'male',
      birthDate: '1990-01-09',
      ethnicity: '01',
      idValidFrom: '2015-03-01',
      idValidTo: '2035-03-01',
      phone: '13812341234',
    },
    exam: { categoryCode: '110', level: '执业医师' },
    segments: [
      {
        id: 's1',
        current: true,
        institutionName: '武汉市第1911医院',
        registrationNo: '5252223212582111254',
        checkCode: '434148',
        startsOn: '2019-08-08',
        endsOn: '2020-02-01',
        department: '心内科',
        teacherName: '黄燕红',
        teacherCertNo: '110420100012345',
        teacherUnit: '江岸黄燕红西内科诊所',
      },
      {
        id: 's2',
        current: false,
        institutionName: '武汉市第1911医院',
        registrationNo: '5252223212582111254',
        startsOn: '2018-01-05',
        endsOn: '2019-03-01',
        department: '内科',
        teacherName: '李四',
        teacherCertNo: '110420100067890',
        teacherUnit: '武汉百佳妇产医院',
      },
    ],
  };
  t.same(data, expected);
  t.strictSame(Object.keys(data.segments[1]!).includes('checkCode'), false, 'no check code on a history segment');
});

t.test('parsing its own output again gives the same data', async (t) => {
  const once = parseApplicationData(zhaoLiuInput(), { today });
  t.same(parseApplicationData(structuredClone(once), { today }), once);
});

t.test('normalises what people type', async (t) => {
  const data = parseApplicationData(
    variant((i) => {
      i.candidate.name = '  买买提•艾力 ';
      i.candidate.idNumber = ' ' + residentId('650102', '19920304', '123').toLowerCase() + ' ';
      i.candidate.phone = '+86 138-1234-1234';
      i.candidate.idValidTo = '长期有效';
      i.segments[0].registrationNo = ' pdy00011x-440303 ';
      i.segments[0].teacherCertNo = '１１０４２０１０００１２３４５';
      i.segments[0].teacherName = '阿依古丽・买买提';
      i.segments[0].institutionName = '  武汉市第1911医院  ';
    }),
    { today },
  );
  t.equal(data.candidate.name, '买买提·艾力');
  t.equal(data.candidate.idNumber, residentId('650102', '19920304', '123'));
  t.equal(data.candidate.phone, '13812341234');
  t.equal(data.candidate.idValidTo, '长期');
  t.equal(data.segments[0]!.registrationNo, 'PDY00011X-440303');
  t.equal(data.segments[0]!.teacherCertNo, '110420100012345');
  t.equal(data.segments[0]!.teacherName, '阿依古丽·买买提');
  t.equal(data.segments[0]!.institutionName, '武汉市第1911医院');
});

t.test('normalises a lower-case x in the ID number and derives gender and birth date', async (t) => {
  const id = '11010519491231002X';
  const data = parseApplicationData(variant((i) => { i.candidate.idNumber = id.toLowerCase(); }), { today });
  t.equal(data.candidate.idNumber, id);
  t.equal(data.candidate.gender, 'female');
  t.equal(data.candidate.birthDate, '1949-12-31');
});

t.test('accepts a given gender and birth date that agree with the ID', async (t) => {
  const data = parseApplicationData(variant((i) => { i.candidate.gender = 'male'; i.candidate.birthDate = '1990-01-09'; }), { today });
  t.equal(data.candidate.gender, 'male');
});

t.test('derives the exam level from the category code and accepts an agreeing echo', async (t) => {
  for (const [code, level] of [['110', '执业医师'], ['142', '执业医师'], ['210', '执业助理医师'], ['242', '执业助理医师']] as const) {
    t.equal(parseApplicationData(variant((i) => { i.exam.categoryCode = code; }), { today }).exam.level, level, code);
  }
  t.ok(safeParseApplicationData(variant((i) => { i.exam.level = '执业医师'; }), { today }).ok);
});

t.test('refuses each broken rule with its field path and code', async (t) => {
  const longName = '张'.repeat(51);
  const table: [string, (i: Mutable) => void, [string, string][]][] = [
    ['no current segment', (i) => { i.segments[0].current = false; }, [['segments', 'currentCount']]],
    ['two current segments', (i) => { i.segments[1].current = true; i.segments[1].checkCode = '123456'; }, [['segments', 'currentCount']]],
    ['current without check code', (i) => { delete i.segments[0].checkCode; }, [['segments.0.checkCode', 'required']]],
    ['check code of 5 digits', (i) => { i.segments[0].checkCode = '43414'; }, [['segments.0.checkCode', 'invalidFormat']]],
    ['check code with letters', (i) => { i.segments[0].checkCode = '43414a'; }, [['segments.0.checkCode', 'invalidFormat']]],
    ['start after end', (i) => { i.segments[1].startsOn = '2019-03-02'; }, [['segments.1.endsOn', 'dateOrder']]],
    ['30 February', (i) => { i.segments[0].startsOn = '2019-02-30'; }, [['segments.0.startsOn', 'invalidDate']]],
    ['date with slashes', (i) => { i.segments[0].endsOn = '2020/02/01'; }, [['segments.0.endsOn', 'invalidFormat']]],
    ['date as a number', (i) => { i.segments[0].endsOn = 20200201; }, [['segments.0.endsOn', 'invalidType']]],
    ['year 1019', (i) => { i.segments[1].startsOn = '1019-01-05'; }, [['segments.1.startsOn', 'invalidDate']]],
    ['start before birth', (i) => { i.segments[1].startsOn = '1989-01-05'; }, [['segments.1.startsOn', 'beforeBirth']]],
    ['wrong check character', (i) => { i.candidate.idNumber = '140105199001097931'; }, [['candidate.idNumber', 'checkCharacter']]],
    ['17-digit ID', (i) => { i.candidate.idNumber = '14010519900109793'; }, [['candidate.idNumber', 'format']]],
    ['letters in the ID', (i) => { i.candidate.idNumber = '14010519900109793A'; }, [['candidate.idNumber', 'format']]],
    ['empty ID', (i) => { i.candidate.idNumber = ''; }, [['candidate.idNumber', 'required']]],
    ['ID of 30 February', (i) => { i.candidate.idNumber = residentId('140105', '19900230', '793'); }, [['candidate.idNumber', 'birthDate']]],
    ['ID born in the future', (i) => { i.candidate.idNumber = residentId('140105', '20200111', '793'); }, [['candidate.idNumber', 'futureBirthDate']]],
    ['ID with unknown province', (i) => { i.candidate.idNumber = residentId('990105', '19900109', '793'); }, [['candidate.idNumber', 'region']]],
    ['gender disagrees with ID', (i) => { i.candidate.gender = 'female'; }, [['candidate.gender', 'mismatch']]],
    ['birth date disagrees with ID', (i) => { i.candidate.birthDate = '1990-01-10'; }, [['candidate.birthDate', 'mismatch']]],
    ['unknown gender value', (i) => { i.candidate.gender = 'M'; }, [['candidate.gender', 'invalidValue']]],
    ['ethnicity 57', (i) => { i.candidate.ethnicity = '57'; }, [['candidate.ethnicity', 'invalidCode']]],
    ['ethnicity 97 (not among the 56)', (i) => { i.candidate.ethnicity = '97'; }, [['candidate.ethnicity', 'invalidCode']]],
    ['ethnicity of one digit', (i) => { i.candidate.ethnicity = '1'; }, [['candidate.ethnicity', 'invalidFormat']]],
    ['ethnicity as a name', (i) => { i.candidate.ethnicity = '汉族'; }, [['candidate.ethnicity', 'invalidFormat']]],
    ['category 143', (i) => { i.exam.categoryCode = '143'; }, [['exam.categoryCode', 'invalidValue']]],
    ['category as a number', (i) => { i.exam.categoryCode = 110; }, [['exam.categoryCode', 'invalidValue']]],
    ['level disagrees with category', (i) => { i.exam.level = '执业助理医师'; }, [['exam.level', 'mismatch']]],
    ['phone with second digit 2', (i) => { i.candidate.phone = '12812341234'; }, [['candidate.phone', 'invalidFormat']]],
    ['landline phone', (i) => { i.candidate.phone = '027-88881234'; }, [['candidate.phone', 'invalidFormat']]],
    ['name too long', (i) => { i.candidate.name = longName; }, [['candidate.name', 'tooLong']]],
    ['empty name', (i) => { i.candidate.name = '   '; }, [['candidate.name', 'required']]],
    ['missing name', (i) => { delete i.candidate.name; }, [['candidate.name', 'required']]],
    ['name with a digit', (i) => { i.candidate.name = '赵六1'; }, [['candidate.name', 'invalidName']]],
    ['teacher name with a symbol', (i) => { i.segments[1].teacherName = '李四#'; }, [['segments.1.teacherName', 'invalidName']]],
    ['institution name too long', (i) => { i.segments[0].institutionName = '院'.repeat(101); }, [['segments.0.institutionName', 'tooLong']]],
    ['department missing', (i) => { delete i.segments[1].department; }, [['segments.1.department', 'required']]],
    ['registration number too short', (i) => { i.segments[0].registrationNo = '12345'; }, [['segments.0.registrationNo', 'invalidFormat']]],
    ['registration number with symbols', (i) => { i.segments[0].registrationNo = '5252#2232'; }, [['segments.0.registrationNo', 'invalidFormat']]],
    ['teacher certificate with symbols', (i) => { i.segments[0].teacherCertNo = '1104-2010'; }, [['segments.0.teacherCertNo', 'invalidFormat']]],
    ['current not a boolean', (i) => { i.segments[1].current = 'false'; }, [['segments.1.current', 'invalidType']]],
    ['unknown candidate field', (i) => { i.candidate.nickname = '小六'; }, [['candidate.nickname', 'unknownField']]],
    ['unknown top-level field', (i) => { i.status = 'approved'; }, [['status', 'unknownField']]],
    ['unknown segment field', (i) => { i.segments[1].note = 'x'; }, [['segments.1.note', 'unknownField']]],
    ['no segments', (i) => { i.segments = []; }, [['segments', 'tooFew']]],
    ['21 segments', (i) => { i.segments = Array.from({ length: 21 }, (_, k) => ({ ...i.segments[1], current: k === 0, checkCode: '434148' })); }, [['segments', 'tooMany']]],
    ['segments not an array', (i) => { i.segments = {}; }, [['segments', 'invalidType']]],
    ['candidate missing', (i) => { delete i.candidate; }, [['candidate', 'required']]],
    ['unknown ID type', (i) => { i.candidate.idType = 'id-card'; }, [['candidate.idType', 'invalidValue']]],
    ['ID valid to before valid from', (i) => { i.candidate.idValidTo = '2015-02-28'; }, [['candidate.idValidTo', 'dateOrder']]],
    ['ID valid to neither date nor 长期', (i) => { i.candidate.idValidTo = '永久'; }, [['candidate.idValidTo', 'invalidFormat']]],
    ['ID valid from 31 April', (i) => { i.candidate.idValidFrom = '2015-04-31'; }, [['candidate.idValidFrom', 'invalidDate']]],
    ['passport without gender and birth date', (i) => { i.candidate.idType = 'passport'; i.candidate.idNumber = 'E12345678'; },
      [['candidate.gender', 'required'], ['candidate.birthDate', 'required']]],
    ['passport with a future birth date', (i) => {
      Object.assign(i.candidate, { idType: 'passport', idNumber: 'E12345678', gender: 'female', birthDate: '2020-01-11' });
    }, [['candidate.birthDate', 'futureDate']]],
    ['malformed HK-Macao permit', (i) => { i.candidate.idType = 'hk-macao-permit'; i.candidate.idNumber = 'H1234'; i.candidate.gender = 'male'; i.candidate.birthDate = '1990-01-01'; },
      [['candidate.idNumber', 'format']]],
    ['prototype key', (i) => { Object.defineProperty(i.candidate, '__proto__', { value: { admin: true }, enumerable: true }); },
      [['candidate.__proto__', 'unknownField']]],
  ];
  for (const [why, change, expected] of table) {
    t.same(fieldsAndCodes(variant(change)), expected, why);
  }
});

t.test('accepts the other document types with gender and birth date given', async (t) => {
  const table: [string, string][] = [['passport', 'e12345678'], ['hk-macao-permit', 'H12345678'], ['taiwan-permit', '07257456']];
  for (const [idType, idNumber] of table) {
    const data = parseApplicationData(
      variant((i) => { Object.assign(i.candidate, { idType, idNumber, gender: 'female', birthDate: '1995-05-05' }); }),
      { today },
    );
    t.equal(data.candidate.idNumber, idNumber.toUpperCase());
    t.equal(data.candidate.gender, 'female');
    t.equal(data.candidate.birthDate, '1995-05-05');
  }
});

t.test('lists every problem of a badly broken application at once, in form order', async (t) => {
  const input = variant((i) => {
    i.candidate.idNumber = '140105199001097931';
    i.candidate.phone = '123';
    i.candidate.ethnicity = '99';
    i.exam.categoryCode = '999';
    i.segments[0].current = false;
    i.segments[0].endsOn = '2019-02-30';
    i.segments[1].startsOn = '2019-03-02';
    i.segments[1].teacherUnit = '';
    i.extra = true;
  });
  t.same(fieldsAndCodes(input), [
    ['candidate.idNumber', 'checkCharacter'],
    ['candidate.ethnicity', 'invalidCode'],
    ['candidate.phone', 'invalidFormat'],
    ['exam.categoryCode', 'invalidValue'],
    ['segments', 'currentCount'],
    ['segments.0.endsOn', 'invalidDate'],
    ['segments.1.endsOn', 'dateOrder'],
    ['segments.1.teacherUnit', 'required'],
    ['extra', 'unknownField'],
  ]);
});

t.test('writes Chinese messages that name the segment', async (t) => {
  const issues = issuesOf(variant((i) => { i.segments[1].endsOn = '2017-01-01'; i.candidate.idNumber = '140105199001097931'; }));
  t.same(issues, [
    { field: 'candidate.idNumber', code: 'checkCharacter', message: '身份证号码校验码错误' },
    { field: 'segments.1.endsOn', code: 'dateOrder', message: '第2个试用机构：试用截止日期不能早于试用开始日期' },
  ]);
});

t.test('throws VALIDATION_FAILED with the field issues', async (t) => {
  const input = variant((i) => { i.segments[1].endsOn = '2017-01-01'; });
  try {
    parseApplicationData(input, { today });
    t.fail('should throw');
  } catch (e) {
    t.ok(isWorkflowError(e));
    if (isWorkflowError(e)) {
      t.equal(e.code, 'VALIDATION_FAILED');
      t.equal(e.status, 400);
      t.same(e.details, [{ field: 'segments.1.endsOn', code: 'dateOrder', message: '第2个试用机构：试用截止日期不能早于试用开始日期' }]);
    }
  }
});

t.test('refuses input that is not an object', async (t) => {
  t.same(fieldsAndCodes(undefined), [['', 'required']]);
  t.same(fieldsAndCodes(null), [['', 'invalidType']]);
  t.same(fieldsAndCodes('{}'), [['', 'invalidType']]);
  t.same(fieldsAndCodes([]), [['', 'invalidType']]);
  t.same(fieldsAndCodes({}), [['candidate', 'required'], ['exam', 'required'], ['segments', 'required']]);
});

t.test('rejects a malformed today as a programming error', async (t) => {
  t.throws(() => parseApplicationData(zhaoLiuInput(), { today: '2020-1-10' }), RangeError);
});

t.test('keeps well-formed segment ids and assigns the others after the highest in use', async (t) => {
  const ids = (segmentIds: unknown[], previousSegmentIds?: string[]) => {
    const input = variant((i) => {
      const base = i.segments[1];
      i.segments = segmentIds.map((id, k) => {
        const s: Mutable = { ...base, current: k === 0, startsOn: `201${k}-01-05`, endsOn: `201${k}-03-01` };
        if (k === 0) s.checkCode = '434148';
        if (id !== undefined) s.id = id;
        return s;
      });
    });
    return parseApplicationData(input, { today, ...(previousSegmentIds ? { previousSegmentIds } : {}) }).segments.map((s) => s.id);
  };
  t.same(ids([undefined, undefined, undefined]), ['s1', 's2', 's3'], 'fresh ids in order');
  t.same(ids(['s2', 's1']), ['s2', 's1'], 'incoming ids kept');
  t.same(ids(['s2', undefined, undefined]), ['s2', 's3', 's4'], 'new ids follow the highest kept id');
  t.same(ids(['s1', 's1']), ['s1', 's2'], 'a duplicate gets a fresh id');
  t.same(ids(['x', 7, 's0', 's01', 'S1', 's1a']), ['s1', 's2', 's3', 's4', 's5', 's6'], 'malformed ids replaced');
  t.same(ids([undefined], ['s1', 's2', 's3']), ['s4'], 'ids used before are never reused');
  t.same(ids(['s2', undefined], ['s1', 's2', 's5']), ['s2', 's6']);
});

t.test('flag mode keeps an invalid ID and name for the red indicator', async (t) => {
  const input = variant((i) => {
    i.candidate.idNumber = '140105199001097931x';
    i.candidate.name = '赵六1';
  });
  t.same(fieldsAndCodes(input, { idCheck: 'flag' }), [['candidate.gender', 'required'], ['candidate.birthDate', 'required']],
    'gender and birth date must then be given');
  const data = parseApplicationData({ ...input, candidate: { ...input.candidate, gender: 'male', birthDate: '1990-01-09' } }, { today, idCheck: 'flag' });
  t.equal(data.candidate.idNumber, '140105199001097931X');
  t.equal(data.candidate.name, '赵六1');
  t.same(fieldsAndCodes(input), [['candidate.name', 'invalidName'], ['candidate.idNumber', 'format']], 'refused by default');
});

t.test('flag mode still derives gender and birth date from a valid ID', async (t) => {
  const data = parseApplicationData(zhaoLiuInput(), { today, idCheck: 'flag' });
  t.equal(data.candidate.gender, 'male');
});

t.test('exports a schema that converts to JSON Schema for the OpenAPI document', async (t) => {
  const schema = z.toJSONSchema(applicationInputSchema) as Mutable;
  t.same(schema.required, ['candidate', 'exam', 'segments']);
  t.equal(schema.additionalProperties, false);
  t.same(schema.properties.exam.properties.categoryCode.enum, ['110', '120', '130', '141', '142', '210', '220', '230', '241', '242']);
});

const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null), fc.boolean(), fc.integer(), fc.string(), fc.constant('2020-02-30'), fc.constant(zhaoLiuId),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('candidate', 'exam', 'segments', 'name', 'idType', 'current', 'startsOn', 'x'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

t.test('never throws anything but a validation result on arbitrary input (property)', async (t) => {
  fc.assert(
    fc.property(jsonish, (input) => {
      const r = safeParseApplicationData(input, { today });
      return r.ok || (r.issues.length > 0 && r.issues.every((i) => /\p{Script=Han}/u.test(i.message) && typeof i.field === 'string'));
    }),
  );
  t.pass('holds for every generated case');
});

t.test('every single-field corruption of the seed is reported on that field or its segment (property)', async (t) => {
  const paths: [string, string][] = [
    ['candidate', 'name'], ['candidate', 'idNumber'], ['candidate', 'ethnicity'], ['candidate', 'idValidFrom'],
    ['candidate', 'idValidTo'], ['candidate', 'phone'], ['candidate', 'idType'], ['exam', 'categoryCode'],
  ];
  fc.assert(
    fc.property(fc.constantFrom(...paths), fc.constantFrom<unknown>(null, 42, '', '#', true, [], {}), ([group, key], value) => {
      const input = variant((i) => { i[group][key] = value; });
      const issues = issuesOf(input);
      return issues.length > 0 && issues.every((i) => i.field === `${group}.${key}`);
    }),
  );
  t.pass('holds for every generated case');
});
