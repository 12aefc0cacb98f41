import t, { type Test } from 'tap';
import type { Notifier } from '../../src/ports/notifier.js';
import { createSmsNotifier, type OutgoingSms, type SmsProvider } from '../../src/notifications/sms-notifier.js';
import { allGreenInput, probationWorld, type ProbationWorld } from '../applications/fixtures.js';

/** A probation world whose texts are recorded; `disabledTopics` is what a host switched off. */
async function textedWorld(t: Test, disabledTopics: string[] = []) {
  const sent: OutgoingSms[] = [];
  const provider: SmsProvider = { name: 'recording', send: async (m) => void sent.push(m) };
  const late: { notifier?: Notifier } = {};
  // The notifier reads the application (candidate phone and name) through the engine's own database.
  const world: ProbationWorld = await probationWorld(t, { notifier: { deliver: (n) => late.notifier!.deliver(n) } });
  late.notifier = createSmsNotifier({ db: world.engine.db, provider, disabledTopics });
  const input = allGreenInput() as { candidate: Record<string, unknown> };
  const id = (await world.engine.declarations.create(world.projectId, input, world.unit)).id;
  return { world, sent, id, phone: input.candidate.phone as string, name: input.candidate.name as string };
}

t.test('the candidate is texted when the unit returns the application, with the unit\'s explanation', async (t) => {
  const { world, sent, id, phone, name } = await textedWorld(t);
  await world.engine.declarations.send(id, { type: 'RETURN', explanation: '请补充带教老师执业证书' }, world.unit);
  await world.engine.dispatchOutbox();
  t.equal(sent.length, 1);
  t.match(sent[0], { topic: 'application.returned', phone });
  t.equal(sent[0]!.text, `${name}：您的医师资格考试试用期考核申报已被武汉市第1911医院退回，原因：请补充带教老师执业证书。请登录系统修改后重新提交。`);
});

t.test('the candidate is texted when the unit reports its decision and when the district decides', async (t) => {
  const { world, sent, id } = await textedWorld(t);
  await world.engine.declarations.send(id, { type: 'APPROVE' }, world.unit);
  await world.engine.dispatchOutbox();
  t.equal(sent.length, 0, 'an approval the unit may still change is not texted');
  await world.engine.declarations.send(id, { type: 'REPORT' }, world.unit);
  await world.engine.dispatchOutbox();
  t.same(sent.map((m) => m.topic), ['application.reportedByUnit'], 'reported to the district: texted');
  const district = { id: 'district-1', kind: 'district' as const, departmentId: '420100' };
  await world.engine.declarations.send(id, { type: 'DISTRICT_RETURN', explanation: '带教老师信息不全' }, district);
  await world.engine.dispatchOutbox();
  t.equal(sent.at(-1)!.topic, 'application.returnedByDistrict');
  t.match(sent.at(-1)!.text, /考区退回武汉市第1911医院重新审核，原因：带教老师信息不全/);
});

t.test('a host can switch a topic off: nothing is sent for it, the others still are', async (t) => {
  const { world, sent, id } = await textedWorld(t, ['application.returned']);
  await world.engine.declarations.send(id, { type: 'RETURN', explanation: '请补充' }, world.unit);
  await world.engine.dispatchOutbox();
  const row = await world.engine.db.selectFrom('pw_outbox').select('dispatched_at').where('topic', '=', 'application.returned').executeTakeFirstOrThrow();
  t.ok(row.dispatched_at, 'the notification counts as handled');
  t.same(sent, [], 'but no text left');
});
