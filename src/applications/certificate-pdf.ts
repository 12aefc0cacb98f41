import { findEthnicGroup } from '../domain/ethnic-groups.js';
import { findExamCategory } from '../domain/exam-categories.js';
import { idTypeLabels } from '../domain/id-card.js';
import { chinaDateOf } from '../domain/calendar-date.js';
import { A4, renderPdf, textWidth, wrapText, type PdfCanvas } from '../formats/pdf-document.js';
import type { ApplicationDetail } from './application-view.js';

/** What the printed 试用期考核证明 shows besides the application itself. */
export interface CertificatePrint {
  /** The verification code printed at the foot (`K7PD-3QXM-H2TW`). */
  code: string;
  printedAt: Date;
  /** Where `GET /certificates/verify` is reached, printed as a hint; default the API path. */
  verifyHint?: string;
}

const left = 50;
const right = A4.width - 50;
const genderLabels: Record<string, string> = { male: '男', female: '女' };

/** The probation table: header, width and the cell of each column. */
const segmentColumns: { header: string; width: number }[] = [
  { header: '序号', width: 24 },
  { header: '试用机构', width: 112 },
  { header: '起止日期', width: 110 },
  { header: '时长', width: 36 },
  { header: '岗位（科室）', width: 62 },
  { header: '带教老师', width: 52 },
  { header: '带教老师执业证书号', width: 99 },
];

/**
 * The printable 试用期考核证明 of an application (one A4 page, more when
 * there are many segments): the candidate's data, every probation segment
 * (institution, dates, months, department, teacher and certificate
 * number), the total, the unit's decision, blank places for the
 * signatures and the 公章, and at the foot the application id and the
 * verification code that `GET /certificates/verify?code=` resolves. The
 * text uses the reader-provided CJK font of the registration form
 * (src/formats/pdf-document.ts), so nothing is embedded.
 *
 * @example
 * const pdf = probationCertificatePdf(detail, { code: 'K7PD-3QXM-H2TW', printedAt: new Date() });
 */
