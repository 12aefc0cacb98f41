/**
 * A minimal PDF writer for printable forms: pages of lines, rectangles,
 * circles and Chinese text. Text uses the standard Adobe-GB1 font
 * `STSong-Light` with the `UniGB-UCS2-H` encoding — one of the CJK fonts
 * every PDF reader provides, so nothing is embedded and the file stays a
 * few kilobytes — plus a ToUnicode map so the text can be searched and
 * copied. Only characters of the Basic Multilingual Plane are supported.
 */

/** Drawing operations of one page, in PDF user space (points, origin bottom left). */
export interface PdfCanvas {
  /** Text with its baseline starting at (x, y). */
  text(x: number, y: number, size: number, text: string): void;
  /** Text centred on x. */
  centredText(x: number, y: number, size: number, text: string): void;
  line(x1: number, y1: number, x2: number, y2: number, width?: number): void;
  rect(x: number, y: number, w: number, h: number, width?: number): void;
  circle(cx: number, cy: number, r: number, options?: { width?: number; dash?: number[] }): void;
}

/** Page size of A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/**
 * The printed width of a text at a font size: half an em for ASCII (the
 * font's proportional Latin glyphs are given that width), a full em for
 * everything else.
 *
 * @example
 * textWidth('统一社会信用代码', 10); // 80
 * textWidth('A1', 10);            // 10
 */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) <= 0x7e ? 0.5 : 1;
  return em * size;
}

/**
 * Splits a text into lines no wider than `width` at a font size (breaks
 * between any two characters, as Chinese text allows).
 *
 * @example
 * wrapText('本单位使用此平台的系统管理员姓名', 10, 100); // ['本单位使用此平台的系', '统管理员姓名']
 */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const ch of text) {
    if (current && textWidth(current + ch, size) > width) {
      lines.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) lines.push(current);
  return lines;
}

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');
const num = (n: number) => (Math.round(n * 100) / 100).toString();

function ucs2Hex(text: string, used: Set<number>): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) throw new RangeError('only characters of the Basic Multilingual Plane can be written');
    used.add(code);
    out += hex4(code);
  }
  return `<${out}>`;
}

/** A PDF text string in UTF-16BE with BOM (document information). */
const infoString = (text: string) => `<FEFF${[...text].map((c) => hex4(c.charCodeAt(0))).join('')}>`;

function canvas(ops: string[], used: Set<number>): PdfCanvas {
  const self: PdfCanvas = {
    text(x, y, size, text) {
      ops.push(`BT /F1 ${num(size)} Tf ${num(x)} ${num(y)} Td ${ucs2Hex(text, used)} Tj ET`);
    },
    centredText(x, y, size, text) {
      self.text(x - textWidth(text, size) / 2, y, size, text);
    },
    line(x1, y1, x2, y2, width = 0.8) {
      ops.push(`${num(width)} w [] 0 d ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
    },
    rect(x, y, w, h, width = 0.8) {
      ops.push(`${num(width)} w [] 0 d ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S`);
    },
    circle(cx, cy, r, options = {}) {
      // Four cubic Béziers; k places the control points of a quarter circle.
      const k = 0.5523 * r;
      const dash = options.dash ? `[${options.dash.map(num).join(' ')}] 0 d` : '[] 0 d';
      ops.push(
        [
          `${num(options.width ?? 0.8)} w ${dash}`,
          `${num(cx + r)} ${num(cy)} m`,
          `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c`,
          `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c`,
          `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c`,
          `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c`,
          'S',
        ].join(' '),
      );
    },
  };
  return self;
}

function toUnicodeCMap(used: Set<number>): string {
  const codes = [...used].sort((a, b) => a - b);
  const blocks: string[] = [];
  // A bfchar block holds at most 100 entries.
  for (let i = 0; i < codes.length; i += 100) {
    const chunk = codes.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map((c) => `<${hex4(c)}> <${hex4(c)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * Renders pages into a complete PDF 1.7 file (catalog, page tree, one
 * content stream per page, the CJK font, document information and a
 * cross-reference table with exact byte offsets).
 *
 * @example
 * const pdf = renderPdf({ title: '单位用户注册申请表', pages: [(c) => c.centredText(A4.width / 2, 780, 20, '单位用户注册申请表')] });
 */
export function renderPdf(document: { title: string; pages: ((canvas: PdfCanvas) => void)[]; size?: { width: number; height: number } }): Buffer {
  const size = document.size ?? A4;
  const used = new Set<number>();
  const contents = document.pages.map((draw) => {
    const ops: string[] = [];
    draw(canvas(ops, used));
    return ops.join('\n');
  });

  // Object numbers: 1 catalog, 2 page tree, 3 Type0 font, 4 CIDFont, 5 descriptor, 6 ToUnicode, 7 info, then page + content pairs.
  const pageIds = contents.map((_, i) => 8 + i * 2);
  const objects: string[] = [];
  const stream = (body: string) => `<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`;
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>';
  objects[4] =
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>';
  objects[5] =
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] ' +
    '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
  objects[6] = stream(toUnicodeCMap(used));
  objects[7] = `<< /Title ${infoString(document.title)} /Producer (probation-workflow) >>`;
  contents.forEach((content, i) => {
    const pageId = pageIds[i]!;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(size.width)} ${num(size.height)}] ` +
      `/Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = stream(content);
  });

  // Everything but the header's comment is ASCII, so string length is byte length.
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = offset;
    const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1');
    chunks.push(chunk);
    offset += chunk.length;
  }
  const xref = [
    'xref',
    `0 ${objects.length}`,
    '0000000000 65535 f ',
    ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length} /Root 1 0 R /Info 7 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}
