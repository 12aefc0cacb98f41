/**
 * The data of a probation application (SPEC §4.3): the JSON a candidate or a
 * unit sends on CREATE and EDIT, checked completely and returned normalised.
 * Every problem is reported at once, each with the dotted path of its field
 * and a Chinese message, so a form can mark all of them in one round trip.
 */

import { z } from 'zod';
import { validationFailed, type FieldIssue } from '../errors.js';
import { compareIsoDates, isIsoDate, parseIsoDate, type IsoDate } from './calendar-date.js';
import { examCategoryCodes, findExamCategory, type ExamCategoryCode } from './exam-categories.js';
import { findEthnicGroup } from './ethnic-groups.js';
import { idTypes, isIdType, validateIdDocument, type Gender, type IdType } from './id-card.js';
import { foldIdentifier } from './identifier-text.js';
import { parseMobile } from './mobile.js';
import { isPlausiblePersonName, normaliseName } from './name-normalise.js';
import { physicianLevels, type PhysicianLevel } from './practice-categories.js';

/** The literal an ID document without an expiry date carries as its end of validity. */
export const LONG_TERM = '长期';

/** A normalised probation segment (试用机构). */
export interface ApplicationSegment {
  /** Stable id within the application: `s1`, `s2` … */
  id: string;
  /** The current probation institution (当前试用机构); exactly one segment has it. */
  current: boolean;
  institutionName: string;
  /** 登记号: the institution's 医疗执业机构许可证号, folded (upper-case, no spaces). */
  registrationNo: string;
  /** The institution's 6-digit 校验码; kept on the current segment only. */
  checkCode?: string;
  /** In responses instead of checkCode (write-only): the current segment's 校验码 matched the institution. */
  checkCodeVerified?: true;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** 岗位（科室）名称. */
  department: string;
  teacherName: string;
  /** 带教老师医师执业证书编码, folded. */
  teacherCertNo: string;
  teacherUnit: string;
}

/** Normalised basic information of the candidate. */
export interface ApplicationCandidate {
  name: string;
  idType: IdType;
  idNumber: string;
  gender: Gender;
  birthDate: IsoDate;
  /** GB/T 3304 code `'01'`–`'56'`. */
  ethnicity: string;
  idValidFrom: IsoDate;
  /** Last day of validity, or `'长期'`. */
  idValidTo: IsoDate | typeof LONG_TERM;
  phone: string;
}

/** Normalised exam information. */
export interface ApplicationExam {
  categoryCode: ExamCategoryCode;
  /** 报考级别, derived from the category code (1xx 执业医师, 2xx 执业助理医师). */
  level: PhysicianLevel;
}

/** A checked and normalised application. Passing it to {@link parseApplicationData} again returns an equal value. */
export interface ApplicationData {
  candidate: ApplicationCandidate;
  exam: ApplicationExam;
  segments: ApplicationSegment[];
}

/** Options of {@link parseApplicationData}. */
export interface ParseApplicationOptions {
  /** Today's date (China), for the birth-date rules. */
  today: IsoDate;
  /**
   * Segment ids this application has used before. New segments get ids after
   * the highest of these, so an id is never reused for a different segment
   * (a paper certificate is attached to a segment id).
   */
  previousSegmentIds?: Iterable<string>;
  /**
   * `refuse` (default): an invalid ID number or name is a field error.
   * `flag`: it is kept as given (folded) so that data imported from another
   * system can be stored and shown with the red indicator 非法证件号或姓名;
   * gender and birth date must then be given when the number cannot supply
   * them.
   */
  idCheck?: 'refuse' | 'flag';
}

/** Longest texts, in UTF-16 units. */
export const fieldLimits = {
  name: 50,
  institutionName: 100,
  department: 50,
  teacherName: 50,
  teacherUnit: 100,
  segments: 20,
} as const;

