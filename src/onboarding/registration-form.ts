import { checkCreditCode } from '../domain/credit-code.js';
import { foldIdentifier } from '../domain/identifier-text.js';
import { parseMobile } from '../domain/mobile.js';
import { isPlausiblePersonName, normaliseName } from '../domain/name-normalise.js';
import type { FieldIssue } from '../errors.js';

/**
 * The institution registration form of the seed (一.2.2) and SPEC §4.2:
 * field names as in the multipart request, labels as on the screen and on
 * the printable 单位用户注册申请表.
 */
export const registrationFields = [
  { name: 'name', label: '单位全称（第一名称）' },
  { name: 'address', label: '单位地址' },
  { name: 'creditCode', label: '统一社会信用代码' },
  { name: 'isMedical', label: '是否医疗机构' },
  { name: 'licenseNo', label: '医疗执业机构许可证号（仅医疗机构填写）' },
  { name: 'adminName', label: '本单位使用此平台的系统管理员姓名' },
  { name: 'adminPhone', label: '手机' },
  { name: 'departmentId', label: '本单位业务主管（指导）卫生部门' },
] as const;

/** The attachments of a registration (附件信息上传), by multipart field name. */
export const registrationFiles = [
  { name: 'registrationForm', label: '单位用户注册申请表（盖章）', requiredWhen: 'always' },
  { name: 'creditCertificate', label: '统一社会信用代码证', requiredWhen: 'always' },
  { name: 'medicalLicense', label: '医疗登记许可证', requiredWhen: 'medical' },
] as const;

export type RegistrationFileKind = (typeof registrationFiles)[number]['name'];

/** A validated registration, normalised as stored. */
export interface RegistrationForm {
  name: string;
  address: string;
  /** Upper-case, half-width. */
  creditCode: string;
  /** False when the check character is wrong: a red indicator, not a refusal. */
  creditCodeCheckOk: boolean;
  isMedical: boolean;
  /** 医疗执业机构许可证号 (the 登记号 candidates quote); null for other institutions. */
  licenseNo: string | null;
  adminName: string;
  adminPhone: string;
  departmentId: string;
}

const MAX_NAME = 100;
const MAX_ADDRESS = 200;
const licensePattern = /^[0-9A-Z]{6,40}$/;

const truthy = new Set(['true', '1', 'yes', 'on', '是']);
const falsy = new Set(['false', '0', 'no', 'off', '否']);

/**
 * Checks the text fields of a registration and normalises them. Every
 * problem is reported with its field; `departmentExists` says whether a
 * health-department id names a node of the tree. `isMedical` may be left
 * out: then an institution that gives a licence number is a medical one.
 *
 * @example
 * const { form, issues } = await validateRegistrationForm(fields, (id) => departments.get(id).then(Boolean));
 * if (issues.length) throw validationFailed(issues);
 */
export async function validateRegistrationForm(
  fields: Readonly<Record<string, string | undefined>>,
  departmentExists: (id: string) => Promise<boolean>,
): Promise<{ form: RegistrationForm | null; issues: FieldIssue[]; isMedical: boolean }> {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, message: string) => issues.push({ field, code, message });
  const text = (key: string) => (fields[key] ?? '').trim();

  const name = text('name').replace(/\s+/gu, ' ');
  if (!name) issue('name', 'required', '请填写单位全称');
  else if ([...name].length < 2) issue('name', 'tooShort', '单位全称至少2个字符');
  else if ([...name].length > MAX_NAME) issue('name', 'tooLong', `单位全称不能超过${MAX_NAME}个字符`);

  const address = text('address').replace(/\s+/gu, ' ');
  if (!address) issue('address', 'required', '请填写单位地址');
  else if ([...address].length > MAX_ADDRESS) issue('address', 'tooLong', `单位地址不能超过${MAX_ADDRESS}个字符`);

  const credit = checkCreditCode(fields.creditCode ?? '');
  if (!credit.normalised) issue('creditCode', 'required', '请填写统一社会信用代码');
  else if (!credit.formatOk) issue('creditCode', 'format', '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）');

  const licenseNo = foldIdentifier(fields.licenseNo ?? '').replace(/-/g, '');
  const medicalText = text('isMedical').toLowerCase();
  let isMedical = licenseNo !== '';
  if (medicalText) {
    if (truthy.has(medicalText)) isMedical = true;
    else if (falsy.has(medicalText)) isMedical = false;
    else issue('isMedical', 'invalid', '是否医疗机构须为 true 或 false');
  }
  if (isMedical && !licenseNo) issue('licenseNo', 'required', '医疗机构须填写医疗执业机构许可证号');
  else if (!isMedical && licenseNo) issue('licenseNo', 'notApplicable', '医疗执业机构许可证号仅医疗机构填写');
  else if (licenseNo && !licensePattern.test(licenseNo)) issue('licenseNo', 'format', '医疗执业机构许可证号应为6至40位数字或字母');

  const adminName = normaliseName(fields.adminName ?? '');
  if (!adminName) issue('adminName', 'required', '请填写系统管理员姓名');
  else if (!isPlausiblePersonName(adminName)) issue('adminName', 'invalidName', '请填写系统管理员的真实姓名');

  const phone = parseMobile(fields.adminPhone ?? '');
  if (!phone.ok) issue('adminPhone', phone.code, phone.message);

  const departmentId = text('departmentId');
  if (!departmentId) issue('departmentId', 'required', '请选择本单位业务主管（指导）卫生部门');
  else if (departmentId.length > 40 || !(await departmentExists(departmentId))) {
    issue('departmentId', 'unknownDepartment', '所选卫生部门不存在');
  }

  if (issues.length || !phone.ok) return { form: null, issues, isMedical };
  return {
    isMedical,
    form: {
      name,
      address,
      creditCode: credit.normalised,
      creditCodeCheckOk: credit.checkCharacterOk,
      isMedical,
      licenseNo: isMedical ? licenseNo : null,
      adminName,
      adminPhone: phone.value,
      departmentId,
    },
    issues,
  };
}

/**
 * Which attachments a registration must have, given whether the
 * institution is medical; lists a problem per missing or unexpected file.
 *
 * @example
 * attachmentIssues(new Set(['registrationForm']), true);
 * // [{ field: 'creditCertificate', code: 'required', … }, { field: 'medicalLicense', code: 'required', … }]
 */
export function attachmentIssues(present: ReadonlySet<string>, isMedical: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const file of registrationFiles) {
    const required = file.requiredWhen === 'always' || isMedical;
    if (required && !present.has(file.name)) issues.push({ field: file.name, code: 'required', message: `请上传${file.label}` });
    if (!required && present.has(file.name)) {
      issues.push({ field: file.name, code: 'notApplicable', message: `${file.label}仅医疗机构上传` });
    }
  }
  return issues;
}
