import { z } from 'zod';
import { entryModeLabels } from '../../../src/applications/labels.js';
import { labelledEnum, stateField } from './states.js';
import { projectStatusLabels } from '../../../src/projects/project-calendar.js';
import { reportStateLabels } from '../../../src/projects/projects.js';
import { timestamp, uuidParam, uuidString } from './common.js';
import { applicationMachine } from '../../../machines/application.js';
import { machineMeta } from '../../../machines/shared/introspect.js';
import { applicationDataSchema as applicationDataSchemaOfDomain, applicationInputSchema } from '../../../src/domain/application-data.js';
import { historyEntrySchema } from '../routes/history.js';

const isoDate = (description: string, example: string) => z.string().meta({ format: 'date', description, example });

/** An example application (the seed's 赵六), used by the OpenAPI document. */
export const applicationExample = {
  candidate: {
    name: '赵六',
    idType: 'resident-id',
    idNumber: '140105199001097932',
    ethnicity: '01',
    idValidFrom: '2015-03-01',
    idValidTo: '2035-03-01',
    phone: '13812341234',
  },
  exam: { categoryCode: '110' },
  segments: [
    {
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

// The body is checked by the engine's own parser (it folds full-width digits,
// a lower-case x, spaces … before checking, and reports every problem at
// once), so the route accepts any JSON and only documents the shape.
const { $schema: _dropped, ...applicationJsonSchema } = z.toJSONSchema(applicationInputSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

/** Body of POST /projects/:id/applications (SPEC §4.3). */
export const applicationBody = z.unknown().meta({
  ...applicationJsonSchema,
  description: '申报数据（SPEC §4.3）：基本信息、报考信息、试用机构（恰有一个当前试用机构，以登记号+校验码绑定）。由引擎校验并规范化。',
  example: applicationExample,
});

/** Body of PUT /applications/:id: the same JSON, plus an optional `expectedVersion`. */
export const applicationEditBody = z.unknown().meta({
  ...applicationJsonSchema,
  properties: {
    ...(applicationJsonSchema.properties as Record<string, unknown>),
    expectedVersion: { type: 'integer', minimum: 1, description: '乐观锁：版本不符返回 409 VERSION_CONFLICT' },
  },
  description: '修改申报（EDIT）：提交完整的申报数据，可附 expectedVersion。',
  example: { ...applicationExample, expectedVersion: 1 },
});

/**
 * Event types sent through POST /applications/:id/events (creation, edits and the paper
 * certificate's ATTACH_PAPER have their own endpoints; CLOSE is the sweep's).
 */
export const applicationEventTypes = Object.keys(machineMeta(applicationMachine).events).filter(
  (t) => t !== 'CREATE' && t !== 'EDIT' && t !== 'CLOSE' && t !== 'ATTACH_PAPER',
) as [string, ...string[]];

export const applicationEventBody = z
  .object({
    type: z.enum(applicationEventTypes).meta({ description: '事件类型', example: 'APPROVE' }),
    explanation: z.string().max(2000).optional().meta({ description: '审核说明（REJECT、RETURN 必填；存在红色提示时 APPROVE 必填）', example: '审核通过' }),
    expectedVersion: z.number().int().min(1).optional().meta({ description: '乐观锁：版本不符返回 409', example: 2 }),
  })
  .strict();

const label = z.string();

export const indicatorSchema = z
  .object({
    code: z.enum(['totalDuration', 'overlap', 'idInvalid', 'idExpired', 'teacherCheck', 'teacherQualification', 'beyondCutoff']),
    level: z.enum(['green', 'red']),
    label: label.meta({ example: '试用期总时长' }),
    detail: z.string().meta({ example: '18个月' }),
    segmentId: z.string().optional(),
    segmentIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'Indicator' });

/** The normalised data of an application in answers: the domain's own schema (one source with its TypeScript type). */
export const applicationDataSchema = applicationDataSchemaOfDomain.meta({ id: 'ApplicationData' });

const decisionSchema = z
  .object({
    type: z.string().meta({ example: 'APPROVE' }),
    label: z.string().meta({ description: '审核结果', example: '审核通过' }),
    explanation: z.string().nullable().meta({ description: '审核说明', example: '审核通过' }),
    actorId: z.string().nullable(),
    at: timestamp(),
  })
  .meta({ id: 'Decision' });

const reasonSchema = z.object({
  code: z.string().meta({ example: 'PAPER_CERTIFICATE_REQUIRED' }),
  rule: z.string().meta({ example: 'paperCertificatesForOtherRedInstitutions' }),
  message: z.string(),
  details: z.unknown().optional(),
});

export const allowedEventSchema = z
  .object({
    type: z.string(),
    label: z.string(),
    allowed: z.boolean().meta({ description: '现在可以执行（需要说明时假定已填写）' }),
    explanationRequired: z.boolean().meta({ description: '须填写审核说明' }),
    reasons: z.array(reasonSchema).meta({ description: '不允许时，拒绝它的每条规则' }),
  })
  .meta({ id: 'AllowedEvent' });

const paperCertificateSchema = z
  .object({
    id: uuidString(),
    segmentId: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    uploadedAt: timestamp(),
    uploadedBy: z.string().nullable(),
  })
  .meta({ id: 'PaperCertificate' });

export const applicationDetailSchema = z
  .object({
    id: uuidString(),
    project: z
      .object({ id: uuidString(), name: z.string(), startsOn: isoDate('项目开始日期', '2019-12-19'), approvalDeadline: isoDate('省级审批截止日期', '2020-02-24'), probationCutoff: isoDate('试用期截止日期', '2020-08-31') })
      .nullable(),
    institution: z.object({ id: uuidString(), name: z.string().nullable() }).nullable(),
    candidateId: z.string().nullable(),
    entryMode: labelledEnum(entryModeLabels, '申报方式').nullable(),
    entryModeLabel: z.string().nullable().meta({ example: '单位直接录入' }),
    state: stateField(applicationMachine, 'unitReview.approved'),
    stateLabel: z.string().meta({ example: '单位审核·审核通过' }),
    version: z.number().int(),
    open: z.boolean(),
    data: applicationDataSchema.nullable(),
    indicators: z.array(indicatorSchema).meta({ description: '审核提示信息（红/绿），按当前数据重新计算' }),
    totalMonths: z.number().int().nullable().meta({ description: '试用期总时长（月）', example: 18 }),
    redCount: z.number().int(),
    segments: z.array(
      z.object({
        segmentId: z.string(),
        current: z.boolean(),
        months: z.number().int(),
        days: z.number().int(),
        countedMonths: z.number().int(),
        durationLabel: z.string().meta({ description: '试用时长', example: '5个月' }),
        paperCertificate: paperCertificateSchema.nullable(),
      }),
    ),
    decision: decisionSchema.nullable().meta({ description: '单位审核意见（上报前可修改）' }),
    districtDecision: decisionSchema.nullable().meta({ description: '考区审核意见' }),
    reportedAt: timestamp().nullable(),
    closedAt: timestamp().nullable(),
    allowedEvents: z.array(allowedEventSchema),
    history: z.array(historyEntrySchema),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .meta({ id: 'ApplicationDetail' });

export const applicationListItemSchema = z
  .object({
    seq: z.number().int().meta({ description: '序号', example: 1 }),
    id: uuidString(),
    name: z.string().nullable().meta({ description: '姓名', example: '赵六' }),
    idNumberMasked: z.string().meta({ description: '身份证（脱敏）', example: '140105*****7932' }),
    entryMode: labelledEnum(entryModeLabels, '申报方式').nullable(),
    entryModeLabel: z.string().nullable().meta({ description: '单位认证状态', example: '单位直接录入' }),
    state: stateField(applicationMachine, 'unitReview.pending'),
    stateLabel: z.string().meta({ description: '审批状态', example: '单位审核·审核通过' }),
    note: z.string().nullable().meta({ description: '审核备注', example: '审核通过' }),
    redCount: z.number().int().meta({ description: '红色提示数' }),
    institutionId: uuidString().nullable(),
    institutionName: z.string().nullable(),
    version: z.number().int(),
    createdAt: timestamp(),
  })
  .meta({ id: 'ApplicationListItem' });

export const reportOutcomeSchema = z
  .object({
    total: z.number().int().meta({ description: '开始时可上报的申报数' }),
    reported: z.number().int().meta({ description: '审核通过并上报至考区' }),
    rejectedByUnit: z.number().int().meta({ description: '审核不通过，上报后结束' }),
    failed: z.array(z.object({ id: uuidString(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'ReportOutcome' });

const countsShape = {
  applicantCount: z.number().int().meta({ description: '申报人数' }),
  decidedCount: z.number().int().meta({ description: '本系统审核人数' }),
  reportedCount: z.number().int().meta({ description: '已上报人数' }),
  reportState: labelledEnum(reportStateLabels, '上报状态'),
  reportStateLabel: z.string().meta({ description: '上报状态：未上报 / 部分上报 / 已上报', example: '未上报' }),
};

export const projectSchema = z
  .object({
    id: uuidString(),
    name: z.string().meta({ example: '医师资格考试试用期考核证明申报' }),
    businessCode: z.string().meta({ example: '19' }),
    startsOn: isoDate('项目开始日期', '2019-12-19'),
    approvalDeadline: isoDate('省级审批截止日期', '2020-02-24'),
    probationCutoff: isoDate('试用期截止日期（之后的时间不计入）', '2020-08-31'),
    createdAt: timestamp(),
    daysLeft: z.number().int().meta({ description: '距离截至审批时间（天）', example: 63 }),
    status: labelledEnum(projectStatusLabels, '项目状态'),
    statusLabel: z.string().meta({ description: '项目状态：未开始 / 申报中 / 已截止', example: '申报中' }),
    ...countsShape,
  })
  .meta({ id: 'Project' });

export const institutionProgressSchema = z
  .object({
    institutionId: uuidString(),
    institutionName: z.string().nullable(),
    departmentId: z.string().nullable(),
    ...countsShape,
  })
  .meta({ id: 'InstitutionProgress' });

export const newProjectBody = z
  .object({
    name: z.string().max(200).meta({ example: '医师资格考试试用期考核证明申报' }),
    businessCode: z.string().max(10).optional().meta({ description: '业务编码，默认19', example: '19' }),
    startsOn: isoDate('项目开始日期', '2019-12-19'),
    approvalDeadline: isoDate('省级审批截止日期', '2020-02-24'),
    probationCutoff: isoDate('试用期截止日期，默认考试年度8月31日', '2020-08-31').optional(),
  })
  .strict();

/**
 * `{ items, total, page, pageSize }` of a list (SPEC §5).
 *
 * @example
 * response: { 200: pageOf(projectSchema) }
 */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** The filters of the applicant list, shared by the JSON list and its Excel export. */
export const applicationListFilters = z.object({
  state: z.string().max(60).optional().meta({ description: '状态（如 unitReview.pending），或上级状态（unitReview）', example: 'unitReview.pending' }),
  q: z.string().max(50).optional().meta({ description: '按姓名搜索', example: '赵' }),
  institutionId: uuidParam.optional().meta({ description: '考区/管理员：只看一个机构' }),
});
