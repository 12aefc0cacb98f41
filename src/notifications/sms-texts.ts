/**
 * Every text message the engine sends (文案), in one place. Each has the
 * template an operator registers with the SMS provider (Alibaba Cloud
 * templates use `${name}` placeholders: register exactly these texts) and the
 * parameters it takes. Wording follows the seed's guide: 机构证号, 激活码,
 * 验证码 with its validity, 账号激活, 考区.
 */
export interface SmsText {
  /** What the message is for, for operators (template registration, docs). */
  readonly purpose: string;
  /** The template with `${param}` placeholders. */
  readonly template: string;
  /** The placeholders, in the order they appear. */
  readonly params: readonly string[];
  /** Who receives it. */
  readonly recipient: 'institutionAdmin' | 'candidate';
}

/** Topics of the messages (outbox `topic` values). */
export const smsTopicNames = [
  'institution.activationCode',
  'institution.queryCode',
  'application.returned',
  'application.reportedByUnit',
  'application.rejectedByUnit',
  'application.returnedByDistrict',
  'application.certified',
  'application.rejectedByDistrict',
] as const;

export type SmsTopic = (typeof smsTopicNames)[number];

const text = (purpose: string, recipient: SmsText['recipient'], template: string): SmsText => ({
  purpose,
  recipient,
  template,
  params: [...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!),
});

/**
 * The texts, by topic.
 *
 * @example
 * smsTexts['institution.queryCode'].template; // '您正在查询机构注册申请结果，验证码：${queryCode}，${minutes}分钟内有效。…'
 */
export const smsTexts: Readonly<Record<SmsTopic, SmsText>> = Object.freeze({
  'institution.activationCode': text(
    '考区审核通过（或补发激活码）：机构证号与激活码',
    'institutionAdmin',
    '${institutionName}：您单位的注册申请已通过考区审核。机构证号：${accountNo}，激活码：${activationCode}，有效期至${expiresAt}。请在机构登录界面点击“账号激活”完成激活。',
  ),
  'institution.queryCode': text(
    '申请查询：6位验证码',
    'institutionAdmin',
    '您正在查询机构注册申请结果，验证码：${queryCode}，${minutes}分钟内有效。如非本人操作，请忽略本短信。',
  ),
  'application.returned': text(
    '单位退回申报',
    'candidate',
    '${candidateName}：您的医师资格考试试用期考核申报已被${institutionName}退回，原因：${explanation}。请登录系统修改后重新提交。',
  ),
  'application.reportedByUnit': text(
    '单位审核通过并上报考区',
    'candidate',
    '${candidateName}：您的医师资格考试试用期考核申报已经${institutionName}审核通过并上报考区，请留意考区审核结果。',
  ),
  'application.rejectedByUnit': text(
    '单位审核不通过（已上报考区）',
    'candidate',
    '${candidateName}：您的医师资格考试试用期考核申报经${institutionName}审核不通过，说明：${explanation}。',
  ),
  'application.returnedByDistrict': text(
    '考区退回单位重审',
    'candidate',
    '${candidateName}：您的医师资格考试试用期考核申报已被考区退回${institutionName}重新审核，原因：${explanation}。',
  ),
  'application.certified': text(
    '考区审核通过（已出证明）',
    'candidate',
    '${candidateName}：您的医师资格考试试用期考核申报已经考区审核通过，试用期考核证明已生效。',
  ),
  'application.rejectedByDistrict': text(
    '考区审核不通过',
    'candidate',
    '${candidateName}：您的医师资格考试试用期考核申报经考区审核不通过，说明：${explanation}。',
  ),
});

/**
 * True for a topic that is a text message.
 *
 * @example
 * isSmsTopic('institution.queryCode'); // true
 * isSmsTopic('institution.approved'); // false: an event, not a text
 */
export function isSmsTopic(topic: string): topic is SmsTopic {
  return (smsTopicNames as readonly string[]).includes(topic);
}

/**
 * The whole message as a phone shows it: the template filled in, behind the
 * sign name in 【】 when one is configured (carriers require it).
 *
 * @example
 * renderSms('institution.queryCode', { queryCode: '123456', minutes: '10' }, '湖北卫生人才');
 * // '【湖北卫生人才】您正在查询机构注册申请结果，验证码：123456，10分钟内有效。如非本人操作，请忽略本短信。'
 */
export function renderSms(topic: SmsTopic, params: Readonly<Record<string, string>>, signName?: string): string {
  const body = smsTexts[topic].template.replace(/\$\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`SMS ${topic}: missing parameter ${name}`);
    return value;
  });
  return signName ? `【${signName}】${body}` : body;
}