export function probationCertificatePdf(detail: ApplicationDetail, print: CertificatePrint): Buffer {
  const data = detail.data;
  const rows = (data?.segments ?? []).map((s, i) => {
    const summary = detail.segments.find((x) => x.segmentId === s.id);
    return [
      String(i + 1),
      `${s.institutionName}${s.current ? '（当前）' : ''}`,
      `${s.startsOn} 至 ${s.endsOn}`,
      summary?.durationLabel ?? '',
      s.department,
      s.teacherName,
      s.teacherCertNo,
    ];
  });
  // Up to 20 segments with long names do not fit one page: the drawing is
  // laid out as a flow that opens a new page (with the table header again)
  // when the next block would run into the foot.
  const flow = new PageFlow();
  let y = flow.top;
  flow.draw((c) => c.centredText(A4.width / 2, flow.top, 18, '医师资格考试试用期考核证明'));
  if (detail.project) flow.draw((c) => c.centredText(A4.width / 2, flow.top - 22, 10.5, detail.project!.name));
  y -= 48;

  y = section(flow, y, '一、考生基本信息');
  const candidate = data?.candidate;
  const exam = data ? findExamCategory(data.exam.categoryCode) : undefined;
  y = pairTable(flow, y, [
    ['姓名', candidate?.name ?? ''],
    ['性别', candidate ? (genderLabels[candidate.gender] ?? '') : ''],
    ['证件类型', candidate ? idTypeLabels[candidate.idType] : ''],
    ['证件号码', candidate?.idNumber ?? ''],
    ['出生日期', candidate?.birthDate ?? ''],
    ['民族', candidate ? (findEthnicGroup(candidate.ethnicity, { includeSupplementary: true })?.name ?? candidate.ethnicity) : ''],
    ['报考类别', exam?.label ?? data?.exam.categoryCode ?? ''],
    ['申报单位', detail.institution?.name ?? ''],
  ]);
  y -= 18;

  y = section(flow, y, '二、试用期情况');
  y = segmentTable(flow, y, rows);
  y -= 16;
  const total = `试用期总时长：${detail.totalMonths ?? 0}个月`;
  const opinion = detail.decision
    ? `${detail.decision.label}${detail.decision.explanation ? `：${detail.decision.explanation}` : ''}（${chinaDateOf(new Date(detail.decision.at))}）`
    : '尚未审核';
  const opinionLines = wrapText(opinion, 10.5, right - left - 16);
  // The total, the opinion and the signatures stay together on one page.
  const closing = 24 + 18 + 12 + opinionLines.length * 16 + 34 + 68 + 100;
  if (y - closing < flow.bottom) y = flow.newPage();
  const totalY = y;
  flow.draw((c) => c.text(left, totalY, 10.5, total));
  y -= 24;

  y = section(flow, y, '三、试用机构考核意见') - 8;
  for (const line of opinionLines) {
    const lineY = y;
    flow.draw((c) => c.text(left + 8, lineY, 10.5, line));
    y -= 16;
  }
  const stateY = y;
  flow.draw((c) => c.text(left + 8, stateY, 9, `当前状态：${detail.stateLabel}`));
  y -= 34;

  const signY = y;
  flow.draw((c) => {
    c.text(left + 8, signY, 11, '考生签名：________________');
    c.text(left + 260, signY, 11, '日期：      年    月    日');
    c.text(left + 8, signY - 34, 11, '带教老师签名：________________');
    c.text(left + 8, signY - 68, 11, '试用机构负责人签字：________________');
    c.text(left + 260, signY - 68, 11, '日期：      年    月    日');
    const stampX = right - 70;
    const stampY = signY - 108;
    c.circle(stampX, stampY, 48, { dash: [4, 3] });
    c.centredText(stampX, stampY + 4, 12, '盖章处');
    c.centredText(stampX, stampY - 14, 9, '（试用机构公章）');
  });

  // The foot of every page: what identifies this paper and how it is checked.
  const printed = `打印时间：${chinaDateOf(print.printedAt)}`;
  const hint = wrapText(`核验：${print.verifyHint ?? '访问本平台 /api/v1/certificates/verify?code=验证码'}，可查到本申报的当前状态。`, 8.5, right - left);
  const foot = (c: PdfCanvas, page: number, pages: number) => {
    let fy = 96;
    c.line(left, fy + 14, right, fy + 14, 0.5);
    c.text(left, fy, 9, `申报编号：${detail.id}`);
    if (pages > 1) c.text(right - textWidth(`第${page}页 共${pages}页`, 9), fy, 9, `第${page}页 共${pages}页`);
    fy -= 15;
    c.text(left, fy, 9, `验证码：${print.code}`);
    c.text(right - textWidth(printed, 9), fy, 9, printed);
    fy -= 15;
    for (const line of hint) {
      c.text(left, fy, 8.5, line);
      fy -= 13;
    }
  };
  return renderPdf({ title: bmp(`试用期考核证明 ${data?.candidate.name ?? ''}`.trim()), pages: flow.pages(foot) });
}

/** Drawing operations collected page by page, so a block can move to a new page before it is drawn. */
class PageFlow {
  readonly top = A4.height - 72;
  /** Blocks end above the foot. */
  readonly bottom = 124;
  private readonly ops: ((c: PdfCanvas) => void)[][] = [[]];

  draw(op: (c: PdfCanvas) => void): void {
    this.ops[this.ops.length - 1]!.push(op);
  }

  /** Starts a new page and returns the y of its first line. */
  newPage(): number {
    this.ops.push([]);
    return this.top;
  }

  pages(foot: (c: PdfCanvas, page: number, pages: number) => void): ((c: PdfCanvas) => void)[] {
    return this.ops.map((ops, i) => (canvas: PdfCanvas) => {
      const c = printable(canvas);
      for (const op of ops) op(c);
      foot(c, i + 1, this.ops.length);
    });
  }
}