/** Chinese labels of the fields, by property name. */
export const applicationFieldLabels: Readonly<Record<string, string>> = {
  candidate: '考生信息',
  name: '姓名',
  idType: '证件类型',
  idNumber: '证件号码',
  gender: '性别',
  birthDate: '出生日期',
  ethnicity: '民族',
  idValidFrom: '证件有效期起始日期',
  idValidTo: '证件有效期截止日期',
  phone: '手机号码',
  exam: '报考信息',
  categoryCode: '报考类别',
  level: '报考级别',
  segments: '试用机构',
  id: '试用机构编号',
  current: '是否当前试用机构',
  institutionName: '试用机构名称',
  registrationNo: '试用机构登记号',
  checkCode: '试用机构校验码',
  startsOn: '试用开始日期',
  endsOn: '试用截止日期',
  department: '岗位（科室）名称',
  teacherName: '带教老师姓名',
  teacherCertNo: '带教老师医师执业证书号码',
  teacherUnit: '带教老师执业单位',
};

// Dates outside this window are typos (a start year of 1019 would count a thousand years of probation).
const earliestYear = 1900;
const latestYear = 2099;

function inDateWindow(value: string): boolean {
  const parts = parseIsoDate(value);
  return parts !== null && parts.year >= earliestYear && parts.year <= latestYear;
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

function text(label: string, max: number) {
  return z.string().min(1, { error: `请填写${label}` }).max(max, { error: `${label}不能超过${max}个字符` });
}

function date(label: string) {
  return z
    .string()
    .regex(isoDatePattern, { error: `${label}应为YYYY-MM-DD格式`, abort: true })
    .refine(inDateWindow, { error: `${label}不是有效日期`, params: { code: 'invalidDate' } });
}

/**
 * Structure and per-field formats of the application JSON, as a zod schema.
 * It describes the values after {@link parseApplicationData}'s folding
 * (trimmed strings, identifiers upper-case without spaces, a `+86` dropped);
 * cross-field rules (one current segment, dates in order, ID number valid
 * and agreeing with gender and birth date …) are checked by the parser, not
 * by the schema. Free of transforms, so `z.toJSONSchema` can document it.
 *
 * @example
 * applicationInputSchema.safeParse({ candidate: {} }).success; // false: exam and segments are missing
 */
export const applicationInputSchema = z.strictObject({
  candidate: z.strictObject({
    name: text('姓名', fieldLimits.name),
    idType: z.enum(idTypes, {
      error: '证件类型应为 resident-id、passport、hk-macao-permit 或 taiwan-permit',
    }),
    idNumber: z.string().min(1, { error: '请填写证件号码' }).max(30, { error: '证件号码不能超过30个字符' }),
    gender: z.enum(['male', 'female'], { error: '性别应为 male 或 female' }).optional(),
    birthDate: date('出生日期').optional(),
    ethnicity: z.string().regex(/^\d{2}$/, { error: '民族应为两位民族代码', abort: true })
      .refine((v) => findEthnicGroup(v) !== undefined, { error: '民族代码无效（应为01至56）', params: { code: 'invalidCode' } }),
    idValidFrom: date('证件有效期起始日期'),
    idValidTo: z.string()
      .regex(/^(\d{4}-\d{2}-\d{2}|长期)$/, { error: '证件有效期截止日期应为YYYY-MM-DD或“长期”', abort: true })
      .refine((v) => v === LONG_TERM || inDateWindow(v), { error: '证件有效期截止日期不是有效日期', params: { code: 'invalidDate' } }),
    phone: z.string().regex(/^1[3-9]\d{9}$/, { error: '手机号码应为11位中国大陆手机号' }),
  }),
  exam: z.strictObject({
    categoryCode: z.enum(examCategoryCodes, {
      error: '报考类别代码无效',
    }),
    level: z.enum(physicianLevels, { error: '报考级别应为执业医师或执业助理医师' }).optional(),
  }),
  segments: z
    .array(
      z.strictObject({
        id: z.unknown().optional().meta({ description: 'Stable segment id (s1, s2 …); assigned when absent or malformed.' }),
        current: z.boolean({ error: '是否当前试用机构应为 true 或 false' }),
        institutionName: text('试用机构名称', fieldLimits.institutionName),
        registrationNo: z.string().regex(/^[0-9A-Z-]{6,30}$/, { error: '试用机构登记号应为6至30位数字、大写字母或连字符' }),
        checkCode: z.string().regex(/^\d{6}$/, { error: '试用机构校验码应为6位数字' }).optional(),
        startsOn: date('试用开始日期'),
        endsOn: date('试用截止日期'),
        department: text('岗位（科室）名称', fieldLimits.department),
        teacherName: text('带教老师姓名', fieldLimits.teacherName),
        teacherCertNo: z.string().regex(/^[0-9A-Z]{5,30}$/, { error: '带教老师医师执业证书号码应为5至30位数字或字母' }),
        teacherUnit: text('带教老师执业单位', fieldLimits.teacherUnit),
      }),
    )
    .min(1, { error: '至少填写一个试用机构' })
    .max(fieldLimits.segments, { error: `试用机构不能超过${fieldLimits.segments}个` }),
});

/** A segment as answers show it: the 校验码 is write-only (issue 17), `checkCodeVerified` says it matched. */
export type PublishedSegment = Omit<ApplicationSegment, 'checkCode'>;

/** The normalised data as every answer carries it. */
export interface PublishedApplicationData {
  candidate: ApplicationCandidate;
  exam: ApplicationExam;
  segments: PublishedSegment[];
}

const publishedDate = (description: string) => z.string().meta({ format: 'date', description });

/**
 * The normalised application data as answers carry it, as a zod schema.
 * Typed against {@link PublishedApplicationData} (so this schema and the
 * interfaces above cannot drift apart) and built from the same enums as
 * {@link applicationInputSchema}; the HTTP adapter documents answers with it.
 *
 * @example
 * const detail = await engine.declarations.detail(applicationId, actor);
 * applicationDataSchema.parse(detail.data); // the published shape: no 校验码, checkCodeVerified instead
 */
export const applicationDataSchema: z.ZodType<PublishedApplicationData> = z.object({
  candidate: z.object({
    name: z.string().meta({ description: applicationFieldLabels.name }),
    idType: z.enum(idTypes as [IdType, ...IdType[]]).meta({ description: applicationFieldLabels.idType }),
    idNumber: z.string().meta({ description: applicationFieldLabels.idNumber }),
    gender: z.enum(['male', 'female']).meta({ description: applicationFieldLabels.gender }),
    birthDate: publishedDate('出生日期'),
    ethnicity: z.string().meta({ description: '民族（GB/T 3304 两位代码）', example: '01' }),
    idValidFrom: publishedDate('证件有效期起始日期'),
    idValidTo: z.string().meta({ description: '证件有效期截止日期：YYYY-MM-DD，或“长期”', example: '2035-03-01' }),
    phone: z.string().meta({ description: applicationFieldLabels.phone }),
  }),
  exam: z.object({
    categoryCode: z.enum(examCategoryCodes as [ExamCategoryCode, ...ExamCategoryCode[]]).meta({ description: applicationFieldLabels.categoryCode }),
    level: z.enum(physicianLevels as [PhysicianLevel, ...PhysicianLevel[]]).meta({ description: '报考级别（由报考类别得出）' }),
  }),
  segments: z.array(
    z.object({
      id: z.string().meta({ description: '试用机构编号（s1、s2 …），纸质证明按此绑定', example: 's1' }),
      current: z.boolean().meta({ description: applicationFieldLabels.current }),
      institutionName: z.string().meta({ description: applicationFieldLabels.institutionName }),
      registrationNo: z.string().meta({ description: applicationFieldLabels.registrationNo }),
      checkCodeVerified: z
        .literal(true)
        .optional()
        .meta({ description: '当前试用机构的校验码已核对（校验码只写不读，任何应答都不含校验码）' }),
      startsOn: publishedDate('试用开始日期'),
      endsOn: publishedDate('试用截止日期'),
      department: z.string().meta({ description: applicationFieldLabels.department }),
      teacherName: z.string().meta({ description: applicationFieldLabels.teacherName }),
      teacherCertNo: z.string().meta({ description: applicationFieldLabels.teacherCertNo }),
      teacherUnit: z.string().meta({ description: applicationFieldLabels.teacherUnit }),
    }),
  ),
});

/** The application JSON as {@link applicationInputSchema} describes it. */
export type ApplicationInput = z.input<typeof applicationInputSchema>;

type Json = unknown;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Object.fromEntries defines an own "__proto__" property instead of setting the prototype.
function trimDeep(value: Json): Json {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimDeep);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimDeep(v)]));
  return value;
}

