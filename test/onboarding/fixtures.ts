import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Engine } from '../../src/create-engine.js';
import { lastText } from '../helpers/engine.js';
import type { Actor } from '../../src/engine/actor.js';
import type { RegistrationPart } from '../../src/onboarding/registration-upload.js';

/** Tiny files recognised by their magic bytes. */
export const pdf = (tag = 'a') => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj << >> endobj\n%%EOF\n`);
export const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-test')]);
export const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-test')]);
export const text = () => Buffer.from('This is a plain text file pretending to be a PDF.\n');

/** The seed's hospital as a registration form (valid credit code, medical, 江岸区). */
export const hospital = {
  name: '武汉市第1911医院',
  address: '武汉市江岸区解放大道1911号',
  creditCode: '12420102MB00000016',
  isMedical: 'true',
  licenseNo: '5252223212582111254',
  adminName: '张敏',
  adminPhone: '13812341234',
  departmentId: '420102',
};

/** A second institution (黄石市, non-medical). */
export const huangshiUnit = {
  name: '黄石市卫生人才服务中心',
  address: '黄石市下陆区团城山路1号',
  creditCode: '91420100MA4K00001U',
  isMedical: 'false',
  adminName: '王磊',
  adminPhone: '13912345678',
  departmentId: '420200',
};

/** A credit code whose 18th character is wrong (the right one is 6): red, not refused. */
export const redCreditCode = '12420102MB00000017';

export type Files = Record<string, { content: Buffer; filename?: string }>;

/** The three attachments of a medical institution, as distinct PDFs (a tag makes each unique). */
export const medicalFiles = (tag = 'x'): Files => ({
  registrationForm: { content: pdf(`form-${tag}`), filename: '申请表.pdf' },
  creditCertificate: { content: jpeg(), filename: 'credit.jpg' },
  medicalLicense: { content: png(), filename: 'license.png' },
});

export const plainFiles = (tag = 'x'): Files => ({
  registrationForm: { content: pdf(`form-${tag}`), filename: 'form.pdf' },
  creditCertificate: { content: pdf(`credit-${tag}`), filename: 'credit.pdf' },
});

/** Registration parts for the engine API. */
export function parts(fields: Record<string, string>, files: Files): RegistrationPart[] {
  return [
    ...Object.entries(fields).map(([name, value]) => ({ type: 'field' as const, name, value })),
    ...Object.entries(files).map(([name, f]) => ({ type: 'file' as const, name, filename: f.filename ?? `${name}.bin`, stream: Readable.from([f.content]) })),
  ];
}

/** A multipart/form-data body for app.inject. */
export function multipart(fields: Record<string, string>, files: Files): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pw-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, f] of Object.entries(files)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.filename ?? `${name}.bin`}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every file (not directory) under a directory, relative paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/** Rows a refused registration must not leave behind. */
export async function footprint(engine: Engine) {
  const count = async (table: 'pw_institutions' | 'pw_attachments' | 'pw_history' | 'pw_accounts' | 'pw_outbox') =>
    Number((await engine.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    institutions: await count('pw_institutions'),
    attachments: await count('pw_attachments'),
    history: await count('pw_history'),
    accounts: await count('pw_accounts'),
    outbox: await count('pw_outbox'),
  };
}

/** The newest SMS of a topic for an institution, as the phone would receive it. */
export async function lastSms(engine: Engine, topic: string, institutionId?: string) {
  return lastText(engine, topic, institutionId);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number; message: string; details?: any }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; status: number; message: string; details?: any };
  }
  throw new Error('expected a refusal');
}

export const admin: Actor = Object.freeze({ id: 'admin-1', kind: 'admin', departmentId: '420000' });
export const wuhanReviewer: Actor = Object.freeze({ id: 'wuhan-1', kind: 'district', departmentId: '420100' });
export const huangshiReviewer: Actor = Object.freeze({ id: 'huangshi-1', kind: 'district', departmentId: '420200' });
export const anonymous: Actor = Object.freeze({ id: null, kind: 'public', ip: '10.0.0.1' });
