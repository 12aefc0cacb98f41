import type { StateMeta } from './types.js';

/**
 * The metadata of a state: its Chinese and English labels (what lists,
 * diagrams and refusal messages show), and whether it is the `absent`
 * initial state no row is ever in.
 *
 * @example
 * draft: { ...label('草稿', 'Draft'), on: { SUBMIT: 'unitReview.pending' } }
 */
export function label(zh: string, en: string, extra: Partial<StateMeta> = {}): { meta: StateMeta } {
  return { meta: { label: { zh, en }, ...extra } };
}
