import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { workflowsMarkdown } from '../../../src/diagrams/workflows-markdown.js';

/** `probation-workflow docs`: regenerates docs/workflows.md (run from the repository root). */
export async function docs(): Promise<void> {
  const target = resolve('docs/workflows.md');
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, workflowsMarkdown());
  console.log(`wrote ${target}`);
}