function section(flow: PageFlow, y: number, title: string): number {
  flow.draw((c) => c.text(left, y, 12, title));
  return y - 10;
}

/** Label/value pairs, two to a row, in a ruled table. */
function pairTable(flow: PageFlow, top: number, pairs: [string, string][]): number {
  const rowHeight = 22;
  const half = (right - left) / 2;
  const labelWidth = 64;
  const bottom = top - Math.ceil(pairs.length / 2) * rowHeight;
  flow.draw((c) => {
    let y = top;
    for (let i = 0; i < pairs.length; i += 2) {
      for (const [j, pair] of [pairs[i], pairs[i + 1]].entries()) {
        if (!pair) continue;
        const x = left + j * half;
        c.text(x + 6, y - 15, 10, pair[0]);
        c.text(x + labelWidth + 6, y - 15, 10, fit(pair[1], 10, half - labelWidth - 12));
      }
      y -= rowHeight;
      c.line(left, y, right, y, 0.5);
    }
    c.rect(left, bottom, right - left, top - bottom, 1);
    for (const x of [left + labelWidth, left + half, left + half + labelWidth]) c.line(x, bottom, x, top, 0.5);
  });
  return bottom;
}

/** The segments, one ruled row each; long names wrap inside their cell. */
function segmentTable(flow: PageFlow, start: number, rows: string[][]): number {
  const size = 8.5;
  const lineHeight = 11;
  const header = segmentColumns.map((col) => col.header);
  const layout = (cells: string[]) => {
    const wrapped = cells.map((cell, i) => wrapText(cell, size, segmentColumns[i]!.width - 6));
    return { wrapped, height: Math.max(...wrapped.map((w) => w.length)) * lineHeight + 8 };
  };
  const drawRow = (y: number, wrapped: string[][]) =>
    flow.draw((c) => {
      let x = left;
      wrapped.forEach((lines, i) => {
        lines.forEach((line, k) => c.text(x + 3, y - 12 - k * lineHeight, size, line));
        x += segmentColumns[i]!.width;
      });
    });
  const frame = (top: number, bottom: number) =>
    flow.draw((c) => {
      c.rect(left, bottom, right - left, top - bottom, 1);
      let x = left;
      for (const col of segmentColumns.slice(0, -1)) {
        x += col.width;
        c.line(x, bottom, x, top, 0.5);
      }
    });
  const head = layout(header);
  let top = start;
  let y = start;
  const rule = (at: number) => flow.draw((c) => c.line(left, at, right, at, 0.5));
  drawRow(y, head.wrapped);
  y -= head.height;
  rule(y);
  for (const row of rows) {
    const { wrapped, height } = layout(row);
    if (y - height < flow.bottom) {
      frame(top, y);
      top = y = flow.newPage();
      drawRow(y, head.wrapped);
      y -= head.height;
      rule(y);
    }
    drawRow(y, wrapped);
    y -= height;
    rule(y);
  }
  frame(top, y);
  return y;
}

function bmp(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code > 0xffff || (code >= 0xd800 && code <= 0xdfff) ? '□' : ch;
  }
  return out;
}

/**
 * The reader-provided font encodes the Basic Multilingual Plane only, but a
 * declaration may hold any Unicode text (a rare character of a name, an
 * emoji typed into a department): such characters print as □ instead of
 * failing the whole certificate.
 */
function printable(canvas: PdfCanvas): PdfCanvas {
  return {
    ...canvas,
    text: (x, y, size, text) => canvas.text(x, y, size, bmp(text)),
    centredText: (x, y, size, text) => canvas.centredText(x, y, size, bmp(text)),
  };
}

/** Cuts a text to a width (with …) so a long value stays inside its cell. */
function fit(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, size) > width) break;
    out += ch;
  }
  return `${out}…`;
}
