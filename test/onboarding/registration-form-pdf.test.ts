import t from 'tap';
import { registrationFormPdf } from '../../src/onboarding/registration-form-pdf.js';
import { renderPdf, textWidth, wrapText } from '../../src/formats/pdf-document.js';
import { sniffFileType } from '../../src/storage/file-type.js';

const ucs2 = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');

t.test('the blank 单位用户注册申请表 is a well-formed PDF with every field, the declaration and the place for the stamp', async (t) => {
  const pdf = registrationFormPdf();
  const text = pdf.toString('latin1');
  t.equal(sniffFileType(pdf), 'application/pdf', 'recognised as PDF by content (it can itself be uploaded)');
  t.match(text, /^%PDF-1\.7\n/);
  t.match(text, /%%EOF\n$/);
  t.match(text, /\/BaseFont \/STSong-Light/);
  t.match(text, /\/Encoding \/UniGB-UCS2-H/);
  t.match(text, /\/Registry \(Adobe\) \/Ordering \(GB1\)/);
  for (const label of [
    '单位用户注册申请表',
    '单位全称（第一名称）',
    '单位地址',
    '统一社会信用代码',
    '医疗执业机构许可证号',
    '系统管理员姓名',
    '手机',
    '卫生部门',
    '盖章处',
    '单位公章',
  ]) {
    t.ok(text.includes(ucs2(label)), `shows ${label}`);
  }

  // Every cross-reference entry points at its object, and startxref at the table.
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
  t.equal(text.slice(startxref, startxref + 5), 'xref\n');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!;
  t.equal(Number(first), 0);
  const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));
  t.equal(entries[0], '0000000000 65535 f ');
  entries.slice(1).forEach((entry, i) => {
    t.match(entry, /^\d{10} 00000 n $/);
    const offset = Number(entry.slice(0, 10));
    t.equal(text.slice(offset, offset + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`, `object ${i + 1} at its offset`);
  });
  t.match(text, new RegExp(`/Size ${count} /Root 1 0 R`));
  // Every stream's /Length is its exact byte length.
  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = m.index! + m[0].length;
    t.equal(text.slice(start + Number(m[1]), start + Number(m[1]) + 10), '\nendstream');
  }
  t.ok(pdf.length < 20_000, 'small: the font is not embedded');
});

t.test('text helpers measure ASCII as half an em and wrap Chinese text by width', async (t) => {
  t.equal(textWidth('统一社会信用代码', 10), 80);
  t.equal(textWidth('A1', 10), 10);
  t.same(wrapText('本单位使用此平台的系统管理员姓名', 10, 100), ['本单位使用此平台的系', '统管理员姓名']);
  t.throws(() => renderPdf({ title: 'x', pages: [(c) => c.text(0, 0, 10, '𠀀')] }), RangeError, 'characters beyond the BMP are refused');
});
