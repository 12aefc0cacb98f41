/* Generated from docs/openapi.json by `npm run docs` (openapi-typescript). Do not edit. */

export interface paths {
    "/api/v1/activations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 账号激活
         * @description 以机构证号或业务账号和激活码激活账号并设置密码（至少8位，含大写、小写、数字、符号中的三种）。激活码须正确、未过期、未使用；错误次数过多则作废。激活后用 POST /sessions 登录。
         */
        post: operations["activateAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 申报详情
         * @description 全部申报数据、审核提示信息（红/绿）、审核意见、版本、调用者可执行的事件（不可执行时给出拒绝规则）与历史。
         */
        get: operations["getApplication"];
        /**
         * 修改申报
         * @description 草稿或被退回的申报由申报人（考生，或直接录入的单位）提交完整数据替换（EDIT），提示信息随之重算。
         */
        put: operations["editApplication"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{id}/certificate.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 打印试用期考核证明（PDF）
         * @description A4 打印版试用期考核证明：考生信息、各试用机构（起止日期、时长、科室、带教老师及执业证书号）、总时长、试用机构考核意见、签字与盖章处，页脚为申报编号与验证码（首次打印时生成，此后每份相同）。可查看该申报者（考生本人、试用机构、范围内的考区）均可打印；打印记入审计日志。
         */
        get: operations["printApplicationCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 申报事件
         * @description SUBMIT、RESUBMIT、WITHDRAW（考生）；APPROVE、REJECT、RETURN、REPORT（业务账号19，上报前可反复修改审核意见）；DISTRICT_APPROVE、DISTRICT_REJECT、DISTRICT_RETURN（考区/管理员）。返回事件后的申报详情。
         */
        post: operations["sendApplicationEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 申报历史
         * @description 申报的全部状态变更（含操作人、审核说明与当时的提示信息），按顺序。
         */
        get: operations["getApplicationHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{id}/segments/{segmentId}/paper-certificate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 上传试用期考核证明盖章纸质版
         * @description multipart/form-data，文件字段 file（PDF、JPEG 或 PNG，按内容识别，默认不超过10 MiB）。其他试用机构带教老师核对为红色时，上传后方可审核通过。考生上传本人申报的；单位直接录入的由单位上传。
         */
        post: operations["uploadPaperCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 下载附件
         * @description 下载注册或申报的附件（须有权查看其所属对象，否则 404），下载记入审计日志。
         */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 考生注册
         * @description 考生用身份证号、姓名、手机号和密码注册账号。
         */
        post: operations["registerCandidate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 证明核验
         * @description 输入打印在试用期考核证明上的验证码，查询该申报的当前状态（无需登录；姓名与证件号脱敏）。验证码格式不对返回 400，不存在返回 404。
         */
        get: operations["verifyCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 卫生部门树
         * @description 省 → 市 → 区县的卫生健康部门树（本单位业务主管（指导）卫生部门的选项）。
         */
        get: operations["listDepartments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institution-registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 机构注册
         * @description multipart/form-data：表单字段与附件（PDF、JPEG、PNG，按文件内容识别，每个不超过10MB）。统一社会信用代码已注册且未被退回或驳回 → 409 ALREADY_REGISTERED；曾被退回或审核不通过的同一代码则重新提交（RESUBMIT），新资料与附件替换旧的。请求失败时不保存任何数据或文件。
         */
        post: operations["registerInstitution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institution-registrations/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 申请查询
         * @description 凭统一社会信用代码和短信验证码查询注册结果：状态、原因；审核通过尚未激活时返回机构证号和新生成的激活码（此前的激活码作废）。验证码不是6位 → 400（验证码长度为6位）；错误、已使用或过期 → 401 INVALID_CODE。
         */
        post: operations["queryRegistration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institution-registrations/query-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 申请查询：发送验证码
         * @description 向注册时登记的管理员手机发送6位验证码（有效期与尝试次数有限，每分钟至多一条）。无论该代码是否已注册，应答相同。
         */
        post: operations["sendRegistrationQueryCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 机构注册列表
         * @description 考区审核员看到本部门及下级部门的机构注册，管理员看到全部；可按状态筛选，按名称、统一社会信用代码、机构证号或登记号搜索。
         */
        get: operations["listInstitutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 导出机构注册列表（Excel）
         * @description 考区（本级及下级）或管理员：与机构注册列表相同的范围与筛选，导出全部页（手机号脱敏），最新注册在前。导出记入审计日志。
         */
        get: operations["exportInstitutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 机构注册详情
         * @description 注册信息、红绿提示（统一社会信用代码校验位）、附件与全部历史。范围之外的机构为 404。
         */
        get: operations["getInstitution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/business-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 业务账号列表
         * @description 十项业务（序号、业务编码、业务名称、业务账号、状态、是否激活），未生成的业务账号为 null（点我生成）。
         */
        get: operations["listBusinessAccounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/business-accounts/{code}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 业务账号事件
         * @description GENERATE（点我生成，机构主账号激活后）：生成业务账号 WS-<5位机构序号>-<3位部门代码>-<业务编码>，返回仅显示一次的激活码；REISSUE_CODE：重新生成激活码；DISABLE / ENABLE：停用、启用（机构主账号或管理员）。
         */
        post: operations["sendBusinessAccountEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/check-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 查看校验码
         * @description 机构的6位校验码：考生以登记号 + 校验码绑定当前试用机构。机构主账号、所辖考区与管理员可查看。
         */
        get: operations["getCheckCode"];
        put?: never;
        /**
         * 重新生成校验码
         * @description 生成新的6位校验码，原校验码作废（记入审计日志）。机构审核通过后方可。
         */
        post: operations["rotateCheckCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/institutions/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 机构审核事件
         * @description APPROVE（审核通过：发放机构证号与激活码，短信通知管理员手机；红色提示时须填写原因）、REJECT、RETURN（须填写原因）、REISSUE_CODE（重新生成激活码并短信发送）、DISABLE（须填写原因）/ENABLE（管理员）。返回与 GET 相同的机构详情。
         */
        post: operations["sendInstitutionEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 当前账号
         * @description 当前登录账号及其所属部门、机构。
         */
        get: operations["getCurrentAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 通知记录
         * @description 引擎发出的通知（短信等），最新在前；手机号脱敏，验证码与激活码不显示。仅管理员。
         */
        get: operations["listOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/physicians/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 导入医师库
         * @description multipart/form-data，字段 file 为 CSV（表头：证书编码,姓名,医师级别,执业类别,执业单位,状态；UTF-8，可带 BOM）。流式分批导入，幂等；逐行报告被拒绝的行。
         */
        post: operations["importPhysicians"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/physicians/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 核对带教老师
         * @description 核对带教老师姓名与医师执业证书编码是否一致（不返回证书持有人姓名）。
         */
        get: operations["verifyTeacher"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 待审核项目列表
         * @description 项目名称、起止时间、距离截至审批时间、申报人数、本系统审核人数、上报状态、项目状态。计数按调用者范围：业务账号为本单位，考区为其辖区，管理员为全部。
         */
        get: operations["listProjects"];
        put?: never;
        /**
         * 创建申报项目
         * @description 省级管理员创建申报项目：开始日期、省级审批截止日期、试用期截止日期（默认考试年度8月31日）。
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 申报项目
         * @description 一个申报项目（名称、业务编码、开始日期、审核截止日期、试用期截止日期、状态）及调用者可见的申报统计。
         */
        get: operations["getProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 申报人员列表
         * @description 序号、姓名、身份证（脱敏）、单位认证状态（单位直接录入/考生申报）、审批状态、审核备注、红色提示数；按调用者范围，默认每页10条，可按状态筛选、按姓名搜索。
         */
        get: operations["listProjectApplications"];
        put?: never;
        /**
         * 申报 / 单位直接录入
         * @description 考生创建申报（草稿）；业务账号19为本单位直接录入（直接进入单位审核·待审核）。当前试用机构以登记号+校验码绑定，不匹配返回 422 INSTITUTION_CHECK_FAILED。
         */
        post: operations["createApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/applications/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 导出申报人员列表（Excel）
         * @description 与申报人员列表相同的范围、筛选与脱敏，导出全部页：序号、姓名、身份证（脱敏）、（考区/管理员：所在机构）、录入方式、状态、审核备注、试用期总时长、红色提示数与内容、审核结果与说明、审核日期、上报状态与日期、提交日期。首行冻结，日期为 Excel 日期。超过单个文件上限（默认1,000,000行）返回 413 EXPORT_TOO_LARGE。导出记入审计日志。
         */
        get: operations["exportProjectApplications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/institutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 各机构审核进度
         * @description 考区与管理员：辖区内每个有申报的机构的申报人数、审核人数与上报状态。
         */
        get: operations["listProjectInstitutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 批量上报
         * @description 对本单位在该项目中所有审核通过/不通过的申报逐个执行上报（REPORT），每个申报独立提交；返回各类数量与失败原因。
         */
        post: operations["reportProjectApplications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registration-form": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 下载单位用户注册申请表
         * @description 空白的单位用户注册申请表（PDF，A4），填写打印、加盖单位公章后作为“单位用户注册申请表（盖章）”上传。
         */
        get: operations["downloadRegistrationForm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 登录
         * @description 用账号和密码登录，返回 Bearer 令牌。连续5次失败锁定30分钟。
         */
        post: operations["logIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * 退出登录
         * @description 结束当前会话：令牌立即失效。
         */
        delete: operations["logOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 全部流程
         * @description 三个状态机（机构、业务账号、申报）的状态、事件、中文标签、角色与 Mermaid 图。
         */
        get: operations["listWorkflows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 单个流程
         * @description 按名称（institution、businessAccount、application）取一个状态机的状态、事件、中文标签、角色与 Mermaid 图。
         */
        get: operations["getWorkflow"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Account: {
            activated: boolean;
            businessCode: string | null;
            departmentId: string | null;
            /** Format: uuid */
            id: string;
            institutionId: string | null;
            /** @enum {string} */
            kind: "admin" | "district" | "institution" | "business" | "candidate";
            /** @description 登录账号（考生身份证号已脱敏） */
            login: string;
            name: string;
            /** @example 138****1234 */
            phoneMasked: string | null;
        };
        ActivationResult: {
            /** @example JG00000 */
            accountNo: string;
            /** @enum {string} */
            kind: "institution" | "business";
            /** @example activated */
            state: string;
            /** @example 已激活 */
            stateLabel: string;
        };
        AllowedEvent: {
            /** @description 现在可以执行（需要说明时假定已填写） */
            allowed: boolean;
            /** @description 须填写审核说明 */
            explanationRequired: boolean;
            label: string;
            /** @description 不允许时，拒绝它的每条规则 */
            reasons: {
                /** @example PAPER_CERTIFICATE_REQUIRED */
                code: string;
                details?: unknown;
                message: string;
                /** @example paperCertificatesForOtherRedInstitutions */
                rule: string;
            }[];
            type: string;
        };
        ApplicationData: {
            candidate: {
                /**
                 * Format: date
                 * @description 出生日期
                 */
                birthDate: string;
                /**
                 * @description 民族（GB/T 3304 两位代码）
                 * @example 01
                 */
                ethnicity: string;
                /**
                 * @description 性别
                 * @enum {string}
                 */
                gender: "male" | "female";
                /** @description 证件号码 */
                idNumber: string;
                /**
                 * @description 证件类型
                 * @enum {string}
                 */
                idType: "resident-id" | "passport" | "hk-macao-permit" | "taiwan-permit";
                /**
                 * Format: date
                 * @description 证件有效期起始日期
                 */
                idValidFrom: string;
                /**
                 * @description 证件有效期截止日期：YYYY-MM-DD，或“长期”
                 * @example 2035-03-01
                 */
                idValidTo: string;
                /** @description 姓名 */
                name: string;
                /** @description 手机号码 */
                phone: string;
            };
            exam: {
                /**
                 * @description 报考类别
                 * @enum {string}
                 */
                categoryCode: "110" | "120" | "130" | "141" | "142" | "210" | "220" | "230" | "241" | "242";
                /**
                 * @description 报考级别（由报考类别得出）
                 * @enum {string}
                 */
                level: "执业医师" | "执业助理医师";
            };
            segments: {
                /**
                 * @description 当前试用机构的校验码已核对（校验码只写不读，任何应答都不含校验码）
                 * @constant
                 */
                checkCodeVerified?: true;
                /** @description 是否当前试用机构 */
                current: boolean;
                /** @description 岗位（科室）名称 */
                department: string;
                /**
                 * Format: date
                 * @description 试用截止日期
                 */
                endsOn: string;
                /**
                 * @description 试用机构编号（s1、s2 …），纸质证明按此绑定
                 * @example s1
                 */
                id: string;
                /** @description 试用机构名称 */
                institutionName: string;
                /** @description 试用机构登记号 */
                registrationNo: string;
                /**
                 * Format: date
                 * @description 试用开始日期
                 */
                startsOn: string;
                /** @description 带教老师医师执业证书号码 */
                teacherCertNo: string;
                /** @description 带教老师姓名 */
                teacherName: string;
                /** @description 带教老师执业单位 */
                teacherUnit: string;
            }[];
        };
        ApplicationDetail: {
            allowedEvents: components["schemas"]["AllowedEvent"][];
            candidateId: string | null;
            closedAt: string | null;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            createdAt: string;
            data: components["schemas"]["ApplicationData"] | null;
            /** @description 单位审核意见（上报前可修改） */
            decision: components["schemas"]["Decision"] | null;
            /** @description 考区审核意见 */
            districtDecision: components["schemas"]["Decision"] | null;
            entryMode: ("candidate" | "unit") | null;
            /** @example 单位直接录入 */
            entryModeLabel: string | null;
            history: components["schemas"]["HistoryEntry"][];
            /** Format: uuid */
            id: string;
            /** @description 审核提示信息（红/绿），按当前数据重新计算 */
            indicators: components["schemas"]["Indicator"][];
            institution: {
                /** Format: uuid */
                id: string;
                name: string | null;
            } | null;
            open: boolean;
            project: {
                /**
                 * Format: date
                 * @description 省级审批截止日期
                 * @example 2020-02-24
                 */
                approvalDeadline: string;
                /** Format: uuid */
                id: string;
                name: string;
                /**
                 * Format: date
                 * @description 试用期截止日期
                 * @example 2020-08-31
                 */
                probationCutoff: string;
                /**
                 * Format: date
                 * @description 项目开始日期
                 * @example 2019-12-19
                 */
                startsOn: string;
            } | null;
            redCount: number;
            reportedAt: string | null;
            segments: {
                countedMonths: number;
                current: boolean;
                days: number;
                /**
                 * @description 试用时长
                 * @example 5个月
                 */
                durationLabel: string;
                months: number;
                paperCertificate: components["schemas"]["PaperCertificate"] | null;
                segmentId: string;
            }[];
            /**
             * @description 状态（application 状态机的点分路径）
             * @example unitReview.approved
             * @enum {string}
             */
            state: "none" | "draft" | "unitReview.pending" | "unitReview.approved" | "unitReview.rejected" | "unitReview.returned" | "districtReview.pending" | "districtReview.approved" | "districtReview.rejected" | "closed.certified" | "closed.rejectedByUnit" | "closed.rejectedByDistrict" | "closed.withdrawn" | "closed.expired";
            /** @example 单位审核·审核通过 */
            stateLabel: string;
            /**
             * @description 试用期总时长（月）
             * @example 18
             */
            totalMonths: number | null;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            updatedAt: string;
            version: number;
        };
        ApplicationListItem: {
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            createdAt: string;
            entryMode: ("candidate" | "unit") | null;
            /**
             * @description 单位认证状态
             * @example 单位直接录入
             */
            entryModeLabel: string | null;
            /** Format: uuid */
            id: string;
            /**
             * @description 身份证（脱敏）
             * @example 140105*****7932
             */
            idNumberMasked: string;
            institutionId: string | null;
            institutionName: string | null;
            /**
             * @description 姓名
             * @example 赵六
             */
            name: string | null;
            /**
             * @description 审核备注
             * @example 审核通过
             */
            note: string | null;
            /** @description 红色提示数 */
            redCount: number;
            /**
             * @description 序号
             * @example 1
             */
            seq: number;
            /**
             * @description 状态（application 状态机的点分路径）
             * @example unitReview.pending
             * @enum {string}
             */
            state: "none" | "draft" | "unitReview.pending" | "unitReview.approved" | "unitReview.rejected" | "unitReview.returned" | "districtReview.pending" | "districtReview.approved" | "districtReview.rejected" | "closed.certified" | "closed.rejectedByUnit" | "closed.rejectedByDistrict" | "closed.withdrawn" | "closed.expired";
            /**
             * @description 审批状态
             * @example 单位审核·审核通过
             */
            stateLabel: string;
            version: number;
        };
        Attachment: {
            /** @example application/pdf */
            contentType: string;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            createdAt: string;
            fileName: string;
            /** Format: uuid */
            id: string;
            /** @example registrationForm */
            kind: string;
            /** @example 单位用户注册申请表（盖章） */
            kindLabel: string;
            sha256: string;
            size: number;
            /** @description 重新提交后被替换的时间 */
            supersededAt: string | null;
        };
        BusinessAccount: {
            /**
             * @description 业务账号；未生成时为 null（点我生成）
             * @example WS-00000-034-19
             */
            accountNo: string | null;
            /** @description 是否激活 */
            activated: boolean;
            /** @example 19 */
            businessCode: string;
            /** @example 医师资格考试试用期考核证明申报管理 */
            businessName: string;
            id: string | null;
            /** @example 7 */
            seq: number;
            /**
             * @description 状态（businessAccount 状态机的点分路径）
             * @example active
             * @enum {string}
             */
            state: "unissued" | "issued" | "active" | "disabled";
            /** @example 已激活 */
            stateLabel: string;
            version: number;
        };
        BusinessAccountEventResult: {
            /**
             * @description 业务账号；未生成时为 null（点我生成）
             * @example WS-00000-034-19
             */
            accountNo: string | null;
            /** @description 是否激活 */
            activated: boolean;
            /**
             * @description GENERATE、REISSUE_CODE 时的激活码，仅显示这一次；重放的请求为 null
             * @example K7PD-3QXM-H2TW
             */
            activationCode: string | null;
            /** @example 19 */
            businessCode: string;
            /** @example 医师资格考试试用期考核证明申报管理 */
            businessName: string;
            id: string | null;
            /** @example 7 */
            seq: number;
            /**
             * @description 状态（businessAccount 状态机的点分路径）
             * @example active
             * @enum {string}
             */
            state: "unissued" | "issued" | "active" | "disabled";
            /** @example 已激活 */
            stateLabel: string;
            version: number;
        };
        /** @description 证明核验结果：该申报的当前状态 */
        CertificateVerification: {
            /** Format: uuid */
            applicationId: string;
            /**
             * @description 考生姓名（脱敏）
             * @example 赵*
             */
            candidateNameMasked: string;
            /**
             * @description 验证码（打印在证明上）
             * @example K7PD-3QXM-H2TW
             */
            code: string;
            /** @description 试用机构的审核结果（不含审核说明） */
            decision: {
                /**
                 * Format: date-time
                 * @example 2026-03-01T08:00:00.000Z
                 */
                at: string;
                /** @example 审核通过 */
                label: string;
            } | null;
            /**
             * @description 证件号码（脱敏）
             * @example 140105*****7932
             */
            idNumberMasked: string;
            /** @description 当前试用机构 */
            institutionName: string | null;
            /**
             * Format: date-time
             * @description 首次打印时间
             * @example 2026-03-01T08:00:00.000Z
             */
            issuedAt: string;
            projectName: string | null;
            /**
             * @description 状态（application 状态机的点分路径）
             * @example unitReview.approved
             * @enum {string}
             */
            state: "none" | "draft" | "unitReview.pending" | "unitReview.approved" | "unitReview.rejected" | "unitReview.returned" | "districtReview.pending" | "districtReview.approved" | "districtReview.rejected" | "closed.certified" | "closed.rejectedByUnit" | "closed.rejectedByDistrict" | "closed.withdrawn" | "closed.expired";
            /** @example 单位审核·审核通过 */
            stateLabel: string;
        };
        CheckCode: {
            /**
             * @description 6位校验码；审核通过前为 null
             * @example 434148
             */
            checkCode: string | null;
            /**
             * Format: uuid
             * @example 3f0c6a52-9a43-4d6e-9d0a-2f6f4c1b7a10
             */
            institutionId: string;
        };
        Decision: {
            actorId: string | null;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            at: string;
            /**
             * @description 审核说明
             * @example 审核通过
             */
            explanation: string | null;
            /**
             * @description 审核结果
             * @example 审核通过
             */
            label: string;
            /** @example APPROVE */
            type: string;
        };
        Department: {
            children: components["schemas"]["Department"][];
            /**
             * @description 3位部门代码（业务账号中使用）
             * @example 010
             */
            code: string;
            /** @example 420100 */
            id: string;
            /** @enum {string} */
            level: "province" | "city" | "district";
            /** @example 武汉市卫生健康委员会 */
            name: string;
        };
        Error: {
            error: {
                /**
                 * @description 稳定的错误码（见 docs/errors.md）
                 * @example VALIDATION_FAILED
                 * @enum {string}
                 */
                code: "VALIDATION_FAILED" | "UNAUTHENTICATED" | "INVALID_CODE" | "FORBIDDEN" | "NOT_FOUND" | "INVALID_TRANSITION" | "VERSION_CONFLICT" | "ALREADY_REGISTERED" | "ALREADY_APPLIED" | "IDEMPOTENCY_KEY_REUSED" | "EXPLANATION_REQUIRED" | "REASON_REQUIRED" | "PAPER_CERTIFICATE_REQUIRED" | "DEADLINE_PASSED" | "PROJECT_NOT_OPEN" | "INSTITUTION_CHECK_FAILED" | "INSTITUTION_NOT_ACTIVE" | "FILE_TOO_LARGE" | "EXPORT_TOO_LARGE" | "UNSUPPORTED_FILE_TYPE" | "ACCOUNT_LOCKED" | "RATE_LIMITED" | "DATABASE_UNAVAILABLE" | "DATABASE_TIMEOUT" | "INTERNAL";
                /** @description VALIDATION_FAILED 等为字段问题列表；规则拒绝时为 { rule, … } */
                details?: components["schemas"]["FieldIssue"][] | components["schemas"]["RefusalDetails"];
                /**
                 * @description 中文错误信息
                 * @example 请求数据校验未通过
                 */
                message: string;
            };
        };
        FieldIssue: {
            /**
             * @description 问题代码（小驼峰）
             * @example invalidDate
             */
            code: string;
            /**
             * @description 字段路径，如 segments.0.startsOn
             * @example segments.0.startsOn
             */
            field: string;
            /**
             * @description 字段所在位置（请求校验时）
             * @enum {string}
             */
            in?: "body" | "querystring" | "params" | "headers";
            /**
             * @description 中文说明
             * @example 请填写有效日期
             */
            message: string;
        } & {
            [key: string]: unknown;
        };
        HistoryEntry: {
            actorId: string | null;
            actorRole: string;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            at: string;
            event: string;
            from: string | null;
            payload: {
                [key: string]: unknown;
            };
            seq: number;
            to: string;
        };
        Indicator: {
            /** @enum {string} */
            code: "totalDuration" | "overlap" | "idInvalid" | "idExpired" | "teacherCheck" | "teacherQualification" | "beyondCutoff";
            /** @example 18个月 */
            detail: string;
            /** @example 试用期总时长 */
            label: string;
            /** @enum {string} */
            level: "green" | "red";
            segmentId?: string;
            segmentIds?: string[];
        };
        InstitutionDetail: {
            /**
             * @description 机构证号（审核通过后）
             * @example JG00000
             */
            accountNo: string | null;
            address: string | null;
            adminName: string | null;
            adminPhone: string | null;
            /** @example 138****1234 */
            adminPhoneMasked: string | null;
            attachments: components["schemas"]["Attachment"][];
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            createdAt: string;
            creditCode: string | null;
            department: {
                id: string;
                name: string;
            } | null;
            history: components["schemas"]["InstitutionHistoryEntry"][];
            /**
             * Format: uuid
             * @example 3f0c6a52-9a43-4d6e-9d0a-2f6f4c1b7a10
             */
            id: string;
            indicators: components["schemas"]["RegistrationIndicator"][];
            isMedical: boolean | null;
            /** @description 医疗执业机构许可证号（登记号） */
            licenseNo: string | null;
            /** @example 武汉市第1911医院 */
            name: string | null;
            /** @description 最近一次审核通过、不通过、退回或停用的原因 */
            reason: string | null;
            /** @description 统一社会信用代码校验位错误（红色提示），审核通过须填写原因 */
            red: boolean;
            /**
             * @description 状态（institution 状态机的点分路径）
             * @example applied
             * @enum {string}
             */
            state: "none" | "applied" | "rejected" | "returned" | "approved" | "activated" | "disabled";
            /** @example 待审核 */
            stateLabel: string;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            updatedAt: string;
            version: number;
        };
        InstitutionHistoryEntry: {
            actorId: string | null;
            actorRole: string;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            at: string;
            /** @example APPROVE */
            event: string;
            from: string | null;
            /** @description 事件内容（原因）与引擎当时确定的事实 */
            payload: {
                [key: string]: unknown;
            };
            seq: number;
            to: string;
        };
        InstitutionPage: {
            items: components["schemas"]["InstitutionSummary"][];
            page: number;
            pageSize: number;
            total: number;
        };
        InstitutionProgress: {
            /** @description 申报人数 */
            applicantCount: number;
            /** @description 本系统审核人数 */
            decidedCount: number;
            departmentId: string | null;
            /** Format: uuid */
            institutionId: string;
            institutionName: string | null;
            /**
             * @description 上报状态
             * @enum {string}
             */
            reportState: "notReported" | "partlyReported" | "reported";
            /**
             * @description 上报状态：未上报 / 部分上报 / 已上报
             * @example 未上报
             */
            reportStateLabel: string;
            /** @description 已上报人数 */
            reportedCount: number;
        };
        InstitutionSummary: {
            /**
             * @description 机构证号（审核通过后）
             * @example JG00000
             */
            accountNo: string | null;
            adminName: string | null;
            /** @example 138****1234 */
            adminPhoneMasked: string | null;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            createdAt: string;
            creditCode: string | null;
            department: {
                id: string;
                name: string;
            } | null;
            /**
             * Format: uuid
             * @example 3f0c6a52-9a43-4d6e-9d0a-2f6f4c1b7a10
             */
            id: string;
            isMedical: boolean | null;
            /** @description 医疗执业机构许可证号（登记号） */
            licenseNo: string | null;
            /** @example 武汉市第1911医院 */
            name: string | null;
            /** @description 统一社会信用代码校验位错误（红色提示），审核通过须填写原因 */
            red: boolean;
            /**
             * @description 状态（institution 状态机的点分路径）
             * @example applied
             * @enum {string}
             */
            state: "none" | "applied" | "rejected" | "returned" | "approved" | "activated" | "disabled";
            /** @example 待审核 */
            stateLabel: string;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            updatedAt: string;
            version: number;
        };
        Me: {
            account: components["schemas"]["Account"];
            department: {
                id: string;
                level: string;
                name: string;
            } | null;
            institution: {
                /** Format: uuid */
                id: string;
                /**
                 * @description 状态（institution 状态机的点分路径）
                 * @example activated
                 * @enum {string}
                 */
                state: "none" | "applied" | "rejected" | "returned" | "approved" | "activated" | "disabled";
            } | null;
        };
        OutboxPage: {
            items: {
                /** @description 已尝试投递的次数 */
                attempts: number;
                /**
                 * Format: date-time
                 * @example 2026-03-01T08:00:00.000Z
                 */
                createdAt: string;
                dispatchedAt: string | null;
                entityId: string | null;
                entityType: string | null;
                /** @description 达到最大尝试次数、已放弃投递的时间 */
                failedAt: string | null;
                id: number;
                /** @description 最近一次投递失败时服务商的答复 */
                lastError: string | null;
                /** @description 投递失败后，下次重试不早于此时 */
                nextAttemptAt: string | null;
                /** @description 通知内容；手机号脱敏，验证码与激活码不显示 */
                payload: {
                    [key: string]: unknown;
                };
                /** @example institution.approved */
                topic: string;
            }[];
            page: number;
            pageSize: number;
            total: number;
        };
        PaperCertificate: {
            contentType: string;
            fileName: string;
            /** Format: uuid */
            id: string;
            segmentId: string;
            size: number;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            uploadedAt: string;
            uploadedBy: string | null;
        };
        PaperCertificateUploadInput: {
            /**
             * Format: binary
             * @description 试用期考核证明盖章纸质版：PDF/JPEG/PNG，≤10MB
             */
            file: Blob;
        };
        PhysicianCsvUploadInput: {
            /**
             * Format: binary
             * @description 医师库 CSV：证书编码,姓名,医师级别,执业类别,执业单位,状态（UTF-8，可带 BOM）
             */
            file: Blob;
        };
        PhysicianImportResult: {
            inserted: number;
            lines: number;
            records: number;
            /** @description 被拒绝的行（行号与原因），最多列出10000行 */
            rejected: {
                line: number;
                reason: string;
            }[];
            rejectedTotal: number;
            unchanged: number;
            updated: number;
        };
        PhysicianVerification: {
            certNo: string;
            label: string;
            /** @enum {string} */
            level: "green" | "red";
            physician?: {
                category: string;
                level: string;
                practising: boolean;
            };
            /** @enum {string} */
            result: "match" | "unknownNumber" | "nameMismatch";
        };
        Project: {
            /** @description 申报人数 */
            applicantCount: number;
            /**
             * Format: date
             * @description 省级审批截止日期
             * @example 2020-02-24
             */
            approvalDeadline: string;
            /** @example 19 */
            businessCode: string;
            /**
             * Format: date-time
             * @example 2026-03-01T08:00:00.000Z
             */
            createdAt: string;
            /**
             * @description 距离截至审批时间（天）
             * @example 63
             */
            daysLeft: number;
            /** @description 本系统审核人数 */
            decidedCount: number;
            /** Format: uuid */
            id: string;
            /** @example 医师资格考试试用期考核证明申报 */
            name: string;
            /**
             * Format: date
             * @description 试用期截止日期（之后的时间不计入）
             * @example 2020-08-31
             */
            probationCutoff: string;
            /**
             * @description 上报状态
             * @enum {string}
             */
            reportState: "notReported" | "partlyReported" | "reported";
            /**
             * @description 上报状态：未上报 / 部分上报 / 已上报
             * @example 未上报
             */
            reportStateLabel: string;
            /** @description 已上报人数 */
            reportedCount: number;
            /**
             * Format: date
             * @description 项目开始日期
             * @example 2019-12-19
             */
            startsOn: string;
            /**
             * @description 项目状态
             * @enum {string}
             */
            status: "notStarted" | "open" | "closed";
            /**
             * @description 项目状态：未开始 / 申报中 / 已截止
             * @example 申报中
             */
            statusLabel: string;
        };
        QueryCodeAccepted: {
            /** @example 如该统一社会信用代码已注册，验证码已发送至登记的管理员手机 */
            message: string;
        };
        RefusalDetails: {
            /**
             * @description 拒绝的规则（守卫名、role、scope 等）
             * @example explanationGivenWhenRed
             */
            rule?: string;
        } & {
            [key: string]: unknown;
        };
        RegistrationFormInput: {
            /**
             * @description 单位地址
             * @example 武汉市江岸区示范路1号
             */
            address: string;
            /**
             * @description 本单位使用此平台的系统管理员姓名
             * @example 张敏
             */
            adminName: string;
            /**
             * @description 系统管理员手机（接收激活码与查询验证码）
             * @example 13812341234
             */
            adminPhone: string;
            /**
             * Format: binary
             * @description 统一社会信用代码证：PDF/JPEG/PNG，≤10MB
             */
            creditCertificate: Blob;
            /**
             * @description 统一社会信用代码（18位；校验位错误不拒绝，但标红且审核通过须填写原因）
             * @example 12420102MB00000016
             */
            creditCode: string;
            /**
             * @description 本单位业务主管（指导）卫生部门（GET /departments 的 id）
             * @example 420102
             */
            departmentId: string;
            /**
             * @description 是否医疗机构；省略时按是否填写许可证号判断
             * @enum {string}
             */
            isMedical?: "true" | "false";
            /**
             * @description 医疗执业机构许可证号（登记号），仅且必须由医疗机构填写
             * @example 5252223212582111254
             */
            licenseNo?: string;
            /**
             * Format: binary
             * @description 医疗登记许可证（仅医疗机构）：PDF/JPEG/PNG，≤10MB
             */
            medicalLicense?: Blob;
            /**
             * @description 单位全称（第一名称），至少2个字符
             * @example 武汉市第1911医院
             */
            name: string;
            /**
             * @description 重新提交被退回或审核不通过的注册时必填：申请查询发送到当前登记手机的6位验证码（证明是本单位提交）
             * @example 048213
             */
            queryCode?: string;
            /**
             * Format: binary
             * @description 单位用户注册申请表（盖章）：PDF/JPEG/PNG，≤10MB
             */
            registrationForm: Blob;
        };
        RegistrationIndicator: {
            /** @constant */
            code: "creditCodeCheck";
            detail: string;
            /** @example 统一社会信用代码校验位 */
            label: string;
            /** @enum {string} */
            level: "green" | "red";
        };
        RegistrationQueryResult: {
            /**
             * @description 机构证号
             * @example JG00000
             */
            accountNo?: string;
            /**
             * @description 审核通过未激活时新生成的激活码（此前的激活码作废）
             * @example K7PD-3QXM-H2TW
             */
            activationCode?: string;
            /** @description 审核不通过、退回或停用的原因 */
            reason?: string;
            /**
             * @description 状态（institution 状态机的点分路径）
             * @example approved
             * @enum {string}
             */
            state: "none" | "applied" | "rejected" | "returned" | "approved" | "activated" | "disabled";
            /** @example 审核通过（待激活） */
            stateLabel: string;
        };
        RegistrationResult: {
            /**
             * Format: uuid
             * @example 3f0c6a52-9a43-4d6e-9d0a-2f6f4c1b7a10
             */
            id: string;
            /** @description 审核不通过或退回后以同一统一社会信用代码重新提交（RESUBMIT） */
            resubmitted: boolean;
            /**
             * @description 状态（institution 状态机的点分路径）
             * @example applied
             * @enum {string}
             */
            state: "none" | "applied" | "rejected" | "returned" | "approved" | "activated" | "disabled";
            /** @example 待审核 */
            stateLabel: string;
            version: number;
        };
        ReportOutcome: {
            failed: {
                code: string;
                /** Format: uuid */
                id: string;
                message: string;
            }[];
            /** @description 审核不通过，上报后结束 */
            rejectedByUnit: number;
            /** @description 审核通过并上报至考区 */
            reported: number;
            /** @description 开始时可上报的申报数 */
            total: number;
        };
        Session: {
            account: components["schemas"]["Account"];
            /**
             * Format: date-time
             * @description 绝对过期时间；闲置30分钟亦失效
             * @example 2026-03-01T08:00:00.000Z
             */
            expiresAt: string;
            /** @description Bearer 令牌（Authorization: Bearer <token>） */
            token: string;
        };
        Workflow: {
            events: {
                description?: string;
                label: {
                    en: string;
                    zh: string;
                };
                roles: string[];
                type: string;
            }[];
            label: {
                en: string;
                zh: string;
            };
            /** @description Mermaid stateDiagram-v2 */
            mermaid: string;
            /** @example application */
            name: string;
            states: {
                absent: boolean;
                label: {
                    en: string;
                    zh: string;
                };
                path: string;
                type: string;
            }[];
            version: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    activateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description 机构证号或业务账号
                     * @example WS-00000-034-19
                     */
                    accountNo: string;
                    /** @example K7PD-3QXM-H2TW */
                    activationCode: string;
                    /**
                     * @description 至少8位，含大写、小写、数字、符号中的三种
                     * @example Demo@2026
                     */
                    password: string;
                };
            };
        };
        responses: {
            /** @description 账号已激活，可用新密码登录 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accountNo": "WS-00000-034-19",
                     *       "kind": "business",
                     *       "state": "active",
                     *       "stateLabel": "已激活"
                     *     }
                     */
                    "application/json": components["schemas"]["ActivationResult"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_CODE: 验证码错误或已失效 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 申报详情（含审核提示信息与可执行事件） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowedEvents": [
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": false,
                     *           "label": "审核通过",
                     *           "reasons": [],
                     *           "type": "APPROVE"
                     *         },
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": true,
                     *           "label": "退回",
                     *           "reasons": [],
                     *           "type": "RETURN"
                     *         },
                     *         {
                     *           "allowed": false,
                     *           "explanationRequired": false,
                     *           "label": "上报",
                     *           "reasons": [
                     *             {
                     *               "code": "INVALID_TRANSITION",
                     *               "message": "当前状态不允许此操作（REPORT）",
                     *               "rule": "state"
                     *             }
                     *           ],
                     *           "type": "REPORT"
                     *         }
                     *       ],
                     *       "candidateId": null,
                     *       "closedAt": null,
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "data": {
                     *         "candidate": {
                     *           "birthDate": "1995-05-12",
                     *           "ethnicity": "01",
                     *           "gender": "male",
                     *           "idNumber": "420106199505120319",
                     *           "idType": "resident-id",
                     *           "idValidFrom": "2016-05-01",
                     *           "idValidTo": "长期",
                     *           "name": "孙八",
                     *           "phone": "13912345678"
                     *         },
                     *         "exam": {
                     *           "categoryCode": "110",
                     *           "level": "执业医师"
                     *         },
                     *         "segments": [
                     *           {
                     *             "checkCodeVerified": true,
                     *             "current": true,
                     *             "department": "内科",
                     *             "endsOn": "2026-12-06",
                     *             "id": "s1",
                     *             "institutionName": "武汉市第1911医院",
                     *             "registrationNo": "5252223212582111254",
                     *             "startsOn": "2025-10-13",
                     *             "teacherCertNo": "110420100012345",
                     *             "teacherName": "黄燕红",
                     *             "teacherUnit": "江岸黄燕红西内科诊所"
                     *           }
                     *         ]
                     *       },
                     *       "decision": null,
                     *       "districtDecision": null,
                     *       "entryMode": "unit",
                     *       "entryModeLabel": "单位直接录入",
                     *       "history": [
                     *         {
                     *           "actorId": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *           "actorRole": "business",
                     *           "at": "2026-12-06T08:00:00.000Z",
                     *           "event": "CREATE",
                     *           "from": null,
                     *           "payload": {
                     *             "facts": {
                     *               "deadlinePassed": false,
                     *               "projectOpen": true,
                     *               "redCount": 0
                     *             }
                     *           },
                     *           "seq": 1,
                     *           "to": "unitReview.pending"
                     *         }
                     *       ],
                     *       "id": "3298e46d-f653-4626-963f-b0af0a7a5c2a",
                     *       "indicators": [
                     *         {
                     *           "code": "totalDuration",
                     *           "detail": "13个月",
                     *           "label": "试用期总时长",
                     *           "level": "green"
                     *         },
                     *         {
                     *           "code": "teacherCheck",
                     *           "detail": "带教老师姓名与执业证书号符合",
                     *           "label": "带教老师姓名与执业证书号是否符合",
                     *           "level": "green",
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "institution": {
                     *         "id": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *         "name": "武汉市第1911医院"
                     *       },
                     *       "open": true,
                     *       "project": {
                     *         "approvalDeadline": "2027-02-08",
                     *         "id": "7a760816-0ed7-42a7-a317-ed252b1688e6",
                     *         "name": "医师资格考试试用期考核证明申报",
                     *         "probationCutoff": "2027-08-31",
                     *         "startsOn": "2026-11-27"
                     *       },
                     *       "redCount": 0,
                     *       "reportedAt": null,
                     *       "segments": [
                     *         {
                     *           "countedMonths": 13,
                     *           "current": true,
                     *           "days": 24,
                     *           "durationLabel": "13个月",
                     *           "months": 13,
                     *           "paperCertificate": null,
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "state": "unitReview.pending",
                     *       "stateLabel": "单位审核·待审核",
                     *       "totalMonths": 13,
                     *       "updatedAt": "2026-12-06T08:00:00.000Z",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["ApplicationDetail"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    editApplication: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键的重试返回首次结果，不重复执行 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description 修改申报（EDIT）：提交完整的申报数据，可附 expectedVersion。 */
        requestBody: {
            content: {
                "application/json": {
                    candidate: {
                        birthDate?: string;
                        ethnicity: string;
                        /** @enum {string} */
                        gender?: "male" | "female";
                        idNumber: string;
                        /** @enum {string} */
                        idType: "resident-id" | "passport" | "hk-macao-permit" | "taiwan-permit";
                        idValidFrom: string;
                        idValidTo: string;
                        name: string;
                        phone: string;
                    };
                    exam: {
                        /** @enum {string} */
                        categoryCode: "110" | "120" | "130" | "141" | "142" | "210" | "220" | "230" | "241" | "242";
                        /** @enum {string} */
                        level?: "执业医师" | "执业助理医师";
                    };
                    /** @description 乐观锁：版本不符返回 409 VERSION_CONFLICT */
                    expectedVersion?: number;
                    segments: {
                        checkCode?: string;
                        current: boolean;
                        department: string;
                        endsOn: string;
                        /** @description Stable segment id (s1, s2 …); assigned when absent or malformed. */
                        id?: unknown;
                        institutionName: string;
                        registrationNo: string;
                        startsOn: string;
                        teacherCertNo: string;
                        teacherName: string;
                        teacherUnit: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description 修改后的申报详情（提示信息已重算） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowedEvents": [
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": false,
                     *           "label": "审核通过",
                     *           "reasons": [],
                     *           "type": "APPROVE"
                     *         },
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": true,
                     *           "label": "退回",
                     *           "reasons": [],
                     *           "type": "RETURN"
                     *         },
                     *         {
                     *           "allowed": false,
                     *           "explanationRequired": false,
                     *           "label": "上报",
                     *           "reasons": [
                     *             {
                     *               "code": "INVALID_TRANSITION",
                     *               "message": "当前状态不允许此操作（REPORT）",
                     *               "rule": "state"
                     *             }
                     *           ],
                     *           "type": "REPORT"
                     *         }
                     *       ],
                     *       "candidateId": null,
                     *       "closedAt": null,
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "data": {
                     *         "candidate": {
                     *           "birthDate": "1995-05-12",
                     *           "ethnicity": "01",
                     *           "gender": "male",
                     *           "idNumber": "420106199505120319",
                     *           "idType": "resident-id",
                     *           "idValidFrom": "2016-05-01",
                     *           "idValidTo": "长期",
                     *           "name": "孙八",
                     *           "phone": "13912345678"
                     *         },
                     *         "exam": {
                     *           "categoryCode": "110",
                     *           "level": "执业医师"
                     *         },
                     *         "segments": [
                     *           {
                     *             "checkCodeVerified": true,
                     *             "current": true,
                     *             "department": "内科",
                     *             "endsOn": "2026-12-06",
                     *             "id": "s1",
                     *             "institutionName": "武汉市第1911医院",
                     *             "registrationNo": "5252223212582111254",
                     *             "startsOn": "2025-10-13",
                     *             "teacherCertNo": "110420100012345",
                     *             "teacherName": "黄燕红",
                     *             "teacherUnit": "江岸黄燕红西内科诊所"
                     *           }
                     *         ]
                     *       },
                     *       "decision": null,
                     *       "districtDecision": null,
                     *       "entryMode": "unit",
                     *       "entryModeLabel": "单位直接录入",
                     *       "history": [
                     *         {
                     *           "actorId": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *           "actorRole": "business",
                     *           "at": "2026-12-06T08:00:00.000Z",
                     *           "event": "CREATE",
                     *           "from": null,
                     *           "payload": {
                     *             "facts": {
                     *               "deadlinePassed": false,
                     *               "projectOpen": true,
                     *               "redCount": 0
                     *             }
                     *           },
                     *           "seq": 1,
                     *           "to": "unitReview.pending"
                     *         }
                     *       ],
                     *       "id": "3298e46d-f653-4626-963f-b0af0a7a5c2a",
                     *       "indicators": [
                     *         {
                     *           "code": "totalDuration",
                     *           "detail": "13个月",
                     *           "label": "试用期总时长",
                     *           "level": "green"
                     *         },
                     *         {
                     *           "code": "teacherCheck",
                     *           "detail": "带教老师姓名与执业证书号符合",
                     *           "label": "带教老师姓名与执业证书号是否符合",
                     *           "level": "green",
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "institution": {
                     *         "id": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *         "name": "武汉市第1911医院"
                     *       },
                     *       "open": true,
                     *       "project": {
                     *         "approvalDeadline": "2027-02-08",
                     *         "id": "7a760816-0ed7-42a7-a317-ed252b1688e6",
                     *         "name": "医师资格考试试用期考核证明申报",
                     *         "probationCutoff": "2027-08-31",
                     *         "startsOn": "2026-11-27"
                     *       },
                     *       "redCount": 0,
                     *       "reportedAt": null,
                     *       "segments": [
                     *         {
                     *           "countedMonths": 13,
                     *           "current": true,
                     *           "days": 24,
                     *           "durationLabel": "13个月",
                     *           "months": 13,
                     *           "paperCertificate": null,
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "state": "unitReview.pending",
                     *       "stateLabel": "单位审核·待审核",
                     *       "totalMonths": 13,
                     *       "updatedAt": "2026-12-06T08:00:00.000Z",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["ApplicationDetail"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_TRANSITION: 当前状态不允许此操作；VERSION_CONFLICT: 数据已被他人修改，请刷新后重试；ALREADY_APPLIED: 该考生在本项目中已有申报 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED: 幂等键已用于另一个请求；EXPLANATION_REQUIRED: 存在红色提示，必须填写审核说明；PAPER_CERTIFICATE_REQUIRED: 其他试用机构带教老师核对不一致，考生需上传试用期考核证明盖章纸质版；DEADLINE_PASSED: 已超过省级审批截止日期；PROJECT_NOT_OPEN: 项目当前不在申报期内；INSTITUTION_CHECK_FAILED: 试用机构登记号与校验码不匹配 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    printApplicationCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 试用期考核证明（PDF） */
            200: {
                headers: {
                    /** @description 文件名（RFC 6266，中文名以 filename* 给出） */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": Blob;
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendApplicationEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键的重试返回首次结果，不重复执行 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description 乐观锁：版本不符返回 409
                     * @example 2
                     */
                    expectedVersion?: number;
                    /**
                     * @description 审核说明（REJECT、RETURN 必填；存在红色提示时 APPROVE 必填）
                     * @example 审核通过
                     */
                    explanation?: string;
                    /**
                     * @description 事件类型
                     * @example APPROVE
                     * @enum {string}
                     */
                    type: "SUBMIT" | "RESUBMIT" | "APPROVE" | "REJECT" | "RETURN" | "REPORT" | "DISTRICT_APPROVE" | "DISTRICT_REJECT" | "DISTRICT_RETURN" | "WITHDRAW";
                };
            };
        };
        responses: {
            /** @description 事件已受理：事件后的申报详情（与 GET 相同） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowedEvents": [
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": false,
                     *           "label": "审核通过",
                     *           "reasons": [],
                     *           "type": "APPROVE"
                     *         },
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": true,
                     *           "label": "退回",
                     *           "reasons": [],
                     *           "type": "RETURN"
                     *         },
                     *         {
                     *           "allowed": false,
                     *           "explanationRequired": false,
                     *           "label": "上报",
                     *           "reasons": [
                     *             {
                     *               "code": "INVALID_TRANSITION",
                     *               "message": "当前状态不允许此操作（REPORT）",
                     *               "rule": "state"
                     *             }
                     *           ],
                     *           "type": "REPORT"
                     *         }
                     *       ],
                     *       "candidateId": null,
                     *       "closedAt": null,
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "data": {
                     *         "candidate": {
                     *           "birthDate": "1995-05-12",
                     *           "ethnicity": "01",
                     *           "gender": "male",
                     *           "idNumber": "420106199505120319",
                     *           "idType": "resident-id",
                     *           "idValidFrom": "2016-05-01",
                     *           "idValidTo": "长期",
                     *           "name": "孙八",
                     *           "phone": "13912345678"
                     *         },
                     *         "exam": {
                     *           "categoryCode": "110",
                     *           "level": "执业医师"
                     *         },
                     *         "segments": [
                     *           {
                     *             "checkCodeVerified": true,
                     *             "current": true,
                     *             "department": "内科",
                     *             "endsOn": "2026-12-06",
                     *             "id": "s1",
                     *             "institutionName": "武汉市第1911医院",
                     *             "registrationNo": "5252223212582111254",
                     *             "startsOn": "2025-10-13",
                     *             "teacherCertNo": "110420100012345",
                     *             "teacherName": "黄燕红",
                     *             "teacherUnit": "江岸黄燕红西内科诊所"
                     *           }
                     *         ]
                     *       },
                     *       "decision": {
                     *         "actorId": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *         "at": "2026-12-06T08:00:00.000Z",
                     *         "explanation": null,
                     *         "label": "审核通过",
                     *         "type": "APPROVE"
                     *       },
                     *       "districtDecision": null,
                     *       "entryMode": "unit",
                     *       "entryModeLabel": "单位直接录入",
                     *       "history": [
                     *         {
                     *           "actorId": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *           "actorRole": "business",
                     *           "at": "2026-12-06T08:00:00.000Z",
                     *           "event": "CREATE",
                     *           "from": null,
                     *           "payload": {
                     *             "facts": {
                     *               "deadlinePassed": false,
                     *               "projectOpen": true,
                     *               "redCount": 0
                     *             }
                     *           },
                     *           "seq": 1,
                     *           "to": "unitReview.pending"
                     *         }
                     *       ],
                     *       "id": "3298e46d-f653-4626-963f-b0af0a7a5c2a",
                     *       "indicators": [
                     *         {
                     *           "code": "totalDuration",
                     *           "detail": "13个月",
                     *           "label": "试用期总时长",
                     *           "level": "green"
                     *         },
                     *         {
                     *           "code": "teacherCheck",
                     *           "detail": "带教老师姓名与执业证书号符合",
                     *           "label": "带教老师姓名与执业证书号是否符合",
                     *           "level": "green",
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "institution": {
                     *         "id": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *         "name": "武汉市第1911医院"
                     *       },
                     *       "open": true,
                     *       "project": {
                     *         "approvalDeadline": "2027-02-08",
                     *         "id": "7a760816-0ed7-42a7-a317-ed252b1688e6",
                     *         "name": "医师资格考试试用期考核证明申报",
                     *         "probationCutoff": "2027-08-31",
                     *         "startsOn": "2026-11-27"
                     *       },
                     *       "redCount": 0,
                     *       "reportedAt": null,
                     *       "segments": [
                     *         {
                     *           "countedMonths": 13,
                     *           "current": true,
                     *           "days": 24,
                     *           "durationLabel": "13个月",
                     *           "months": 13,
                     *           "paperCertificate": null,
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "state": "unitReview.approved",
                     *       "stateLabel": "单位审核·审核通过",
                     *       "totalMonths": 13,
                     *       "updatedAt": "2026-12-06T08:00:00.000Z",
                     *       "version": 2
                     *     }
                     */
                    "application/json": components["schemas"]["ApplicationDetail"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_TRANSITION: 当前状态不允许此操作；VERSION_CONFLICT: 数据已被他人修改，请刷新后重试 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED: 幂等键已用于另一个请求；EXPLANATION_REQUIRED: 存在红色提示，必须填写审核说明；PAPER_CERTIFICATE_REQUIRED: 其他试用机构带教老师核对不一致，考生需上传试用期考核证明盖章纸质版；DEADLINE_PASSED: 已超过省级审批截止日期；PROJECT_NOT_OPEN: 项目当前不在申报期内 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApplicationHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 申报的全部历史记录（按序号） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "actorId": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *           "actorRole": "business",
                     *           "at": "2026-12-06T08:00:00.000Z",
                     *           "event": "CREATE",
                     *           "from": null,
                     *           "payload": {
                     *             "facts": {
                     *               "deadlinePassed": false,
                     *               "projectOpen": true,
                     *               "redCount": 0
                     *             }
                     *           },
                     *           "seq": 1,
                     *           "to": "unitReview.pending"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["HistoryEntry"][];
                    };
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadPaperCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                segmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["PaperCertificateUploadInput"];
            };
        };
        responses: {
            /** @description 已上传：申报详情（该段的纸质证明已记录） */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowedEvents": [
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": false,
                     *           "label": "审核通过",
                     *           "reasons": [],
                     *           "type": "APPROVE"
                     *         },
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": true,
                     *           "label": "退回",
                     *           "reasons": [],
                     *           "type": "RETURN"
                     *         },
                     *         {
                     *           "allowed": false,
                     *           "explanationRequired": false,
                     *           "label": "上报",
                     *           "reasons": [
                     *             {
                     *               "code": "INVALID_TRANSITION",
                     *               "message": "当前状态不允许此操作（REPORT）",
                     *               "rule": "state"
                     *             }
                     *           ],
                     *           "type": "REPORT"
                     *         }
                     *       ],
                     *       "candidateId": null,
                     *       "closedAt": null,
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "data": {
                     *         "candidate": {
                     *           "birthDate": "1995-05-12",
                     *           "ethnicity": "01",
                     *           "gender": "male",
                     *           "idNumber": "420106199505120319",
                     *           "idType": "resident-id",
                     *           "idValidFrom": "2016-05-01",
                     *           "idValidTo": "长期",
                     *           "name": "孙八",
                     *           "phone": "13912345678"
                     *         },
                     *         "exam": {
                     *           "categoryCode": "110",
                     *           "level": "执业医师"
                     *         },
                     *         "segments": [
                     *           {
                     *             "checkCodeVerified": true,
                     *             "current": true,
                     *             "department": "内科",
                     *             "endsOn": "2026-12-06",
                     *             "id": "s1",
                     *             "institutionName": "武汉市第1911医院",
                     *             "registrationNo": "5252223212582111254",
                     *             "startsOn": "2025-10-13",
                     *             "teacherCertNo": "110420100012345",
                     *             "teacherName": "黄燕红",
                     *             "teacherUnit": "江岸黄燕红西内科诊所"
                     *           }
                     *         ]
                     *       },
                     *       "decision": null,
                     *       "districtDecision": null,
                     *       "entryMode": "unit",
                     *       "entryModeLabel": "单位直接录入",
                     *       "history": [
                     *         {
                     *           "actorId": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *           "actorRole": "business",
                     *           "at": "2026-12-06T08:00:00.000Z",
                     *           "event": "CREATE",
                     *           "from": null,
                     *           "payload": {
                     *             "facts": {
                     *               "deadlinePassed": false,
                     *               "projectOpen": true,
                     *               "redCount": 0
                     *             }
                     *           },
                     *           "seq": 1,
                     *           "to": "unitReview.pending"
                     *         }
                     *       ],
                     *       "id": "3298e46d-f653-4626-963f-b0af0a7a5c2a",
                     *       "indicators": [
                     *         {
                     *           "code": "totalDuration",
                     *           "detail": "13个月",
                     *           "label": "试用期总时长",
                     *           "level": "green"
                     *         },
                     *         {
                     *           "code": "teacherCheck",
                     *           "detail": "带教老师姓名与执业证书号符合",
                     *           "label": "带教老师姓名与执业证书号是否符合",
                     *           "level": "green",
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "institution": {
                     *         "id": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *         "name": "武汉市第1911医院"
                     *       },
                     *       "open": true,
                     *       "project": {
                     *         "approvalDeadline": "2027-02-08",
                     *         "id": "7a760816-0ed7-42a7-a317-ed252b1688e6",
                     *         "name": "医师资格考试试用期考核证明申报",
                     *         "probationCutoff": "2027-08-31",
                     *         "startsOn": "2026-11-27"
                     *       },
                     *       "redCount": 0,
                     *       "reportedAt": null,
                     *       "segments": [
                     *         {
                     *           "countedMonths": 13,
                     *           "current": true,
                     *           "days": 24,
                     *           "durationLabel": "13个月",
                     *           "months": 13,
                     *           "paperCertificate": null,
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "state": "unitReview.pending",
                     *       "stateLabel": "单位审核·待审核",
                     *       "totalMonths": 13,
                     *       "updatedAt": "2026-12-06T08:00:00.000Z",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["ApplicationDetail"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_TRANSITION: 当前状态不允许此操作 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FILE_TOO_LARGE: 文件过大 */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_FILE_TYPE: 仅支持 PDF、JPEG、PNG 文件 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEADLINE_PASSED: 已超过省级审批截止日期 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    downloadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 文件内容（按上传时识别的类型） */
            200: {
                headers: {
                    /** @description 文件名（RFC 6266，中文名以 filename* 给出） */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": Blob;
                    "image/jpeg": Blob;
                    "image/png": Blob;
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerCandidate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description 居民身份证号（18位）
                     * @example 140105199001017932
                     */
                    idNumber: string;
                    /** @example 赵六 */
                    name: string;
                    /**
                     * @description 至少8位，含大写、小写、数字、符号中的三种
                     * @example Zhao@2026
                     */
                    password: string;
                    /** @example 13812341234 */
                    phone: string;
                };
            };
        };
        responses: {
            /** @description 已注册的考生账号（用身份证号登录） */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "activated": true,
                     *       "businessCode": null,
                     *       "departmentId": null,
                     *       "id": "52bb81d1-ca58-4340-903d-44dc2bfc75f5",
                     *       "institutionId": null,
                     *       "kind": "candidate",
                     *       "login": "140105199001097932",
                     *       "name": "赵六",
                     *       "phoneMasked": "138****1234"
                     *     }
                     */
                    "application/json": components["schemas"]["Account"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyCertificate: {
        parameters: {
            query: {
                /** @description 验证码（大小写、空格与连字符不限） */
                code: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 该申报的当前状态 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "applicationId": "3298e46d-f653-4626-963f-b0af0a7a5c2a",
                     *       "candidateNameMasked": "孙*",
                     *       "code": "K7PD-3QXM-H2TW",
                     *       "decision": {
                     *         "at": "2026-12-06T08:00:00.000Z",
                     *         "label": "审核通过"
                     *       },
                     *       "idNumberMasked": "420106*****0319",
                     *       "institutionName": "武汉市第1911医院",
                     *       "issuedAt": "2026-12-06T08:00:00.000Z",
                     *       "projectName": "医师资格考试试用期考核证明申报",
                     *       "state": "unitReview.approved",
                     *       "stateLabel": "单位审核·审核通过"
                     *     }
                     */
                    "application/json": components["schemas"]["CertificateVerification"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDepartments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 部门树（每个部门带其下级） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "children": [
                     *             {
                     *               "children": [],
                     *               "code": "420100",
                     *               "id": "420100",
                     *               "level": "city",
                     *               "name": "武汉市卫生健康委员会"
                     *             }
                     *           ],
                     *           "code": "420000",
                     *           "id": "420000",
                     *           "level": "province",
                     *           "name": "湖北省卫生健康委员会"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Department"][];
                    };
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerInstitution: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键的重试返回首次结果，不重复执行 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["RegistrationFormInput"];
            };
        };
        responses: {
            /** @description 注册已提交（或重新提交），等待考区审核 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f4acb56-4edb-48fd-8fb2-0cb1ce3940a0",
                     *       "resubmitted": false,
                     *       "state": "applied",
                     *       "stateLabel": "待审核",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["RegistrationResult"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ALREADY_REGISTERED: 该统一社会信用代码已注册；INVALID_TRANSITION: 当前状态不允许此操作 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FILE_TOO_LARGE: 文件过大 */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_FILE_TYPE: 仅支持 PDF、JPEG、PNG 文件 */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queryRegistration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description 短信验证码（6位数字）
                     * @example 048213
                     */
                    code: string;
                    /**
                     * @description 统一社会信用代码
                     * @example 12420102MB00000016
                     */
                    creditCode: string;
                };
            };
        };
        responses: {
            /** @description 注册状态、原因、机构证号与激活码 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accountNo": "JG00000",
                     *       "activationCode": "K7PD-3QXM-H2TW",
                     *       "state": "approved",
                     *       "stateLabel": "审核通过（待激活）"
                     *     }
                     */
                    "application/json": components["schemas"]["RegistrationQueryResult"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_CODE: 验证码错误或已失效 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendRegistrationQueryCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description 统一社会信用代码
                     * @example 12420102MB00000016
                     */
                    creditCode: string;
                };
            };
        };
        responses: {
            /** @description 已受理：若该代码已注册，验证码将发送到注册手机 */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "如该统一社会信用代码已注册，验证码已发送至登记的管理员手机"
                     *     }
                     */
                    "application/json": components["schemas"]["QueryCodeAccepted"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listInstitutions: {
        parameters: {
            query?: {
                /** @description 页码，从1开始 */
                page?: number;
                /** @description 每页条数，默认10，最多100 */
                pageSize?: number;
                /** @description 按状态筛选 */
                state?: "applied" | "rejected" | "returned" | "approved" | "activated" | "disabled";
                /** @description 单位名称（部分）、统一社会信用代码（或开头）、机构证号或登记号 */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 调用者可见的机构注册（分页） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "accountNo": null,
                     *           "adminName": "李娜",
                     *           "adminPhoneMasked": "139****2026",
                     *           "createdAt": "2026-12-06T08:00:00.000Z",
                     *           "creditCode": "12420106MB00000023",
                     *           "department": {
                     *             "id": "420106",
                     *             "name": "武昌区卫生健康局"
                     *           },
                     *           "id": "3f4acb56-4edb-48fd-8fb2-0cb1ce3940a0",
                     *           "isMedical": true,
                     *           "licenseNo": "PDY4201060001",
                     *           "name": "武汉市武昌区示范社区卫生服务中心",
                     *           "red": false,
                     *           "state": "applied",
                     *           "stateLabel": "待审核",
                     *           "updatedAt": "2026-12-06T08:00:00.000Z",
                     *           "version": 1
                     *         }
                     *       ],
                     *       "page": 1,
                     *       "pageSize": 10,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["InstitutionPage"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportInstitutions: {
        parameters: {
            query?: {
                /** @description 按状态筛选 */
                state?: "applied" | "rejected" | "returned" | "approved" | "activated" | "disabled";
                /** @description 单位名称（部分）、统一社会信用代码（或开头）、机构证号或登记号 */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 机构注册列表（.xlsx） */
            200: {
                headers: {
                    /** @description 文件名（RFC 6266，中文名以 filename* 给出） */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Blob;
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description EXPORT_TOO_LARGE: 导出的行数超过单个文件的上限，请筛选后分批导出 */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getInstitution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 机构注册详情（含附件与历史） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accountNo": null,
                     *       "address": "武汉市武昌区中南路88号",
                     *       "adminName": "李娜",
                     *       "adminPhone": "13971002026",
                     *       "adminPhoneMasked": "139****2026",
                     *       "attachments": [
                     *         {
                     *           "contentType": "application/pdf",
                     *           "createdAt": "2026-12-06T08:00:00.000Z",
                     *           "fileName": "registrationForm.pdf",
                     *           "id": "a58d9122-8130-4f94-8f43-1f8492ca2fc7",
                     *           "kind": "registrationForm",
                     *           "kindLabel": "单位用户注册申请表（盖章）",
                     *           "sha256": "fc636fba4b521ad2dafecb7040858ce58a8b4676d9631d5d2f6274824765837f",
                     *           "size": 8060,
                     *           "supersededAt": null
                     *         }
                     *       ],
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "creditCode": "12420106MB00000023",
                     *       "department": {
                     *         "id": "420106",
                     *         "name": "武昌区卫生健康局"
                     *       },
                     *       "history": [
                     *         {
                     *           "actorId": null,
                     *           "actorRole": "public",
                     *           "at": "2026-12-06T08:00:00.000Z",
                     *           "event": "REGISTER",
                     *           "from": null,
                     *           "payload": {
                     *             "facts": {
                     *               "red": false
                     *             }
                     *           },
                     *           "seq": 1,
                     *           "to": "applied"
                     *         }
                     *       ],
                     *       "id": "3f4acb56-4edb-48fd-8fb2-0cb1ce3940a0",
                     *       "indicators": [
                     *         {
                     *           "code": "creditCodeCheck",
                     *           "detail": "校验位正确",
                     *           "label": "统一社会信用代码校验位",
                     *           "level": "green"
                     *         }
                     *       ],
                     *       "isMedical": true,
                     *       "licenseNo": "PDY4201060001",
                     *       "name": "武汉市武昌区示范社区卫生服务中心",
                     *       "reason": null,
                     *       "red": false,
                     *       "state": "applied",
                     *       "stateLabel": "待审核",
                     *       "updatedAt": "2026-12-06T08:00:00.000Z",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["InstitutionDetail"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listBusinessAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 十个业务账号行（按业务编码顺序，未生成的也列出） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "accountNo": "WS-00000-034-19",
                     *           "activated": true,
                     *           "businessCode": "19",
                     *           "businessName": "医师资格考试试用期考核证明申报管理",
                     *           "id": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *           "seq": 7,
                     *           "state": "active",
                     *           "stateLabel": "已激活",
                     *           "version": 2
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["BusinessAccount"][];
                    };
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendBusinessAccountEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键的重试返回首次结果，不重复执行 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                /** @description 业务编码 */
                code: "10" | "11" | "12" | "13" | "14" | "15" | "19" | "20" | "21" | "22";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 期望的当前版本号（未生成时为0） */
                    expectedVersion?: number;
                    reason?: string;
                    /**
                     * @description 点我生成、重新生成激活码、停用、启用
                     * @enum {string}
                     */
                    type: "GENERATE" | "REISSUE_CODE" | "DISABLE" | "ENABLE";
                };
            };
        };
        responses: {
            /** @description 事件已受理：业务账号（生成或重发时含一次性激活码） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accountNo": "WS-00000-034-19",
                     *       "activated": false,
                     *       "activationCode": "K7PD-3QXM-H2TW",
                     *       "businessCode": "19",
                     *       "businessName": "医师资格考试试用期考核证明申报管理",
                     *       "id": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *       "seq": 7,
                     *       "state": "issued",
                     *       "stateLabel": "已生成（待激活）",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["BusinessAccountEventResult"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_TRANSITION: 当前状态不允许此操作；VERSION_CONFLICT: 数据已被他人修改，请刷新后重试 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INSTITUTION_NOT_ACTIVE: 机构尚未激活；IDEMPOTENCY_KEY_REUSED: 幂等键已用于另一个请求 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCheckCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 机构的校验码 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checkCode": "434148",
                     *       "institutionId": "4c071500-5acf-4212-af78-7379d53f6df0"
                     *     }
                     */
                    "application/json": components["schemas"]["CheckCode"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateCheckCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 新的校验码（旧码立即失效） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checkCode": "902615",
                     *       "institutionId": "4c071500-5acf-4212-af78-7379d53f6df0"
                     *     }
                     */
                    "application/json": components["schemas"]["CheckCode"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_TRANSITION: 当前状态不允许此操作 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendInstitutionEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键的重试返回首次结果，不重复执行 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 期望的当前版本号，过期则 409 VERSION_CONFLICT */
                    expectedVersion?: number;
                    /**
                     * @description 原因：不通过、退回、停用必填；红色提示时审核通过必填
                     * @example 早期试点代码，经核实有效
                     */
                    reason?: string;
                    /**
                     * @description 审核通过、审核不通过、退回、重新生成激活码（短信发送）、停用、启用
                     * @enum {string}
                     */
                    type: "APPROVE" | "REJECT" | "RETURN" | "REISSUE_CODE" | "DISABLE" | "ENABLE";
                };
            };
        };
        responses: {
            /** @description 事件已受理：事件后的机构注册详情 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "accountNo": null,
                     *       "address": "武汉市武昌区中南路88号",
                     *       "adminName": "李娜",
                     *       "adminPhone": "13971002026",
                     *       "adminPhoneMasked": "139****2026",
                     *       "attachments": [
                     *         {
                     *           "contentType": "application/pdf",
                     *           "createdAt": "2026-12-06T08:00:00.000Z",
                     *           "fileName": "registrationForm.pdf",
                     *           "id": "a58d9122-8130-4f94-8f43-1f8492ca2fc7",
                     *           "kind": "registrationForm",
                     *           "kindLabel": "单位用户注册申请表（盖章）",
                     *           "sha256": "fc636fba4b521ad2dafecb7040858ce58a8b4676d9631d5d2f6274824765837f",
                     *           "size": 8060,
                     *           "supersededAt": null
                     *         }
                     *       ],
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "creditCode": "12420106MB00000023",
                     *       "department": {
                     *         "id": "420106",
                     *         "name": "武昌区卫生健康局"
                     *       },
                     *       "history": [
                     *         {
                     *           "actorId": null,
                     *           "actorRole": "public",
                     *           "at": "2026-12-06T08:00:00.000Z",
                     *           "event": "REGISTER",
                     *           "from": null,
                     *           "payload": {
                     *             "facts": {
                     *               "red": false
                     *             }
                     *           },
                     *           "seq": 1,
                     *           "to": "applied"
                     *         }
                     *       ],
                     *       "id": "3f4acb56-4edb-48fd-8fb2-0cb1ce3940a0",
                     *       "indicators": [
                     *         {
                     *           "code": "creditCodeCheck",
                     *           "detail": "校验位正确",
                     *           "label": "统一社会信用代码校验位",
                     *           "level": "green"
                     *         }
                     *       ],
                     *       "isMedical": true,
                     *       "licenseNo": "PDY4201060001",
                     *       "name": "武汉市武昌区示范社区卫生服务中心",
                     *       "reason": null,
                     *       "red": false,
                     *       "state": "applied",
                     *       "stateLabel": "待审核",
                     *       "updatedAt": "2026-12-06T08:00:00.000Z",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["InstitutionDetail"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_TRANSITION: 当前状态不允许此操作；VERSION_CONFLICT: 数据已被他人修改，请刷新后重试 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description REASON_REQUIRED: 必须填写原因；IDEMPOTENCY_KEY_REUSED: 幂等键已用于另一个请求 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCurrentAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 当前账号及其机构 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "account": {
                     *         "activated": true,
                     *         "businessCode": "19",
                     *         "departmentId": "420102",
                     *         "id": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *         "institutionId": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *         "kind": "business",
                     *         "login": "WS-00000-034-19",
                     *         "name": "武汉市第1911医院·医师资格考试试用期考核证明申报管理",
                     *         "phoneMasked": null
                     *       },
                     *       "department": {
                     *         "id": "420102",
                     *         "level": "district",
                     *         "name": "江岸区卫生健康局"
                     *       },
                     *       "institution": {
                     *         "id": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *         "state": "activated"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOutbox: {
        parameters: {
            query?: {
                /** @description 页码，从1开始 */
                page?: number;
                /** @description 每页条数，默认10，最多100 */
                pageSize?: number;
                /** @description 按主题筛选 */
                topic?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 通知记录（分页，不含验证码与激活码） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "attempts": 1,
                     *           "createdAt": "2026-12-06T08:00:00.000Z",
                     *           "dispatchedAt": "2026-12-06T08:00:00.000Z",
                     *           "entityId": "3298e46d-f653-4626-963f-b0af0a7a5c2a",
                     *           "entityType": "application",
                     *           "failedAt": null,
                     *           "id": 11,
                     *           "lastError": null,
                     *           "nextAttemptAt": null,
                     *           "payload": {
                     *             "actorRole": "business",
                     *             "event": "REPORT",
                     *             "from": "unitReview.approved",
                     *             "state": "districtReview.pending",
                     *             "version": 3
                     *           },
                     *           "topic": "application.reportedByUnit"
                     *         }
                     *       ],
                     *       "page": 1,
                     *       "pageSize": 10,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["OutboxPage"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importPhysicians: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["PhysicianCsvUploadInput"];
            };
        };
        responses: {
            /** @description 导入结果：新增、更新、未变与被拒绝的行 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "inserted": 1,
                     *       "lines": 3,
                     *       "records": 2,
                     *       "rejected": [
                     *         {
                     *           "line": 3,
                     *           "reason": "证书编码为空"
                     *         }
                     *       ],
                     *       "rejectedTotal": 1,
                     *       "unchanged": 0,
                     *       "updated": 0
                     *     }
                     */
                    "application/json": components["schemas"]["PhysicianImportResult"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FILE_TOO_LARGE: 文件过大 */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyTeacher: {
        parameters: {
            query: {
                name: string;
                certNo: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 核对结果：一致、证书号不存在或姓名不符 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "certNo": "110420100012345",
                     *       "label": "带教老师姓名与执业证书号符合",
                     *       "level": "green",
                     *       "physician": {
                     *         "category": "临床",
                     *         "level": "执业医师",
                     *         "practising": true
                     *       },
                     *       "result": "match"
                     *     }
                     */
                    "application/json": components["schemas"]["PhysicianVerification"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description 页码，从1开始 */
                page?: number;
                /** @description 每页条数，默认10，最多100 */
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 申报项目（分页，带调用者可见的统计） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "applicantCount": 10,
                     *           "approvalDeadline": "2027-02-08",
                     *           "businessCode": "19",
                     *           "createdAt": "2026-12-06T08:00:00.000Z",
                     *           "daysLeft": 63,
                     *           "decidedCount": 7,
                     *           "id": "7a760816-0ed7-42a7-a317-ed252b1688e6",
                     *           "name": "医师资格考试试用期考核证明申报",
                     *           "probationCutoff": "2027-08-31",
                     *           "reportState": "partlyReported",
                     *           "reportStateLabel": "部分上报",
                     *           "reportedCount": 4,
                     *           "startsOn": "2026-11-27",
                     *           "status": "open",
                     *           "statusLabel": "申报中"
                     *         }
                     *       ],
                     *       "page": 1,
                     *       "pageSize": 10,
                     *       "total": 1
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Project"][];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description 省级审批截止日期
                     * @example 2020-02-24
                     */
                    approvalDeadline: string;
                    /**
                     * @description 业务编码，默认19
                     * @example 19
                     */
                    businessCode?: string;
                    /** @example 医师资格考试试用期考核证明申报 */
                    name: string;
                    /**
                     * Format: date
                     * @description 试用期截止日期，默认考试年度8月31日
                     * @example 2020-08-31
                     */
                    probationCutoff?: string;
                    /**
                     * Format: date
                     * @description 项目开始日期
                     * @example 2019-12-19
                     */
                    startsOn: string;
                };
            };
        };
        responses: {
            /** @description 已创建的申报项目 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "applicantCount": 10,
                     *       "approvalDeadline": "2027-02-08",
                     *       "businessCode": "19",
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "daysLeft": 63,
                     *       "decidedCount": 7,
                     *       "id": "7a760816-0ed7-42a7-a317-ed252b1688e6",
                     *       "name": "医师资格考试试用期考核证明申报",
                     *       "probationCutoff": "2027-08-31",
                     *       "reportState": "partlyReported",
                     *       "reportStateLabel": "部分上报",
                     *       "reportedCount": 4,
                     *       "startsOn": "2026-11-27",
                     *       "status": "open",
                     *       "statusLabel": "申报中"
                     *     }
                     */
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 申报项目 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "applicantCount": 10,
                     *       "approvalDeadline": "2027-02-08",
                     *       "businessCode": "19",
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "daysLeft": 63,
                     *       "decidedCount": 7,
                     *       "id": "7a760816-0ed7-42a7-a317-ed252b1688e6",
                     *       "name": "医师资格考试试用期考核证明申报",
                     *       "probationCutoff": "2027-08-31",
                     *       "reportState": "partlyReported",
                     *       "reportStateLabel": "部分上报",
                     *       "reportedCount": 4,
                     *       "startsOn": "2026-11-27",
                     *       "status": "open",
                     *       "statusLabel": "申报中"
                     *     }
                     */
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProjectApplications: {
        parameters: {
            query?: {
                /** @description 页码，从1开始 */
                page?: number;
                /** @description 每页条数，默认10，最多100 */
                pageSize?: number;
                /** @description 状态（如 unitReview.pending），或上级状态（unitReview） */
                state?: string;
                /** @description 按姓名搜索 */
                q?: string;
                /** @description 考区/管理员：只看一个机构 */
                institutionId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 调用者可见的申报（分页，按到达顺序） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "createdAt": "2026-12-06T08:00:00.000Z",
                     *           "entryMode": "unit",
                     *           "entryModeLabel": "单位直接录入",
                     *           "id": "3298e46d-f653-4626-963f-b0af0a7a5c2a",
                     *           "idNumberMasked": "420106*****0319",
                     *           "institutionId": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *           "institutionName": "武汉市第1911医院",
                     *           "name": "孙八",
                     *           "note": null,
                     *           "redCount": 0,
                     *           "seq": 1,
                     *           "state": "unitReview.pending",
                     *           "stateLabel": "单位审核·待审核",
                     *           "version": 1
                     *         }
                     *       ],
                     *       "page": 1,
                     *       "pageSize": 10,
                     *       "total": 1
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["ApplicationListItem"][];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApplication: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键的重试返回首次结果，不重复执行 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description 申报数据（SPEC §4.3）：基本信息、报考信息、试用机构（恰有一个当前试用机构，以登记号+校验码绑定）。由引擎校验并规范化。 */
        requestBody: {
            content: {
                "application/json": {
                    candidate: {
                        birthDate?: string;
                        ethnicity: string;
                        /** @enum {string} */
                        gender?: "male" | "female";
                        idNumber: string;
                        /** @enum {string} */
                        idType: "resident-id" | "passport" | "hk-macao-permit" | "taiwan-permit";
                        idValidFrom: string;
                        idValidTo: string;
                        name: string;
                        phone: string;
                    };
                    exam: {
                        /** @enum {string} */
                        categoryCode: "110" | "120" | "130" | "141" | "142" | "210" | "220" | "230" | "241" | "242";
                        /** @enum {string} */
                        level?: "执业医师" | "执业助理医师";
                    };
                    segments: {
                        checkCode?: string;
                        current: boolean;
                        department: string;
                        endsOn: string;
                        /** @description Stable segment id (s1, s2 …); assigned when absent or malformed. */
                        id?: unknown;
                        institutionName: string;
                        registrationNo: string;
                        startsOn: string;
                        teacherCertNo: string;
                        teacherName: string;
                        teacherUnit: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description 已创建的申报详情（含审核提示信息） */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowedEvents": [
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": false,
                     *           "label": "审核通过",
                     *           "reasons": [],
                     *           "type": "APPROVE"
                     *         },
                     *         {
                     *           "allowed": true,
                     *           "explanationRequired": true,
                     *           "label": "退回",
                     *           "reasons": [],
                     *           "type": "RETURN"
                     *         },
                     *         {
                     *           "allowed": false,
                     *           "explanationRequired": false,
                     *           "label": "上报",
                     *           "reasons": [
                     *             {
                     *               "code": "INVALID_TRANSITION",
                     *               "message": "当前状态不允许此操作（REPORT）",
                     *               "rule": "state"
                     *             }
                     *           ],
                     *           "type": "REPORT"
                     *         }
                     *       ],
                     *       "candidateId": null,
                     *       "closedAt": null,
                     *       "createdAt": "2026-12-06T08:00:00.000Z",
                     *       "data": {
                     *         "candidate": {
                     *           "birthDate": "1995-05-12",
                     *           "ethnicity": "01",
                     *           "gender": "male",
                     *           "idNumber": "420106199505120319",
                     *           "idType": "resident-id",
                     *           "idValidFrom": "2016-05-01",
                     *           "idValidTo": "长期",
                     *           "name": "孙八",
                     *           "phone": "13912345678"
                     *         },
                     *         "exam": {
                     *           "categoryCode": "110",
                     *           "level": "执业医师"
                     *         },
                     *         "segments": [
                     *           {
                     *             "checkCodeVerified": true,
                     *             "current": true,
                     *             "department": "内科",
                     *             "endsOn": "2026-12-06",
                     *             "id": "s1",
                     *             "institutionName": "武汉市第1911医院",
                     *             "registrationNo": "5252223212582111254",
                     *             "startsOn": "2025-10-13",
                     *             "teacherCertNo": "110420100012345",
                     *             "teacherName": "黄燕红",
                     *             "teacherUnit": "江岸黄燕红西内科诊所"
                     *           }
                     *         ]
                     *       },
                     *       "decision": null,
                     *       "districtDecision": null,
                     *       "entryMode": "unit",
                     *       "entryModeLabel": "单位直接录入",
                     *       "history": [
                     *         {
                     *           "actorId": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *           "actorRole": "business",
                     *           "at": "2026-12-06T08:00:00.000Z",
                     *           "event": "CREATE",
                     *           "from": null,
                     *           "payload": {
                     *             "facts": {
                     *               "deadlinePassed": false,
                     *               "projectOpen": true,
                     *               "redCount": 0
                     *             }
                     *           },
                     *           "seq": 1,
                     *           "to": "unitReview.pending"
                     *         }
                     *       ],
                     *       "id": "3298e46d-f653-4626-963f-b0af0a7a5c2a",
                     *       "indicators": [
                     *         {
                     *           "code": "totalDuration",
                     *           "detail": "13个月",
                     *           "label": "试用期总时长",
                     *           "level": "green"
                     *         },
                     *         {
                     *           "code": "teacherCheck",
                     *           "detail": "带教老师姓名与执业证书号符合",
                     *           "label": "带教老师姓名与执业证书号是否符合",
                     *           "level": "green",
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "institution": {
                     *         "id": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *         "name": "武汉市第1911医院"
                     *       },
                     *       "open": true,
                     *       "project": {
                     *         "approvalDeadline": "2027-02-08",
                     *         "id": "7a760816-0ed7-42a7-a317-ed252b1688e6",
                     *         "name": "医师资格考试试用期考核证明申报",
                     *         "probationCutoff": "2027-08-31",
                     *         "startsOn": "2026-11-27"
                     *       },
                     *       "redCount": 0,
                     *       "reportedAt": null,
                     *       "segments": [
                     *         {
                     *           "countedMonths": 13,
                     *           "current": true,
                     *           "days": 24,
                     *           "durationLabel": "13个月",
                     *           "months": 13,
                     *           "paperCertificate": null,
                     *           "segmentId": "s1"
                     *         }
                     *       ],
                     *       "state": "unitReview.pending",
                     *       "stateLabel": "单位审核·待审核",
                     *       "totalMonths": 13,
                     *       "updatedAt": "2026-12-06T08:00:00.000Z",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["ApplicationDetail"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ALREADY_APPLIED: 该考生在本项目中已有申报 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INSTITUTION_CHECK_FAILED: 试用机构登记号与校验码不匹配；DEADLINE_PASSED: 已超过省级审批截止日期；PROJECT_NOT_OPEN: 项目当前不在申报期内 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportProjectApplications: {
        parameters: {
            query?: {
                /** @description 状态（如 unitReview.pending），或上级状态（unitReview） */
                state?: string;
                /** @description 按姓名搜索 */
                q?: string;
                /** @description 考区/管理员：只看一个机构 */
                institutionId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 申报人员列表（.xlsx） */
            200: {
                headers: {
                    /** @description 文件名（RFC 6266，中文名以 filename* 给出） */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Blob;
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description EXPORT_TOO_LARGE: 导出的行数超过单个文件的上限，请筛选后分批导出 */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProjectInstitutions: {
        parameters: {
            query?: {
                /** @description 页码，从1开始 */
                page?: number;
                /** @description 每页条数，默认10，最多100 */
                pageSize?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 各机构的申报与审核数量（分页） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "applicantCount": 10,
                     *           "decidedCount": 7,
                     *           "departmentId": "420102",
                     *           "institutionId": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *           "institutionName": "武汉市第1911医院",
                     *           "reportState": "partlyReported",
                     *           "reportStateLabel": "部分上报",
                     *           "reportedCount": 4
                     *         }
                     *       ],
                     *       "page": 1,
                     *       "pageSize": 10,
                     *       "total": 1
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["InstitutionProgress"][];
                        page: number;
                        pageSize: number;
                        total: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reportProjectApplications: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键的重试返回首次结果，不重复执行 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 上报结果：上报、单位不通过关闭与失败的数量 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "failed": [],
                     *       "rejectedByUnit": 1,
                     *       "reported": 2,
                     *       "total": 3
                     *     }
                     */
                    "application/json": components["schemas"]["ReportOutcome"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: 无权执行此操作 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    downloadRegistrationForm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 单位用户注册申请表（PDF） */
            200: {
                headers: {
                    /** @description 文件名（RFC 6266，中文名以 filename* 给出） */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": Blob;
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    logIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description 用户名、机构证号、业务账号或身份证号
                     * @example admin
                     */
                    login: string;
                    /** @example Demo@2026 */
                    password: string;
                };
            };
        };
        responses: {
            /** @description 已登录：会话令牌与账号 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "account": {
                     *         "activated": true,
                     *         "businessCode": "19",
                     *         "departmentId": "420102",
                     *         "id": "cb6aabbf-a76f-438d-9067-9463d5a0c9d1",
                     *         "institutionId": "4c071500-5acf-4212-af78-7379d53f6df0",
                     *         "kind": "business",
                     *         "login": "WS-00000-034-19",
                     *         "name": "武汉市第1911医院·医师资格考试试用期考核证明申报管理",
                     *         "phoneMasked": null
                     *       },
                     *       "expiresAt": "2026-12-06T20:00:00.000Z",
                     *       "token": "O54Hys4ZIo1mdN-zmzUNWDP6TA1rDPGth39Kg6FNLKg"
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACCOUNT_LOCKED: 登录失败次数过多，账号已锁定 */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: 请求过于频繁，请稍后再试 */
            429: {
                headers: {
                    /** @description 再次尝试前须等待的秒数 */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    logOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 已退出 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description UNAUTHENTICATED: 请先登录 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWorkflows: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 全部流程定义 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "events": [
                     *             {
                     *               "label": {
                     *                 "en": "Generate",
                     *                 "zh": "点我生成"
                     *               },
                     *               "roles": [
                     *                 "institution"
                     *               ],
                     *               "type": "GENERATE"
                     *             },
                     *             {
                     *               "label": {
                     *                 "en": "Activate",
                     *                 "zh": "激活"
                     *               },
                     *               "roles": [
                     *                 "public"
                     *               ],
                     *               "type": "ACTIVATE"
                     *             },
                     *             {
                     *               "label": {
                     *                 "en": "Reissue activation code",
                     *                 "zh": "重新生成激活码"
                     *               },
                     *               "roles": [
                     *                 "institution"
                     *               ],
                     *               "type": "REISSUE_CODE"
                     *             },
                     *             {
                     *               "label": {
                     *                 "en": "Disable",
                     *                 "zh": "停用"
                     *               },
                     *               "roles": [
                     *                 "institution",
                     *                 "admin"
                     *               ],
                     *               "type": "DISABLE"
                     *             },
                     *             {
                     *               "label": {
                     *                 "en": "Enable",
                     *                 "zh": "启用"
                     *               },
                     *               "roles": [
                     *                 "institution",
                     *                 "admin"
                     *               ],
                     *               "type": "ENABLE"
                     *             }
                     *           ],
                     *           "label": {
                     *             "en": "Business account",
                     *             "zh": "业务账号"
                     *           },
                     *           "mermaid": "stateDiagram-v2\n  state \"未生成\" as unissued\n  state \"已生成（待激活）\" as issued\n  state \"已激活\" as active\n  state \"已停用\" as disabled\n  [*] --> unissued\n  unissued --> issued : GENERATE 点我生成 [institutionActivated]\n  issued --> active : ACTIVATE 激活 [activationCodeValid]\n  issued --> issued : REISSUE_CODE 重新生成激活码\n  active --> disabled : DISABLE 停用\n  disabled --> active : ENABLE 启用",
                     *           "name": "businessAccount",
                     *           "states": [
                     *             {
                     *               "absent": true,
                     *               "label": {
                     *                 "en": "Not generated",
                     *                 "zh": "未生成"
                     *               },
                     *               "path": "unissued",
                     *               "type": "atomic"
                     *             },
                     *             {
                     *               "absent": false,
                     *               "label": {
                     *                 "en": "Issued",
                     *                 "zh": "已生成（待激活）"
                     *               },
                     *               "path": "issued",
                     *               "type": "atomic"
                     *             },
                     *             {
                     *               "absent": false,
                     *               "label": {
                     *                 "en": "Active",
                     *                 "zh": "已激活"
                     *               },
                     *               "path": "active",
                     *               "type": "atomic"
                     *             },
                     *             {
                     *               "absent": false,
                     *               "label": {
                     *                 "en": "Disabled",
                     *                 "zh": "已停用"
                     *               },
                     *               "path": "disabled",
                     *               "type": "atomic"
                     *             }
                     *           ],
                     *           "version": "1"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Workflow"][];
                    };
                };
            };
            /** @description VALIDATION_FAILED: 请求数据校验未通过 */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 流程定义 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "events": [
                     *         {
                     *           "label": {
                     *             "en": "Generate",
                     *             "zh": "点我生成"
                     *           },
                     *           "roles": [
                     *             "institution"
                     *           ],
                     *           "type": "GENERATE"
                     *         },
                     *         {
                     *           "label": {
                     *             "en": "Activate",
                     *             "zh": "激活"
                     *           },
                     *           "roles": [
                     *             "public"
                     *           ],
                     *           "type": "ACTIVATE"
                     *         },
                     *         {
                     *           "label": {
                     *             "en": "Reissue activation code",
                     *             "zh": "重新生成激活码"
                     *           },
                     *           "roles": [
                     *             "institution"
                     *           ],
                     *           "type": "REISSUE_CODE"
                     *         },
                     *         {
                     *           "label": {
                     *             "en": "Disable",
                     *             "zh": "停用"
                     *           },
                     *           "roles": [
                     *             "institution",
                     *             "admin"
                     *           ],
                     *           "type": "DISABLE"
                     *         },
                     *         {
                     *           "label": {
                     *             "en": "Enable",
                     *             "zh": "启用"
                     *           },
                     *           "roles": [
                     *             "institution",
                     *             "admin"
                     *           ],
                     *           "type": "ENABLE"
                     *         }
                     *       ],
                     *       "label": {
                     *         "en": "Business account",
                     *         "zh": "业务账号"
                     *       },
                     *       "mermaid": "stateDiagram-v2\n  state \"未生成\" as unissued\n  state \"已生成（待激活）\" as issued\n  state \"已激活\" as active\n  state \"已停用\" as disabled\n  [*] --> unissued\n  unissued --> issued : GENERATE 点我生成 [institutionActivated]\n  issued --> active : ACTIVATE 激活 [activationCodeValid]\n  issued --> issued : REISSUE_CODE 重新生成激活码\n  active --> disabled : DISABLE 停用\n  disabled --> active : ENABLE 启用",
                     *       "name": "businessAccount",
                     *       "states": [
                     *         {
                     *           "absent": true,
                     *           "label": {
                     *             "en": "Not generated",
                     *             "zh": "未生成"
                     *           },
                     *           "path": "unissued",
                     *           "type": "atomic"
                     *         },
                     *         {
                     *           "absent": false,
                     *           "label": {
                     *             "en": "Issued",
                     *             "zh": "已生成（待激活）"
                     *           },
                     *           "path": "issued",
                     *           "type": "atomic"
                     *         },
                     *         {
                     *           "absent": false,
                     *           "label": {
                     *             "en": "Active",
                     *             "zh": "已激活"
                     *           },
                     *           "path": "active",
                     *           "type": "atomic"
                     *         },
                     *         {
                     *           "absent": false,
                     *           "label": {
                     *             "en": "Disabled",
                     *             "zh": "已停用"
                     *           },
                     *           "path": "disabled",
                     *           "type": "atomic"
                     *         }
                     *       ],
                     *       "version": "1"
                     *     }
                     */
                    "application/json": components["schemas"]["Workflow"];
                };
            };
            /** @description NOT_FOUND: 对象不存在 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL: 服务器内部错误 */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