function mapString(obj: Record<string, unknown>, key: string, f: (s: string) => string): void {
  const v = obj[key];
  if (typeof v === 'string') obj[key] = f(v);
}

/** Trims every string and folds the identifier fields, on a copy. */
function prepare(input: unknown): unknown {
  const data = trimDeep(input);
  if (!isPlainObject(data)) return data;
  const candidate = data['candidate'];
  if (isPlainObject(candidate)) {
    mapString(candidate, 'name', normaliseName);
    mapString(candidate, 'idNumber', foldIdentifier);
    mapString(candidate, 'phone', (v) => {
      const parsed = parseMobile(v);
      return parsed.ok ? parsed.value : v;
    });
    mapString(candidate, 'idValidTo', (v) => (v === '长期有效' ? LONG_TERM : v));
  }
  const segments = data['segments'];
  if (Array.isArray(segments)) {
    for (const segment of segments) {
      if (!isPlainObject(segment)) continue;
      mapString(segment, 'registrationNo', foldIdentifier);
      mapString(segment, 'checkCode', foldIdentifier);
      mapString(segment, 'teacherCertNo', foldIdentifier);
      mapString(segment, 'teacherName', normaliseName);
    }
  }
  return data;
}

// Document order of the fields, so issues come out in the order a form shows them.
const fieldOrder = [
  'candidate', 'exam', 'segments',
  'name', 'idType', 'idNumber', 'gender', 'birthDate', 'ethnicity', 'idValidFrom', 'idValidTo', 'phone',
  'categoryCode', 'level',
  'id', 'current', 'institutionName', 'registrationNo', 'checkCode', 'startsOn', 'endsOn',
  'department', 'teacherName', 'teacherCertNo', 'teacherUnit',
];

