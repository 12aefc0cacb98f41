import t from 'tap';
import { readFile } from 'node:fs/promises';
import { applicationMachine, institutionMachine } from '../../machines/index.js';
import { toMermaid } from '../../src/diagrams/mermaid.js';
import { workflowsMarkdown } from '../../src/diagrams/workflows-markdown.js';

t.test('the committed docs/workflows.md is exactly what the machines generate', async (t) => {
  const committed = await readFile(new URL('../../docs/workflows.md', import.meta.url), 'utf8');
  t.equal(committed, workflowsMarkdown(), 'run `npm run docs` and commit docs/workflows.md');
});

t.test('diagrams label states in Chinese and name the guards on the edges', async (t) => {
  const text = toMermaid(applicationMachine);
  t.match(text, /^stateDiagram-v2/);
  t.match(text, /state "待审核" as unitReview_pending/);
  t.match(text, /unitReview_pending --> unitReview_approved : APPROVE 审核通过 \[explanationGivenWhenRed, paperCertificatesForOtherRedInstitutions\]/);
  t.match(text, /unitReview_rejected --> unitReview_approved : APPROVE/, 're-editable decisions are drawn from every sub-state');
  t.match(text, /districtReview_approved --> closed_certified : CLOSE/);
  t.notMatch(text, /\[beforeDeadline\]/, 'the deadline guard is folded into a note');
  t.match(toMermaid(institutionMachine), /applied --> approved : APPROVE 审核通过 \[reasonGivenWhenRed\]/);
});
