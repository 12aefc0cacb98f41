import t from 'tap';
import type { PhysicianRecord } from '../../src/domain/physician-record.js';
import { createMemoryPhysicianRegistry } from '../../src/registry/physician-registry.js';
import { probationWorld, refusal, zhaoLiuInput } from './fixtures.js';

// docs/embedding.md: a host's PhysicianRegistry passed to createEngine is what
// the teacher checks read — in the detail and in the guards alike. The world's
// pw_physicians table lists 110420100067890 as 李斯; the host's registry says
// 李四 holds it, as 赵六's second segment declares.
const hostRecords: PhysicianRecord[] = [
  { certNo: '110420100012345', name: '黄燕红', level: '执业医师', category: '临床', unit: '江岸黄燕红西内科诊所', status: '注册' },
  { certNo: '110420100067890', name: '李四', level: '执业医师', category: '临床', unit: '武汉百佳妇产医院', status: '注册' },
];

t.test('a host registry passed to createEngine makes the teacher check green where the pw_physicians table would make it red', async (t) => {
  const memory = createMemoryPhysicianRegistry(hostRecords);
  let lookups = 0;
  const registry = { ...memory, lookupMany: (certNos: readonly string[]) => (lookups++, memory.lookupMany(certNos)) };
  const { engine, projectId, unit } = await probationWorld(t, { registry });
  t.equal(engine.registry, registry, 'the engine exposes the host registry');
  const entry = await engine.declarations.create(projectId, zhaoLiuInput(), unit);
  const teacherChecks = entry.indicators.filter((i) => i.code === 'teacherCheck');
  t.equal(teacherChecks.length, 2, 'one teacher check per segment');
  t.ok(teacherChecks.every((i) => i.level === 'green'), 'both teacher checks are green in the detail');
  t.ok(lookups > 0, 'the host registry was asked');
  const approved = await engine.declarations.send(entry.id, { type: 'APPROVE' }, unit);
  t.equal(approved.state, 'unitReview.approved', 'the guards read the same registry: APPROVE needs no explanation or paper certificate');
});

t.test('without a host registry the same application meets the pw_physicians table: the other teacher is red', async (t) => {
  const { engine, projectId, unit } = await probationWorld(t);
  const entry = await engine.declarations.create(projectId, zhaoLiuInput(), unit);
  t.ok(entry.indicators.some((i) => i.code === 'teacherCheck' && i.level === 'red'), 'a red teacher check');
  t.match(await refusal(engine.declarations.send(entry.id, { type: 'APPROVE', explanation: '已核实' }, unit)), { code: 'PAPER_CERTIFICATE_REQUIRED' });
});
