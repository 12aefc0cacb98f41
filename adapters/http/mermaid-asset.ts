import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/** Where the browser bundle of the installed mermaid package is, and its version. */
export interface MermaidAsset {
  path: string;
  version: string;
}

/**
 * Finds mermaid's self-contained browser bundle (dist/mermaid.min.js) by
 * Node's own resolution from this file, so it is found from the source tree,
 * from dist/ and from an installed copy of this package alike. Null when the
 * package is missing: the page then still shows the tables and the Mermaid
 * source, and says the diagrams could not be drawn.
 *
 * @example
 * const asset = resolveMermaidAsset(); // { path: '/…/node_modules/mermaid/dist/mermaid.min.js', version: '11.17.2' }
 */
export function resolveMermaidAsset(): MermaidAsset | null {
  const require = createRequire(import.meta.url);
  try {
    const path = require.resolve('mermaid/dist/mermaid.min.js');
    const pkg = JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as { version?: string };
    return { path, version: pkg.version ?? '0' };
  } catch {
    return null;
  }
}
