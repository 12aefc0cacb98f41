import { describeWorkflow, foldedGuards } from './mermaid.js';
import { machines } from '../../machines/index.js';

/**
 * The text of docs/workflows.md, generated from the machine definitions so
 * the documentation cannot drift from them (a test compares the committed
 * file with this output).
 *
 * @example
 * import { writeFile } from 'node:fs/promises';
 * await writeFile('docs/workflows.md', workflowsMarkdown());
 */
export function workflowsMarkdown(): string {
  const out: string[] = [
    '# Workflows',
    '',
    '<!-- Generated from machines/ by `probation-workflow docs`. Do not edit by hand: a test fails when this file differs from the machines. -->',
    '',
    'Each diagram is generated from the XState machine definition. States carry their Chinese labels;',
    'every edge names its event and the guards (rules) that can refuse it. A transition declared on a',
    'compound state and targeting one of its own sub-states (the re-editable decisions) is drawn from',
    'every sub-state. The `none` / `unissued` state is where an entity is before it exists: it is never stored.',
    '',
    `Folded guards: ${foldedGuards.map((g) => `\`${g}\``).join(', ')} guards every application transition except \`CLOSE\``,
    '(after the provincial approval deadline every event but CLOSE is refused with `DEADLINE_PASSED`); the diagrams',
    'leave it off the edges.',
    '',
  ];
  for (const [name, machine] of Object.entries(machines)) {
    const d = describeWorkflow(name, machine);
    out.push(`## ${d.label.zh} (${d.label.en}) — \`${name}\``, '', '```mermaid', d.mermaid, '```', '');
    out.push('| state | 中文 | English |', '|---|---|---|');
    for (const s of d.states) out.push(`| \`${s.path}\` | ${s.label.zh} | ${s.label.en} |`);
    out.push('', '| event | 中文 | English | who may send it |', '|---|---|---|---|');
    for (const e of d.events) {
      out.push(`| \`${e.type}\` | ${e.label.zh} | ${e.label.en} | ${e.roles.join(', ')}${e.description ? ` (${e.description})` : ''} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
