import { z } from 'zod';
import { businessAccountMachine } from '../../../machines/business-account.js';
import { institutionMachine } from '../../../machines/institution.js';
import { stateField } from './states.js';
import { businessCodes } from '../../../src/domain/business-codes.js';
import { institutionStates } from '../../../src/onboarding/institution-views.js';
import { paginationQuery, timestamp, uploadField, uuidString } from './common.js';

/** Zod schemas of the onboarding endpoints (SPEC §5.2). */

// Its own component (not the applications' HistoryEntry), so the two areas can evolve apart.
const historyEntrySchema = z
  .object({
    seq: z.number().int(),
    from: z.string().nullable(),
    to: z.string(),
    event: z.string().meta({ example: 'APPROVE' }),
    payload: z.record(z.string(), z.unknown()).meta({ description: '事件内容（原因）与引擎当时确定的事实' }),
    actorId: z.string().nullable(),
    actorRole: z.string(),
    at: timestamp(),
  })
  .meta({ id: 'InstitutionHistoryEntry' });

const institutionId = z.uuid().meta({ example: '3f0c6a52-9a43-4d6e-9d0a-2f6f4c1b7a10' });

export const registrationResultSchema = z
  .object({
    id: institutionId,
    state: stateField(institutionMachine, 'applied'),
    stateLabel: z.string().meta({ example: '待审核' }),
    resubmitted: z.boolean().meta({ description: '审核不通过或退回后以同一统一社会信用代码重新提交（RESUBMIT）' }),
    version: z.number().int(),
  })
  .meta({ id: 'RegistrationResult' });

/** The multipart form of POST /institution-registrations, for the OpenAPI document only (the engine validates the parts). */
export const registrationMultipartSchema = z
  .object({
    name: z.string().meta({ description: '单位全称（第一名称），至少2个字符', example: '武汉市第1911医院' }),
    address: z.string().meta({ description: '单位地址', example: '武汉市江岸区示范路1号' }),
    creditCode: z.string().meta({ description: '统一社会信用代码（18位；校验位错误不拒绝，但标红且审核通过须填写原因）', example: '12420102MB00000016' }),
    isMedical: z.enum(['true', 'false']).optional().meta({ description: '是否医疗机构；省略时按是否填写许可证号判断' }),
    licenseNo: z.string().optional().meta({ description: '医疗执业机构许可证号（登记号），仅且必须由医疗机构填写', example: '5252223212582111254' }),
    adminName: z.string().meta({ description: '本单位使用此平台的系统管理员姓名', example: '张敏' }),
    adminPhone: z.string().meta({ description: '系统管理员手机（接收激活码与查询验证码）', example: '13812341234' }),
    departmentId: z.string().meta({ description: '本单位业务主管（指导）卫生部门（GET /departments 的 id）', example: '420102' }),
    queryCode: z
      .string()
      .optional()
      .meta({ description: '重新提交被退回或审核不通过的注册时必填：申请查询发送到当前登记手机的6位验证码（证明是本单位提交）', example: '048213' }),
    registrationForm: uploadField('单位用户注册申请表（盖章）：PDF/JPEG/PNG，≤10MB'),
    creditCertificate: uploadField('统一社会信用代码证：PDF/JPEG/PNG，≤10MB'),
    medicalLicense: uploadField('医疗登记许可证（仅医疗机构）：PDF/JPEG/PNG，≤10MB').optional(),
  })
  .meta({ id: 'RegistrationForm' });

export const queryCodeBody = z
  .object({ creditCode: z.string().max(40).meta({ description: '统一社会信用代码', example: '12420102MB00000016' }) })
  .strict();

export const queryCodeAccepted = z
  .object({ message: z.string().meta({ example: '如该统一社会信用代码已注册，验证码已发送至登记的管理员手机' }) })
  .meta({ id: 'QueryCodeAccepted' });

export const queryBody = z
  .object({
    creditCode: z.string().max(40).meta({ description: '统一社会信用代码', example: '12420102MB00000016' }),
    code: z.string().max(20).meta({ description: '短信验证码（6位数字）', example: '048213' }),
  })
  .strict();

export const queryResultSchema = z
  .object({
    state: stateField(institutionMachine, 'approved'),
    stateLabel: z.string().meta({ example: '审核通过（待激活）' }),
    reason: z.string().optional().meta({ description: '审核不通过、退回或停用的原因' }),
    accountNo: z.string().optional().meta({ description: '机构证号', example: 'JG00000' }),
    activationCode: z.string().optional().meta({ description: '审核通过未激活时新生成的激活码（此前的激活码作废）', example: 'K7PD-3QXM-H2TW' }),
  })
  .meta({ id: 'RegistrationQueryResult' });

export const activationBody = z
  .object({
    accountNo: z.string().max(60).meta({ description: '机构证号或业务账号', example: 'WS-00000-034-19' }),
    activationCode: z.string().max(60).meta({ example: 'K7PD-3QXM-H2TW' }),
    password: z.string().max(200).meta({ description: '至少8位，含大写、小写、数字、符号中的三种', example: 'Demo@2026' }),
  })
  .strict();

export const activationResultSchema = z
  .object({
    accountNo: z.string().meta({ example: 'JG00000' }),
    kind: z.enum(['institution', 'business']),
    state: z.string().meta({ example: 'activated' }),
    stateLabel: z.string().meta({ example: '已激活' }),
  })
  .meta({ id: 'ActivationResult' });

const indicatorSchema = z
  .object({
    code: z.literal('creditCodeCheck'),
    level: z.enum(['green', 'red']),
    label: z.string().meta({ example: '统一社会信用代码校验位' }),
    detail: z.string(),
  })
  .meta({ id: 'RegistrationIndicator' });

const attachmentSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().meta({ example: 'registrationForm' }),
    kindLabel: z.string().meta({ example: '单位用户注册申请表（盖章）' }),
    fileName: z.string(),
    contentType: z.string().meta({ example: 'application/pdf' }),
    size: z.number().int(),
    sha256: z.string(),
    createdAt: timestamp(),
    supersededAt: timestamp().nullable().meta({ description: '重新提交后被替换的时间' }),
  })
  .meta({ id: 'Attachment' });

const summaryShape = {
  id: institutionId,
  name: z.string().nullable().meta({ example: '武汉市第1911医院' }),
  creditCode: z.string().nullable(),
  red: z.boolean().meta({ description: '统一社会信用代码校验位错误（红色提示），审核通过须填写原因' }),
  isMedical: z.boolean().nullable(),
  licenseNo: z.string().nullable().meta({ description: '医疗执业机构许可证号（登记号）' }),
  adminName: z.string().nullable(),
  adminPhoneMasked: z.string().nullable().meta({ example: '138****1234' }),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  state: stateField(institutionMachine, 'applied'),
  stateLabel: z.string().meta({ example: '待审核' }),
  accountNo: z.string().nullable().meta({ description: '机构证号（审核通过后）', example: 'JG00000' }),
  version: z.number().int(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
};

export const institutionSummarySchema = z.object(summaryShape).meta({ id: 'InstitutionSummary' });

export const institutionDetailSchema = z
  .object({
    ...summaryShape,
    address: z.string().nullable(),
    adminPhone: z.string().nullable(),
    reason: z.string().nullable().meta({ description: '最近一次审核通过、不通过、退回或停用的原因' }),
    indicators: z.array(indicatorSchema),
    attachments: z.array(attachmentSchema),
    history: z.array(historyEntrySchema),
  })
  .meta({ id: 'InstitutionDetail' });

export const institutionListQuery = paginationQuery.extend({
  state: z.enum(institutionStates as [string, ...string[]]).optional().meta({ description: '按状态筛选' }),
  q: z.string().max(100).optional().meta({ description: '单位名称（部分）、统一社会信用代码（或开头）、机构证号或登记号' }),
});

export const institutionPageSchema = z
  .object({
    items: z.array(institutionSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'InstitutionPage' });

export const institutionEventBody = z
  .object({
    type: z.enum(['APPROVE', 'REJECT', 'RETURN', 'REISSUE_CODE', 'DISABLE', 'ENABLE']).meta({ description: '审核通过、审核不通过、退回、重新生成激活码（短信发送）、停用、启用' }),
    reason: z.string().max(2000).optional().meta({ description: '原因：不通过、退回、停用必填；红色提示时审核通过必填', example: '早期试点代码，经核实有效' }),
    expectedVersion: z.number().int().min(1).optional().meta({ description: '期望的当前版本号，过期则 409 VERSION_CONFLICT' }),
  })
  .strict();

export const businessAccountRowSchema = z
  .object({
    seq: z.number().int().meta({ example: 7 }),
    businessCode: z.string().meta({ example: '19' }),
    businessName: z.string().meta({ example: '医师资格考试试用期考核证明申报管理' }),
    id: z.uuid().nullable(),
    accountNo: z.string().nullable().meta({ description: '业务账号；未生成时为 null（点我生成）', example: 'WS-00000-034-19' }),
    state: stateField(businessAccountMachine, 'active'),
    stateLabel: z.string().meta({ example: '已激活' }),
    activated: z.boolean().meta({ description: '是否激活' }),
    version: z.number().int(),
  })
  .meta({ id: 'BusinessAccount' });

export const businessAccountEventResultSchema = businessAccountRowSchema
  .extend({
    activationCode: z.string().nullable().meta({ description: 'GENERATE、REISSUE_CODE 时的激活码，仅显示这一次；重放的请求为 null', example: 'K7PD-3QXM-H2TW' }),
  })
  .meta({ id: 'BusinessAccountEventResult' });

export const businessAccountParams = z.object({
  id: z.uuid({ message: '须为 UUID' }),
  code: z.enum(businessCodes as [string, ...string[]]).meta({ description: '业务编码', example: '19' }),
});

export const businessAccountEventBody = z
  .object({
    type: z.enum(['GENERATE', 'REISSUE_CODE', 'DISABLE', 'ENABLE']).meta({ description: '点我生成、重新生成激活码、停用、启用' }),
    reason: z.string().max(2000).optional(),
    expectedVersion: z.number().int().min(0).optional().meta({ description: '期望的当前版本号（未生成时为0）' }),
  })
  .strict();

export const checkCodeSchema = z
  .object({
    institutionId,
    checkCode: z.string().nullable().meta({ description: '6位校验码；审核通过前为 null', example: '434148' }),
  })
  .meta({ id: 'CheckCode' });

export const outboxQuery = paginationQuery.extend({
  topic: z.string().max(100).optional().meta({ description: '按主题筛选', example: 'institution.queryCode' }),
});

export const outboxPageSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        topic: z.string().meta({ example: 'institution.approved' }),
        entityType: z.string().nullable(),
        entityId: uuidString().nullable(),
        payload: z.record(z.string(), z.unknown()).meta({ description: '通知内容；手机号脱敏，验证码与激活码不显示' }),
        createdAt: timestamp(),
        dispatchedAt: timestamp().nullable(),
        attempts: z.number().int().meta({ description: '已尝试投递的次数' }),
        lastError: z.string().nullable().meta({ description: '最近一次投递失败时服务商的答复' }),
        nextAttemptAt: timestamp().nullable().meta({ description: '投递失败后，下次重试不早于此时' }),
        failedAt: timestamp().nullable().meta({ description: '达到最大尝试次数、已放弃投递的时间' }),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'OutboxPage' });
