/**
 * One example answer per operation of the OpenAPI document, all telling one
 * story: 孙八, entered directly by business account 19 of 武汉市第1911医院
 * (江岸区), waiting for the unit's review. test/docs/openapi-doc.test.ts
 * validates every example against the operation's schema, so an example
 * that stops matching the contract fails the build.
 */
import { businessAccountMachine } from '../../machines/business-account.js';
import { describeWorkflow } from '../../src/diagrams/mermaid.js';

const ids = {
  institution: '4c071500-5acf-4212-af78-7379d53f6df0',
  business: 'cb6aabbf-a76f-438d-9067-9463d5a0c9d1',
  project: '7a760816-0ed7-42a7-a317-ed252b1688e6',
  application: '3298e46d-f653-4626-963f-b0af0a7a5c2a',
  registration: '3f4acb56-4edb-48fd-8fb2-0cb1ce3940a0',
  attachment: 'a58d9122-8130-4f94-8f43-1f8492ca2fc7',
  candidate: '52bb81d1-ca58-4340-903d-44dc2bfc75f5',
} as const;
const at = '2026-12-06T08:00:00.000Z';

const businessAccount = {
  id: ids.business,
  kind: 'business',
  login: 'WS-00000-034-19',
  name: '武汉市第1911医院·医师资格考试试用期考核证明申报管理',
  departmentId: '420102',
  institutionId: ids.institution,
  businessCode: '19',
  phoneMasked: null,
  activated: true,
};

const history = [
  {
    seq: 1,
    from: null,
    to: 'unitReview.pending',
    event: 'CREATE',
    payload: { facts: { redCount: 0, projectOpen: true, deadlinePassed: false } },
    actorId: ids.business,
    actorRole: 'business',
    at,
  },
];

const applicationDetail = {
  id: ids.application,
  project: { id: ids.project, name: '医师资格考试试用期考核证明申报', startsOn: '2026-11-27', approvalDeadline: '2027-02-08', probationCutoff: '2027-08-31' },
  institution: { id: ids.institution, name: '武汉市第1911医院' },
  candidateId: null,
  entryMode: 'unit',
  entryModeLabel: '单位直接录入',
  state: 'unitReview.pending',
  stateLabel: '单位审核·待审核',
  version: 1,
  open: true,
  data: {
    candidate: {
      name: '孙八',
      idType: 'resident-id',
      idNumber: '420106199505120319',
      gender: 'male',
      birthDate: '1995-05-12',
      ethnicity: '01',
      idValidFrom: '2016-05-01',
      idValidTo: '长期',
      phone: '13912345678',
    },
    exam: { categoryCode: '110', level: '执业医师' },
    segments: [
      {
        id: 's1',
        current: true,
        institutionName: '武汉市第1911医院',
        registrationNo: '5252223212582111254',
        checkCodeVerified: true,
        startsOn: '2025-10-13',
        endsOn: '2026-12-06',
        department: '内科',
        teacherName: '黄燕红',
        teacherCertNo: '110420100012345',
        teacherUnit: '江岸黄燕红西内科诊所',
      },
    ],
  },
  indicators: [
    { code: 'totalDuration', level: 'green', label: '试用期总时长', detail: '13个月' },
    { code: 'teacherCheck', level: 'green', label: '带教老师姓名与执业证书号是否符合', detail: '带教老师姓名与执业证书号符合', segmentId: 's1' },
  ],
  totalMonths: 13,
  redCount: 0,
  segments: [{ segmentId: 's1', current: true, months: 13, days: 24, countedMonths: 13, durationLabel: '13个月', paperCertificate: null }],
  decision: null,
  districtDecision: null,
  reportedAt: null,
  closedAt: null,
  allowedEvents: [
    { type: 'APPROVE', label: '审核通过', allowed: true, explanationRequired: false, reasons: [] },
    { type: 'RETURN', label: '退回', allowed: true, explanationRequired: true, reasons: [] },
    {
      type: 'REPORT',
      label: '上报',
      allowed: false,
      explanationRequired: false,
      reasons: [{ code: 'INVALID_TRANSITION', rule: 'state', message: '当前状态不允许此操作（REPORT）' }],
    },
  ],
  history,
  createdAt: at,
  updatedAt: at,
};

