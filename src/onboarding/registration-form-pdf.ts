import { A4, renderPdf, textWidth, wrapText, type PdfCanvas } from '../formats/pdf-document.js';

/** The rows of the printed form: the seed's registration fields (一.2.2), in its order. */
const rows: { label: string; hint?: string; choice?: string[] }[] = [
  { label: '单位全称（第一名称）', hint: '至少2个字符' },
  { label: '单位地址' },
  { label: '统一社会信用代码', hint: '18位' },
  { label: '是否医疗机构', choice: ['是', '否'] },
  { label: '医疗执业机构许可证号', hint: '仅医疗机构填写' },
  { label: '本单位使用此平台的系统管理员姓名', hint: '建议由本单位人事部门人员担任' },
  { label: '手机', hint: '接收激活码与查询验证码' },
  { label: '本单位业务主管（指导）卫生部门' },
];

const notes = [
  '1. 请如实、完整填写本表，打印后由单位负责人签字并加盖单位公章。',
  '2. 将盖章后的本表扫描或拍照（PDF、JPEG 或 PNG，不超过10MB），在“机构注册”页面作为“单位用户注册申请表',
  '   （盖章）”上传，同时上传统一社会信用代码证；医疗机构还须上传医疗登记许可证。',
  '3. 考区审核通过后，单位可在原注册界面进行“申请查询”，获取机构证号和激活码，完成“账号激活”。',
];

/**
 * The blank 单位用户注册申请表 (registration form) as a printable one-page
 * A4 PDF: the fields of the seed's registration screen, a declaration, a
 * signature and date line, and the place for the unit's stamp (盖章处).
 *
 * @example
 * reply.type('application/pdf').send(registrationFormPdf());
 */
export function registrationFormPdf(): Buffer {
  return renderPdf({ title: '单位用户注册申请表', pages: [drawForm] });
}

function drawForm(c: PdfCanvas): void {
  const left = 56;
  const right = A4.width - 56;
  const labelWidth = 196;
  let y = A4.height - 80;

  c.centredText(A4.width / 2, y, 20, '单位用户注册申请表');
  y -= 22;
  c.centredText(A4.width / 2, y, 10.5, '湖北卫生人才资源信息平台（机构注册）');
  y -= 16;
  c.text(right - textWidth('编号：______________', 9), y, 9, '编号：______________');
  y -= 10;

  const top = y;
  for (const row of rows) {
    const labelLines = wrapText(row.label, 10.5, labelWidth - 16);
    const height = Math.max(40, 16 + labelLines.length * 15 + (row.hint ? 12 : 0));
    const bottom = y - height;
    c.line(left, bottom, right, bottom);
    let ty = y - 18;
    for (const line of labelLines) {
      c.text(left + 8, ty, 10.5, line);
      ty -= 15;
    }
    if (row.hint) c.text(left + 8, ty + 2, 8, `（${row.hint}）`);
    if (row.choice) {
      let x = left + labelWidth + 16;
      for (const option of row.choice) {
        c.rect(x, y - height / 2 - 5, 10, 10);
        c.text(x + 15, y - height / 2 - 4, 11, option);
        x += 70;
      }
    }
    y = bottom;
  }
  c.rect(left, y, right - left, top - y, 1.2);
  c.line(left + labelWidth, y, left + labelWidth, top);

  // Declaration, signature and the place for the stamp.
  const boxTop = y;
  y -= 24;
  c.text(left + 8, y, 11, '单位承诺：');
  y -= 18;
  for (const line of wrapText('本单位承诺以上所填信息及上传的材料真实、准确、完整，并对其真实性负责；平台账号由本单位指定的系统管理员负责使用和保管。', 10.5, right - left - 24)) {
    c.text(left + 20, y, 10.5, line);
    y -= 16;
  }
  y -= 20;
  c.text(left + 8, y, 11, '单位负责人（签字）：________________');
  y -= 30;
  c.text(left + 8, y, 11, '经办人（签字）：________________');
  y -= 30;
  c.text(left + 8, y, 11, '日期：        年      月      日');
  const stampX = right - 90;
  const stampY = y + 40;
  c.circle(stampX, stampY, 52, { dash: [4, 3] });
  c.centredText(stampX, stampY + 4, 12, '盖章处');
  c.centredText(stampX, stampY - 14, 9, '（单位公章）');
  y -= 20;
  c.rect(left, y, right - left, boxTop - y, 1.2);

  y -= 26;
  c.text(left, y, 10, '填写说明：');
  y -= 16;
  for (const note of notes) {
    for (const line of wrapText(note, 9, right - left)) {
      c.text(left, y, 9, line);
      y -= 14;
    }
  }
}
