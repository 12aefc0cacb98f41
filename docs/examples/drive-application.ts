/**
 * Drives one probation application from declaration to certification with
 * the library API alone (no HTTP):
 *
 *   draft → unitReview.pending → unitReview.approved → districtReview.pending
 *         → districtReview.approved → closed.certified
 *
 * The candidate declares and submits, business account 19 of the current
 * institution approves (审核通过) and reports (上报), the exam district
 * approves, and once the project's approval deadline has passed the
 * engine's deadline sweep closes the application as certified (SPEC §3.3).
 *
 * Database: the embedded PostgreSQL in a fresh temporary directory, or
 * DATABASE_URL in a fresh schema dropped at the end. Exits 0 when the
 * application ends certified, 1 with a message otherwise.
 *
 *   node drive-application.js
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  createEngine,
  createFileStorage,
  demoInstitution,
  demoPassword,
  findInstitutionByCheckCode,
  fixedClock,
  isWorkflowError,
  openDatabase,
  seedDemo,
  type Actor,
  type ApplicationDetail,
  type Engine,
} from 'probation-workflow';

const DAY = 24 * 60 * 60 * 1000;

/** A calendar date (YYYY-MM-DD) in China time, `days` from `at`. */
function chinaDate(at: Date, days = 0): string {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000 + days * DAY).toISOString().slice(0, 10);
}

/** Logs an account in and returns the actor the engine derives from its session. */
async function actorOf(engine: Engine, login: string, password: string): Promise<Actor> {
  const { token } = await engine.accounts.login({ login, password });
  const actor = await engine.accounts.authenticate(token);
  if (!actor) throw new Error(`no actor for ${login}`);
  return actor;
}

function show(step: string, detail: ApplicationDetail): void {
  console.log(`${step.padEnd(34)} → ${detail.state} (${detail.stateLabel}), version ${detail.version}`);
}

async function drive(engine: Engine, clock: ReturnType<typeof fixedClock>): Promise<ApplicationDetail> {
  // The seed's world (SPEC §7): departments, admin, the 武汉市 district reviewer, and
  // 武汉市第1911医院 activated with business account 19 and its 校验码.
  const seeded = await seedDemo(engine);
  if (!seeded.seeded) throw new Error('the database is not empty: run against a fresh one');
  const admin = await actorOf(engine, 'admin', demoPassword);
  const district = await actorOf(engine, 'wuhan', demoPassword);
  const unit = await actorOf(engine, 'WS-00000-034-19', demoPassword);

  // The institution candidates bind to by 登记号 + 校验码.
  const institution = await findInstitutionByCheckCode(engine.db, demoInstitution.licenseNo, demoInstitution.checkCode);
  if (!institution) throw new Error('the seeded institution was not found by its check code');
  console.log(`institution ${institution.name} (${institution.state}), 登记号 ${demoInstitution.licenseNo}, 校验码 ${demoInstitution.checkCode}`);

  // A project open today whose provincial approval deadline is tomorrow; probation counts up to yesterday.
  const now = clock.now();
  const project = await engine.projects.create(
    {
      name: '医师资格考试试用期考核证明申报（示例）',
      startsOn: chinaDate(now, -1),
      approvalDeadline: chinaDate(now, 1),
      probationCutoff: chinaDate(now, -1),
    },
    admin,
  );
  console.log(`project ${project.name}: ${project.startsOn} .. ${project.approvalDeadline} (${project.statusLabel})`);

  // A candidate registers and logs in.
  const idNumber = '420102199507070815';
  await engine.accounts.registerCandidate({ idNumber, name: '陈一', phone: '13912340815', password: 'Example@2026' });
  const candidate = await actorOf(engine, idNumber, 'Example@2026');

  // 申报: 14 months at the seed's institution, with a registered teacher (green indicators).
  let detail = await engine.declarations.create(
    project.id,
    {
      candidate: { name: '陈一', idType: 'resident-id', idNumber, ethnicity: '01', idValidFrom: '2016-05-01', idValidTo: '长期', phone: '13912340815' },
      exam: { categoryCode: '110' },
      segments: [
        {
          current: true,
          institutionName: demoInstitution.name,
          registrationNo: demoInstitution.licenseNo,
          checkCode: demoInstitution.checkCode,
          startsOn: chinaDate(now, -14 * 31),
          endsOn: chinaDate(now, -1),
          department: '内科',
          teacherName: '黄燕红',
          teacherCertNo: '110420100012345',
          teacherUnit: '江岸黄燕红西内科诊所',
        },
      ],
    },
    candidate,
  );
  show('candidate declares (CREATE)', detail);
  for (const indicator of detail.indicators) console.log(`  ${indicator.level.padEnd(5)} ${indicator.label}: ${indicator.detail}`);

  // Each command names the version it saw: a concurrent change is VERSION_CONFLICT, not a lost update.
  detail = await engine.declarations.send(detail.id, { type: 'SUBMIT' }, candidate, { expectedVersion: detail.version });
  show('candidate submits (SUBMIT)', detail);
  detail = await engine.declarations.send(detail.id, { type: 'APPROVE', explanation: '审核通过' }, unit, { expectedVersion: detail.version });
  show('unit approves (APPROVE)', detail);
  detail = await engine.declarations.send(detail.id, { type: 'REPORT' }, unit, { expectedVersion: detail.version });
  show('unit reports (REPORT)', detail);
  detail = await engine.declarations.send(detail.id, { type: 'DISTRICT_APPROVE', explanation: '考区审核通过' }, district, {
    expectedVersion: detail.version,
  });
  show('district approves (DISTRICT_APPROVE)', detail);

  // The certificate is issued when the approval deadline passes: the sweep sends CLOSE as the system.
  clock.advance(3 * DAY);
  const { closed } = await engine.sweepDeadlines();
  detail = await engine.declarations.detail(detail.id, admin);
  show(`deadline sweep (CLOSE ×${closed})`, detail);

  console.log('\nhistory:');
  for (const entry of detail.history) {
    console.log(`  #${entry.seq} ${entry.at} ${entry.actorRole.padEnd(9)} ${entry.event.padEnd(16)} ${entry.from ?? '—'} → ${entry.to}`);
  }
  return detail;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || undefined;
  const workDir = await mkdtemp(join(tmpdir(), 'pw-drive-application-'));
  const schema = url ? `pw_example_${randomBytes(6).toString('hex')}` : undefined;
  const database = await openDatabase(url ? { url, schema } : { dataDir: join(workDir, 'pgdata') });
  const clock = fixedClock(new Date());
  let engine: Engine | undefined;
  try {
    engine = await createEngine({ db: database, clock, storage: createFileStorage(join(workDir, 'files')) });
    console.log(`database: ${url ? `PostgreSQL, schema ${schema}` : `embedded, ${workDir}`}`);
    const detail = await drive(engine, clock);
    if (detail.state !== 'closed.certified') throw new Error(`expected closed.certified, the application is ${detail.state}`);
    console.log(`\nOK: application ${detail.id} is ${detail.stateLabel} after ${detail.history.length} events`);
  } finally {
    await engine?.close();
    if (schema && engine) await engine.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const message = isWorkflowError(error) ? `${error.code}: ${error.message} ${JSON.stringify(error.details ?? {})}` : String((error as Error)?.stack ?? error);
  console.error(`drive-application failed: ${message}`);
  process.exit(1);
});
