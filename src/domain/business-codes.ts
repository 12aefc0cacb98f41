/**
 * The ten business lines of the platform, exactly as the seed's 业务账号 table
 * lists them (code, name, order). Only 19 has a workflow behind it; the
 * others exist so business accounts can be generated and activated.
 */

/** A two-digit business code of the seed table. */
export type BusinessCode = '10' | '11' | '12' | '13' | '14' | '15' | '19' | '20' | '21' | '22';

/** One row of the business table. */
export interface BusinessLine {
  /** 1-based row number of the seed table (序号). */
  seq: number;
  code: BusinessCode;
  name: string;
}

/** The business table in the seed's order. */
export const businessLines: readonly BusinessLine[] = Object.freeze([
  { seq: 1, code: '10', name: '考试报名资格审核业务' },
  { seq: 2, code: '11', name: '卫生专业技术资格考试' },
  { seq: 3, code: '12', name: '护士执业资格考试' },
  { seq: 4, code: '13', name: '卫生高级职称水平能力测试' },
  { seq: 5, code: '14', name: '卫生高级职称评审' },
  { seq: 6, code: '15', name: '卫生健康行业职业技能鉴定' },
  { seq: 7, code: '19', name: '医师资格考试试用期考核证明申报管理' },
  { seq: 8, code: '20', name: '规范化培训业务' },
  { seq: 9, code: '21', name: '助理全科医师规范化培训' },
  { seq: 10, code: '22', name: '住院医师规范化培训' },
].map((line) => Object.freeze(line as BusinessLine)));

/** The business this library runs a workflow for. */
export const PROBATION_BUSINESS_CODE: BusinessCode = '19';

/** All business codes in table order. */
export const businessCodes: readonly BusinessCode[] = businessLines.map((line) => line.code);

/**
 * Narrows an unknown value to a {@link BusinessCode}.
 *
 * @example
 * isBusinessCode('19'); // true
 * isBusinessCode('16'); // false
 */
export function isBusinessCode(value: unknown): value is BusinessCode {
  return typeof value === 'string' && (businessCodes as readonly string[]).includes(value);
}

/**
 * The row of a business code, or `undefined` for an unknown code.
 *
 * @example
 * findBusinessLine('19')?.name; // '医师资格考试试用期考核证明申报管理'
 */
export function findBusinessLine(code: string): BusinessLine | undefined {
  return businessLines.find((line) => line.code === code);
}