function sortKey(field: string): number[] {
  if (field === '') return [-1];
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : (() => {
    const i = fieldOrder.indexOf(part);
    return i < 0 ? fieldOrder.length : i;
  })()));
}

function compareFields(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  }
  return ka.length - kb.length || (a < b ? -1 : a > b ? 1 : 0);
}

function labelOf(path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return (typeof last === 'string' && applicationFieldLabels[last]) || '字段';
}

// Messages of segment fields name the segment the way a person counts them.
function withSegmentPrefix(path: readonly PropertyKey[], message: string): string {
  return path[0] === 'segments' && typeof path[1] === 'number' && path.length > 2 ? `第${path[1] + 1}个试用机构：${message}` : message;
}

const hasChinese = /\p{Script=Han}/u;

class IssueList {
  readonly issues: FieldIssue[] = [];
  add(path: readonly PropertyKey[], code: string, message: string): void {
    const field = path.map(String).join('.');
    // One problem per field is enough to fix it; the first found is the most basic.
    if (this.issues.some((i) => i.field === field)) return;
    this.issues.push({ field, code, message: withSegmentPrefix(path, message) });
  }
  has(path: readonly PropertyKey[]): boolean {
    const field = path.map(String).join('.');
    return this.issues.some((i) => i.field === field);
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (Array.isArray(v) && typeof p === 'number') v = v[p];
    else if (isPlainObject(v) && typeof p === 'string' && Object.hasOwn(v, p)) v = v[p];
    else return undefined;
  }
  return v;
}

