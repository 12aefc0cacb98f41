import { connect } from 'node:net';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import t from 'tap';
import type { AddressInfo } from 'node:net';
import { multipart, type Files } from '../onboarding/fixtures.js';
import { multipartFile } from '../applications/fixtures.js';
import { jpeg, logLeaks, pdf, png, reliabilityWorld, type ReliabilityWorld } from '../helpers/reliability-fixtures.js';

// Issue 9 item 7: uploads on every upload route (the public registration
// and the candidate's paper certificate). Mislabelled, oversized,
// truncated, zero-byte and polyglot files, and a client that disconnects
// mid-upload: refused with a coded error or stored only as the type
// verified from the content, never served back as something executable,
// and a refusal leaves no row and no file behind.

const tenMiB = 10 * 1024 * 1024;
const text = Buffer.from('This is a plain text file pretending to be a PDF.\n');
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
/** HTML that a lax PDF reader would still open (%PDF- within the first 1 KB), but not at byte 0. */
const htmlThenPdf = Buffer.from('<html><body><script>alert(1)</script></body></html>\n%PDF-1.4\n%%EOF\n');
/** A valid PDF header carrying a page. */
const pdfHtmlPolyglot = Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n');
/** GIFAR-like: a PNG signature followed by a ZIP/JAR local file header. */
const pngZipPolyglot = Buffer.concat([png(), Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000META-INF/MANIFEST.MFMain-Class: Evil\n')]);
const jpegScriptPolyglot = Buffer.concat([jpeg(), Buffer.from('<script>alert(1)</script>')]);

let serial = 0;
/** A non-medical institution's form with a fresh credit code (a wrong check character is red, not refused). */
function form(): Record<string, string> {
  serial++;
  return {
    name: `上传测试单位${serial}`,
    address: '武汉市武昌区测试路1号',
    creditCode: `12420106MB${String(serial).padStart(7, '0')}X`,
    isMedical: 'false',
    adminName: '王磊',
    adminPhone: '13912345678',
    departmentId: '420106',
  };
}
const goodFiles = (): Files => ({ registrationForm: { content: pdf('form'), filename: 'form.pdf' }, creditCertificate: { content: jpeg(), filename: 'credit.jpg' } });

async function footprint(w: ReliabilityWorld) {
  const count = async (table: 'pw_institutions' | 'pw_attachments' | 'pw_history' | 'pw_outbox' | 'pw_applications') =>
    Number((await w.engine.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const files = (await readdir(w.filesDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(w.filesDir, join(e.parentPath, e.name)));
  return {
    institutions: await count('pw_institutions'),
    attachments: await count('pw_attachments'),
    history: await count('pw_history'),
    outbox: await count('pw_outbox'),
    files: files.sort(),
  };
}

/** Waits until the server has finished with an abandoned request (no temporary file left and the footprint steady). */
async function settled(w: ReliabilityWorld, expected: Awaited<ReturnType<typeof footprint>>, ms = 60_000) {
  const until = Date.now() + ms;
  let now = await footprint(w);
  while (Date.now() < until && JSON.stringify(now) !== JSON.stringify(expected)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    now = await footprint(w);
  }
  return now;
}

t.test('upload routes', async (t) => {
  const w = await reliabilityWorld(t);
  const admin = await w.login('admin');
  const zhao = await w.login(w.candidates.zhao.login);
  const paperUrl = `/api/v1/applications/${w.applications.zhao}/segments/s2/paper-certificate`;

  t.test('refuses text, zero-byte, SVG, HTML-before-PDF, oversized and cut-off files with a coded error and stores nothing', async (t) => {
    const cases: [string, Buffer, string, number, string][] = [
      ['a text file named .pdf', text, 'form.pdf', 415, 'UNSUPPORTED_FILE_TYPE'],
      ['a zero-byte file', Buffer.alloc(0), 'empty.pdf', 415, 'UNSUPPORTED_FILE_TYPE'],
      ['an SVG with script named .png', svg, 'logo.png', 415, 'UNSUPPORTED_FILE_TYPE'],
      ['HTML with a PDF header after byte 0', htmlThenPdf, 'form.pdf', 415, 'UNSUPPORTED_FILE_TYPE'],
      ['a PDF over 10 MiB', Buffer.concat([pdf('big'), Buffer.alloc(tenMiB)]), 'big.pdf', 413, 'FILE_TOO_LARGE'],
    ];
    for (const [name, content, filename, status, code] of cases) {
      const before = await footprint(w);
      const body = multipart(form(), { ...goodFiles(), registrationForm: { content, filename } });
      const res = await w.app.inject({ method: 'POST', url: '/api/v1/institution-registrations', ...body });
      t.equal(res.statusCode, status, `registration, ${name}: ${status}`);
      t.equal(res.json().error.code, code, `registration, ${name}: ${code}`);
      t.same(await footprint(w), before, `registration, ${name}: no row and no file left`);

      const paper = multipartFile('file', filename, content);
      const uploaded = await w.app.inject({ method: 'POST', url: paperUrl, headers: { ...zhao, ...paper.headers }, payload: paper.payload });
      t.equal(uploaded.statusCode, status, `paper certificate, ${name}: ${status}`);
      t.equal(uploaded.json().error.code, code, `paper certificate, ${name}: ${code}`);
      t.same(await footprint(w), before, `paper certificate, ${name}: no row and no file left`);
    }

    // A body cut off in the middle of the file (no closing boundary).
    for (const cut of [0.3, 0.6, 0.95]) {
      const before = await footprint(w);
      const body = multipart(form(), { ...goodFiles(), registrationForm: { content: Buffer.concat([pdf('cut'), Buffer.alloc(64 * 1024, 0x41)]), filename: 'form.pdf' } });
      const res = await w.app.inject({ method: 'POST', url: '/api/v1/institution-registrations', headers: body.headers, payload: body.payload.subarray(0, Math.floor(body.payload.length * cut)) });
      t.equal(res.statusCode, 400, `registration cut at ${cut * 100}%: 400`);
      t.equal(res.json().error.code, 'VALIDATION_FAILED');
      t.same(await footprint(w), before, `registration cut at ${cut * 100}%: nothing stored`);

      const paper = multipartFile('file', 'p.pdf', Buffer.concat([pdf('cut'), Buffer.alloc(64 * 1024, 0x41)]));
      const cutPaper = await w.app.inject({ method: 'POST', url: paperUrl, headers: { ...zhao, ...paper.headers }, payload: paper.payload.subarray(0, Math.floor(paper.payload.length * cut)) });
      t.equal(cutPaper.statusCode, 400, `paper certificate cut at ${cut * 100}%: 400`);
      t.equal(cutPaper.json().error.code, 'VALIDATION_FAILED');
      t.same(await footprint(w), before, `paper certificate cut at ${cut * 100}%: nothing stored`);
    }
    const detail = await w.app.inject({ method: 'GET', url: `/api/v1/applications/${w.applications.zhao}`, headers: zhao });
    t.equal(detail.json().data.segments[1].paperCertificate ?? null, null, 'no paper certificate was attached');
  });

  t.test('stores a mislabelled or polyglot file only as its verified type and serves it as an attachment, never executable', async (t) => {
    const files: Files = {
      registrationForm: { content: png(), filename: 'form.pdf' },
      creditCertificate: { content: pdfHtmlPolyglot, filename: 'credit.html' },
    };
    const res = await w.app.inject({ method: 'POST', url: '/api/v1/institution-registrations', ...multipart(form(), files) });
    t.equal(res.statusCode, 201, res.body);
    const institution = (await w.app.inject({ method: 'GET', url: `/api/v1/institutions/${res.json().id}`, headers: admin })).json();
    const byKind = Object.fromEntries(institution.attachments.map((a: { kind: string }) => [a.kind, a]));
    t.match(byKind.registrationForm, { contentType: 'image/png' }, 'PNG bytes named .pdf are stored as PNG');
    t.match(byKind.creditCertificate, { contentType: 'application/pdf' }, 'a PDF/HTML polyglot is stored as PDF');

    const downloads: [string, Buffer, string, RegExp][] = [
      [byKind.registrationForm.id, png(), 'image/png', /filename\*=UTF-8''form\.png$/],
      [byKind.creditCertificate.id, pdfHtmlPolyglot, 'application/pdf', /filename\*=UTF-8''credit\.pdf$/],
    ];
    for (const [id, content, type, name] of downloads) {
      const download = await w.app.inject({ method: 'GET', url: `/api/v1/attachments/${id}`, headers: admin });
      t.equal(download.statusCode, 200);
      t.equal(download.headers['content-type'], type, `served as ${type}`);
      t.equal(download.headers['x-content-type-options'], 'nosniff');
      t.match(download.headers['content-disposition'], /^attachment; /, 'always a download, never inline');
      t.match(download.headers['content-disposition'], name, 'saved under the extension of the verified type');
      t.same(download.rawPayload, content, 'the bytes as uploaded');
    }

    for (const [content, filename, type] of [
      [pngZipPolyglot, 'evil.jar', 'image/png'],
      [jpegScriptPolyglot, 'photo.html', 'image/jpeg'],
    ] as const) {
      const paper = multipartFile('file', filename, content, 'text/html');
      const uploaded = await w.app.inject({ method: 'POST', url: paperUrl, headers: { ...zhao, ...paper.headers }, payload: paper.payload });
      t.equal(uploaded.statusCode, 201, uploaded.body);
      const certificate = uploaded.json().segments[1].paperCertificate;
      t.equal(certificate.contentType, type, `${filename} is stored as ${type}, whatever the client said`);
      const download = await w.app.inject({ method: 'GET', url: `/api/v1/attachments/${certificate.id}`, headers: zhao });
      t.equal(download.headers['content-type'], type);
      t.equal(download.headers['x-content-type-options'], 'nosniff');
      t.match(download.headers['content-disposition'], /^attachment; /);
      t.notMatch(download.headers['content-disposition'], /\.(jar|html)/, 'never saved as .jar or .html');
    }
  });

  t.test('a client that disconnects mid-upload leaves no row and no file', async (t) => {
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = w.app.server.address() as AddressInfo;
    const token = zhao.authorization;
    const big = Buffer.concat([pdf('abandoned'), Buffer.alloc(2 * 1024 * 1024, 0x42)]);
    const requests: [string, string, { headers: Record<string, string>; payload: Buffer }, Record<string, string>][] = [
      ['registration', '/api/v1/institution-registrations', multipart(form(), { ...goodFiles(), registrationForm: { content: big, filename: 'form.pdf' } }), {}],
      ['paper certificate', paperUrl, multipartFile('file', 'p.pdf', big), { authorization: token }],
    ];
    for (const [name, url, body, extra] of requests) {
      for (const fraction of [0.1, 0.5, 0.9]) {
        const before = await footprint(w);
        await new Promise<void>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => {
            const head = [
              `POST ${url} HTTP/1.1`,
              'Host: 127.0.0.1',
              `Content-Type: ${body.headers['content-type']}`,
              `Content-Length: ${body.payload.length}`,
              ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`),
              '',
              '',
            ].join('\r\n');
            socket.write(head);
            socket.write(body.payload.subarray(0, Math.floor(body.payload.length * fraction)), () => {
              // Give the server time to start streaming the file, then vanish.
              setTimeout(() => {
                socket.destroy();
                resolve();
              }, 150);
            });
          });
          socket.on('error', reject);
        });
        const after = await settled(w, before);
        t.same(after, before, `${name}, disconnect after ${fraction * 100}%: no row, no file, no temporary file`);
      }
    }
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/departments`);
    t.equal(health.status, 200, 'the server keeps serving');
    const unhandled = w.log.lines.filter((l) => /"level":50/.test(l) && /unhandled error/.test(l));
    t.same(unhandled, [], 'an abandoned upload is not logged as a server error');
  });

  t.test('no log line holds a secret or a personal number', async (t) => {
    t.same(await logLeaks(w), [], `${w.log.lines.length} log lines checked`);
  });
});
