import t from 'tap';
import { daysLeft, projectDueAt, projectStatus, today } from '../../src/projects/project-calendar.js';

const seedProject = { startsOn: '2019-12-19', approvalDeadline: '2020-02-24' };

t.test('a project is 未开始 before its start, 申报中 from the start through the deadline day, 已截止 after', async (t) => {
  t.equal(projectStatus(seedProject, '2019-12-18'), 'notStarted');
  t.equal(projectStatus(seedProject, '2019-12-19'), 'open');
  t.equal(projectStatus(seedProject, '2020-02-24'), 'open');
  t.equal(projectStatus(seedProject, '2020-02-25'), 'closed');
});

t.test("daysLeft counts whole days to the deadline, as the seed's 63 天, and never goes negative", async (t) => {
  t.equal(daysLeft('2020-02-24', '2019-12-23'), 63);
  t.equal(daysLeft('2020-02-24', '2020-02-24'), 0);
  t.equal(daysLeft('2020-02-24', '2020-03-01'), 0);
});

t.test('the deadline passes at midnight China time after the deadline day', async (t) => {
  t.equal(projectDueAt('2020-02-24').toISOString(), '2020-02-24T16:00:00.000Z');
  t.equal(today(new Date('2020-02-24T15:59:59.999Z')), '2020-02-24');
  t.equal(today(new Date('2020-02-24T16:00:00.000Z')), '2020-02-25');
});