function addZodIssues(list: IssueList, error: z.ZodError, prepared: unknown): void {
  for (const issue of error.issues) {
    const path = issue.path;
    const label = labelOf(path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) list.add([...path, key], 'unknownField', `不允许的字段：${key}`);
        break;
      case 'invalid_type':
        if (valueAt(prepared, path) === undefined) {
          list.add(path, 'required', path.length === 0 ? '请提交申报数据' : `请填写${label}`);
        } else {
          const expected = issue.expected === 'object' ? '对象' : issue.expected === 'array' ? '数组' : issue.expected === 'boolean' ? '布尔值（true 或 false）' : issue.expected === 'string' ? '文本' : issue.expected;
          list.add(path, 'invalidType', path.length === 0 ? '申报数据应为对象' : `${label}应为${expected}`);
        }
        break;
      case 'too_small':
        list.add(path, issue.origin === 'array' ? 'tooFew' : 'required', hasChinese.test(issue.message) ? issue.message : `请填写${label}`);
        break;
      case 'too_big':
        list.add(path, issue.origin === 'array' ? 'tooMany' : 'tooLong', hasChinese.test(issue.message) ? issue.message : `${label}过长`);
        break;
      case 'custom': {
        const code = (issue.params as { code?: unknown } | undefined)?.code;
        list.add(path, typeof code === 'string' ? code : 'invalid', hasChinese.test(issue.message) ? issue.message : `${label}无效`);
        break;
      }
      default:
        list.add(path, issue.code === 'invalid_value' ? 'invalidValue' : 'invalidFormat', hasChinese.test(issue.message) ? issue.message : `${label}格式不正确`);
    }
  }
}

const segmentIdPattern = /^s[1-9]\d{0,5}$/;

function assignSegmentIds(incoming: readonly unknown[], previous: Iterable<string>): string[] {
  const kept = new Set<string>();
  const ids: (string | null)[] = incoming.map((id) => {
    if (typeof id === 'string' && segmentIdPattern.test(id) && !kept.has(id)) {
      kept.add(id);
      return id;
    }
    return null;
  });
  let highest = 0;
  for (const id of [...kept, ...previous]) {
    if (segmentIdPattern.test(id)) highest = Math.max(highest, Number(id.slice(1)));
  }
  return ids.map((id) => id ?? `s${++highest}`);
}

/** Outcome of {@link safeParseApplicationData}. */
export type ApplicationParseResult = { ok: true; data: ApplicationData } | { ok: false; issues: FieldIssue[] };

/**
 * Checks application JSON like {@link parseApplicationData} but returns the
 * field issues instead of throwing.
 *
 * @example
 * const r = safeParseApplicationData(body, { today: '2020-01-10' });
 * if (!r.ok) console.log(r.issues.map((i) => i.field)); // e.g. ['segments.1.endsOn']
 */