const project = {
  id: ids.project,
  name: '医师资格考试试用期考核证明申报',
  businessCode: '19',
  startsOn: '2026-11-27',
  approvalDeadline: '2027-02-08',
  probationCutoff: '2027-08-31',
  createdAt: at,
  daysLeft: 63,
  status: 'open',
  statusLabel: '申报中',
  applicantCount: 10,
  decidedCount: 7,
  reportedCount: 4,
  reportState: 'partlyReported',
  reportStateLabel: '部分上报',
};

const institutionSummary = {
  id: ids.registration,
  name: '武汉市武昌区示范社区卫生服务中心',
  creditCode: '12420106MB00000023',
  red: false,
  isMedical: true,
  licenseNo: 'PDY4201060001',
  adminName: '李娜',
  adminPhoneMasked: '139****2026',
  department: { id: '420106', name: '武昌区卫生健康局' },
  state: 'applied',
  stateLabel: '待审核',
  accountNo: null,
  version: 1,
  createdAt: at,
  updatedAt: at,
};

const institutionDetail = {
  ...institutionSummary,
  address: '武汉市武昌区中南路88号',
  adminPhone: '13971002026',
  reason: null,
  indicators: [{ code: 'creditCodeCheck', level: 'green', label: '统一社会信用代码校验位', detail: '校验位正确' }],
  attachments: [
    {
      id: ids.attachment,
      kind: 'registrationForm',
      kindLabel: '单位用户注册申请表（盖章）',
      fileName: 'registrationForm.pdf',
      contentType: 'application/pdf',
      size: 8060,
      sha256: 'fc636fba4b521ad2dafecb7040858ce58a8b4676d9631d5d2f6274824765837f',
      createdAt: at,
      supersededAt: null,
    },
  ],
  history: [{ seq: 1, from: null, to: 'applied', event: 'REGISTER', payload: { facts: { red: false } }, actorId: null, actorRole: 'public', at }],
};

const businessAccountRow = {
  seq: 7,
  businessCode: '19',
  businessName: '医师资格考试试用期考核证明申报管理',
  id: ids.business,
  accountNo: 'WS-00000-034-19',
  state: 'active',
  stateLabel: '已激活',
  activated: true,
  version: 2,
};

const page = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 10 });

/**
 * The example answer of each operation with a JSON success body, by operationId.
 *
 * @example
 * operationExamples.getApplication.state; // 'unitReview.pending'
 */
