import { z } from 'zod';
import type { AnyStateMachine } from 'xstate';
import { stateLabel, stateNodes } from '../../../machines/shared/introspect.js';

/**
 * A `state` field of an answer: an enum of the machine's leaf states as
 * dotted paths, generated from the machine (a new state appears in the
 * document by itself), with the Chinese labels in `x-enumDescriptions`.
 *
 * @example
 * z.object({ state: stateField(applicationMachine, 'unitReview.approved') })
 */
export function stateField(machine: AnyStateMachine, example: string) {
  const leaves = stateNodes(machine)
    .filter(({ node }) => Object.keys(node.states).length === 0)
    .map(({ path }) => path) as [string, ...string[]];
  return z.enum(leaves).meta({
    description: `状态（${machine.id} 状态机的点分路径）`,
    example,
    'x-enumDescriptions': Object.fromEntries(leaves.map((path) => [path, stateLabel(machine, path)])),
  });
}

/**
 * A closed set of codes with their Chinese labels, as an enum field.
 *
 * @example
 * labelledEnum({ candidate: '考生申报', unit: '单位直接录入' }, '申报方式')
 */
export function labelledEnum<K extends string>(labels: Record<K, string>, description: string) {
  const values = Object.keys(labels) as [K, ...K[]];
  return z.enum(values).meta({ description, 'x-enumDescriptions': labels });
}