export function safeParseApplicationData(input: unknown, options: ParseApplicationOptions): ApplicationParseResult {
  const { today } = options;
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const idCheck = options.idCheck ?? 'refuse';
  const prepared = prepare(input);
  const list = new IssueList();
  const parsed = applicationInputSchema.safeParse(prepared);
  if (!parsed.success) addZodIssues(list, parsed.error, prepared);

  // Cross-field rules run on the prepared input even when the schema failed
  // elsewhere, so one round trip shows every problem; a field that already has
  // an issue is skipped by IssueList.add.
  const root = isPlainObject(prepared) ? prepared : {};
  const candidate = isPlainObject(root['candidate']) ? root['candidate'] : {};
  const exam = isPlainObject(root['exam']) ? root['exam'] : {};
  const segments = Array.isArray(root['segments']) ? root['segments'] : [];

  const str = (obj: Record<string, unknown>, key: string): string | undefined => {
    const v = obj[key];
    return typeof v === 'string' ? v : undefined;
  };

  // Candidate: name, document number, and what the number says about the person.
  const name = str(candidate, 'name');
  if (idCheck === 'refuse' && name && !list.has(['candidate', 'name']) && !isPlausiblePersonName(name)) {
    list.add(['candidate', 'name'], 'invalidName', '姓名只能包含文字、间隔号·、空格、连字符或撇号');
  }
  let derivedGender: Gender | undefined;
  let derivedBirthDate: IsoDate | undefined;
  let idNumber = str(candidate, 'idNumber');
  const idType = str(candidate, 'idType');
  if (idNumber && !list.has(['candidate', 'idNumber']) && !list.has(['candidate', 'idType']) && idType) {
    const result = validateIdDocument(idType as IdType, idNumber, { today });
    if (result.ok) {
      idNumber = result.value;
      if ('gender' in result) {
        derivedGender = result.gender;
        derivedBirthDate = result.birthDate;
      }
    } else if (idCheck === 'refuse') {
      list.add(['candidate', 'idNumber'], result.code, result.message);
    }
  }
  const gender = str(candidate, 'gender');
  const birthDate = str(candidate, 'birthDate');
  if (derivedGender !== undefined) {
    if (gender !== undefined && gender !== derivedGender) {
      list.add(['candidate', 'gender'], 'mismatch', '性别与身份证号码不一致');
    }
    if (birthDate !== undefined && birthDate !== derivedBirthDate) {
      list.add(['candidate', 'birthDate'], 'mismatch', '出生日期与身份证号码不一致');
    }
  } else if (isIdType(idType) && (idType !== 'resident-id' || idCheck === 'flag')) {
    // In refuse mode an invalid resident ID is already reported; asking for what it should have supplied would be noise.
    const why = idType === 'resident-id' ? '身份证号码无效时' : '非居民身份证';
    if (gender === undefined) list.add(['candidate', 'gender'], 'required', `${why}须填写性别`);
    if (birthDate === undefined) list.add(['candidate', 'birthDate'], 'required', `${why}须填写出生日期`);
    else if (isIsoDate(birthDate) && birthDate > today) list.add(['candidate', 'birthDate'], 'futureDate', '出生日期不能晚于今天');
  }
  const validFrom = str(candidate, 'idValidFrom');
  const validTo = str(candidate, 'idValidTo');
  if (validFrom && validTo && validTo !== LONG_TERM && isIsoDate(validFrom) && isIsoDate(validTo) && validFrom > validTo) {
    list.add(['candidate', 'idValidTo'], 'dateOrder', '证件有效期截止日期不能早于起始日期');
  }

  // Exam: an echoed level must agree with the category code it follows from.
  const categoryCode = str(exam, 'categoryCode');
  const category = categoryCode === undefined ? undefined : findExamCategory(categoryCode);
  const level = str(exam, 'level');
  if (category && level !== undefined && level !== category.level) {
    list.add(['exam', 'level'], 'mismatch', `报考级别应为${category.level}（由报考类别${category.label}决定）`);
  }

  // Segments.
  const currentCount = segments.filter((s) => isPlainObject(s) && s['current'] === true).length;
  if (segments.length > 0 && currentCount !== 1) {
    list.add(['segments'], 'currentCount', currentCount === 0 ? '必须指定一个当前试用机构' : '只能有一个当前试用机构');
  }
  // A birth date that is itself wrong would only add echoes of its own issue.
  const personBirth =
    derivedBirthDate ?? (birthDate !== undefined && isIsoDate(birthDate) && !list.has(['candidate', 'birthDate']) ? birthDate : undefined);
  segments.forEach((segment, i) => {
    if (!isPlainObject(segment)) return;
    if (segment['current'] === true && segment['checkCode'] === undefined) {
      list.add(['segments', i, 'checkCode'], 'required', '当前试用机构须填写试用机构校验码');
    }
    const startsOn = str(segment, 'startsOn');
    const endsOn = str(segment, 'endsOn');
    const datesOk = startsOn !== undefined && endsOn !== undefined && isIsoDate(startsOn) && isIsoDate(endsOn);
    if (datesOk && compareIsoDates(startsOn, endsOn) > 0) {
      list.add(['segments', i, 'endsOn'], 'dateOrder', '试用截止日期不能早于试用开始日期');
    }
    if (startsOn !== undefined && isIsoDate(startsOn) && personBirth !== undefined && startsOn < personBirth) {
      list.add(['segments', i, 'startsOn'], 'beforeBirth', '试用开始日期不能早于出生日期');
    }
    const teacherName = str(segment, 'teacherName');
    if (idCheck === 'refuse' && teacherName && !list.has(['segments', i, 'teacherName']) && !isPlausiblePersonName(teacherName)) {
      list.add(['segments', i, 'teacherName'], 'invalidName', '带教老师姓名只能包含文字、间隔号·、空格、连字符或撇号');
    }
  });

  if (list.issues.length > 0 || !parsed.success) {
    return { ok: false, issues: [...list.issues].sort((a, b) => compareFields(a.field, b.field)) };
  }

  const input_ = parsed.data;
  const resolvedCategory = findExamCategory(input_.exam.categoryCode)!;
  const ids = assignSegmentIds(input_.segments.map((s) => s.id), options.previousSegmentIds ?? []);
  const data: ApplicationData = {
    candidate: {
      name: input_.candidate.name,
      idType: input_.candidate.idType,
      idNumber: idNumber ?? input_.candidate.idNumber,
      // Either derived from a valid resident ID or, per the rules above, given.
      gender: derivedGender ?? (input_.candidate.gender as Gender),
      birthDate: derivedBirthDate ?? (input_.candidate.birthDate as IsoDate),
      ethnicity: input_.candidate.ethnicity,
      idValidFrom: input_.candidate.idValidFrom,
      idValidTo: input_.candidate.idValidTo,
      phone: input_.candidate.phone,
    },
    exam: { categoryCode: resolvedCategory.code, level: resolvedCategory.level },
    segments: input_.segments.map((s, i) => {
      const segment: ApplicationSegment = {
        id: ids[i]!,
        current: s.current,
        institutionName: s.institutionName,
        registrationNo: s.registrationNo,
        startsOn: s.startsOn,
        endsOn: s.endsOn,
        department: s.department,
        teacherName: s.teacherName,
        teacherCertNo: s.teacherCertNo,
        teacherUnit: s.teacherUnit,
      };
      // The check code proves the link to the current institution only; other institutions' codes are not kept.
      if (s.current && s.checkCode !== undefined) segment.checkCode = s.checkCode;
      return segment;
    }),
  };
  return { ok: true, data };
}