export const operationExamples: Record<string, unknown> = {
  logIn: { token: 'O54Hys4ZIo1mdN-zmzUNWDP6TA1rDPGth39Kg6FNLKg', expiresAt: '2026-12-06T20:00:00.000Z', account: businessAccount },
  getCurrentAccount: {
    account: businessAccount,
    department: { id: '420102', name: '江岸区卫生健康局', level: 'district' },
    institution: { id: ids.institution, state: 'activated' },
  },
  registerCandidate: {
    id: ids.candidate,
    kind: 'candidate',
    login: '140105199001097932',
    name: '赵六',
    departmentId: null,
    institutionId: null,
    businessCode: null,
    phoneMasked: '138****1234',
    activated: true,
  },
  activateAccount: { accountNo: 'WS-00000-034-19', kind: 'business', state: 'active', stateLabel: '已激活' },
  listDepartments: {
    items: [
      {
        id: '420000',
        code: '420000',
        name: '湖北省卫生健康委员会',
        level: 'province',
        children: [{ id: '420100', code: '420100', name: '武汉市卫生健康委员会', level: 'city', children: [] }],
      },
    ],
  },
  registerInstitution: { id: ids.registration, state: 'applied', stateLabel: '待审核', version: 1, resubmitted: false },
  sendRegistrationQueryCode: { message: '如该统一社会信用代码已注册，验证码已发送至登记的管理员手机' },
  queryRegistration: { state: 'approved', stateLabel: '审核通过（待激活）', accountNo: 'JG00000', activationCode: 'K7PD-3QXM-H2TW' },
  listInstitutions: page([institutionSummary]),
  getInstitution: institutionDetail,
  sendInstitutionEvent: institutionDetail,
  listBusinessAccounts: { items: [businessAccountRow] },
  sendBusinessAccountEvent: { ...businessAccountRow, state: 'issued', stateLabel: '已生成（待激活）', activated: false, version: 1, activationCode: 'K7PD-3QXM-H2TW' },
  getCheckCode: { institutionId: ids.institution, checkCode: '434148' },
  rotateCheckCode: { institutionId: ids.institution, checkCode: '902615' },
  listOutbox: page([
    {
      id: 11,
      topic: 'application.reportedByUnit',
      entityType: 'application',
      entityId: ids.application,
      payload: { from: 'unitReview.approved', event: 'REPORT', state: 'districtReview.pending', version: 3, actorRole: 'business' },
      createdAt: at,
      dispatchedAt: at,
      attempts: 1,
      lastError: null,
      nextAttemptAt: null,
      failedAt: null,
    },
  ]),
  importPhysicians: { lines: 3, records: 2, inserted: 1, updated: 0, unchanged: 0, rejected: [{ line: 3, reason: '证书编码为空' }], rejectedTotal: 1 },
  verifyTeacher: {
    certNo: '110420100012345',
    level: 'green',
    result: 'match',
    label: '带教老师姓名与执业证书号符合',
    physician: { level: '执业医师', category: '临床', practising: true },
  },
  listProjects: page([project]),
  createProject: project,
  getProject: project,
  listProjectInstitutions: page([
    {
      institutionId: ids.institution,
      institutionName: '武汉市第1911医院',
      departmentId: '420102',
      applicantCount: 10,
      decidedCount: 7,
      reportedCount: 4,
      reportState: 'partlyReported',
      reportStateLabel: '部分上报',
    },
  ]),
  listProjectApplications: page([
    {
      seq: 1,
      id: ids.application,
      name: '孙八',
      idNumberMasked: '420106*****0319',
      entryMode: 'unit',
      entryModeLabel: '单位直接录入',
      state: 'unitReview.pending',
      stateLabel: '单位审核·待审核',
      note: null,
      redCount: 0,
      institutionId: ids.institution,
      institutionName: '武汉市第1911医院',
      version: 1,
      createdAt: at,
    },
  ]),
  createApplication: applicationDetail,
  getApplication: applicationDetail,
  editApplication: applicationDetail,
  sendApplicationEvent: {
    ...applicationDetail,
    state: 'unitReview.approved',
    stateLabel: '单位审核·审核通过',
    version: 2,
    decision: { type: 'APPROVE', label: '审核通过', explanation: null, actorId: ids.business, at },
  },
  uploadPaperCertificate: applicationDetail,
  getApplicationHistory: { items: history },
  reportProjectApplications: { total: 3, reported: 2, rejectedByUnit: 1, failed: [] },
  verifyCertificate: {
    code: 'K7PD-3QXM-H2TW',
    applicationId: ids.application,
    issuedAt: at,
    candidateNameMasked: '孙*',
    idNumberMasked: '420106*****0319',
    projectName: '医师资格考试试用期考核证明申报',
    institutionName: '武汉市第1911医院',
    state: 'unitReview.approved',
    stateLabel: '单位审核·审核通过',
    decision: { label: '审核通过', at },
  },
  listWorkflows: { items: [describeWorkflow('businessAccount', businessAccountMachine)] },
  getWorkflow: describeWorkflow('businessAccount', businessAccountMachine),
};