/**
 * Checks and normalises application JSON (SPEC §4.3) or throws
 * VALIDATION_FAILED listing every problem (`details`: `FieldIssue[]` with
 * paths such as `segments.1.endsOn`).
 *
 * Normalisation: strings trimmed; names with unified middle dots and no
 * stray spaces; ID, registration, certificate and check-code numbers folded
 * (half-width, no spaces, upper-case, so `x` → `X`); `+86` dropped from the
 * phone; `长期有效` → `长期`; gender and birth date derived from a resident
 * ID; the exam level derived from the category code; segment ids kept when
 * they look like `s<n>` and unique, otherwise assigned after the highest id
 * in use; the check code kept on the current segment only.
 *
 * Refused: unknown fields anywhere; missing or mistyped fields; texts over
 * their limit; dates that are not real `YYYY-MM-DD` dates between 1900 and
 * 2099; an invalid document number (resident ID: format, region, birth
 * date, check character); gender or birth date disagreeing with a resident
 * ID, or missing for other documents; an unknown ethnicity or category code;
 * a level disagreeing with the category; a phone that is not a mainland
 * mobile; not exactly one current segment; a current segment without a
 * 6-digit check code; a segment ending before it starts or starting before
 * the candidate's birth. Overlaps, short totals and dates after the cut-off
 * are not refused: they are indicators.
 *
 * @example
 * const data = parseApplicationData(body, { today: '2020-01-10' });
 * data.candidate.gender; // 'male', derived from the ID number
 * data.exam.level;       // '执业医师' for category '110'
 */
export function parseApplicationData(input: unknown, options: ParseApplicationOptions): ApplicationData {
  const result = safeParseApplicationData(input, options);
  if (!result.ok) throw validationFailed(result.issues);
  return result.data;
}
