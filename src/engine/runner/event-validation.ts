import type { AnyStateMachine } from 'xstate';
import { eventMeta } from '../../../machines/shared/introspect.js';
import { validationFailed, workflowError, type FieldIssue } from '../../errors.js';
import type { Actor } from '../actor.js';
import { nulCharacterIssues } from '../input-text.js';
import type { WorkflowDefinition } from '../workflow-definition.js';

/** An event as callers send it: its type and its own payload (explanation, reason …). */
export interface WorkflowEvent {
  type: string;
  [field: string]: unknown;
}

/**
 * Refuses an event the machine does not know, a payload field the workflow does not take, a
 * field that is not text of at most 2,000 characters, or a NUL character: VALIDATION_FAILED with
 * one issue per field, before anything is read.
 *
 * @example
 * validateEvent(applicationWorkflow, { type: 'APPROVE', explanation: '已核实' }); // passes
 */
export function validateEvent(def: WorkflowDefinition, event: WorkflowEvent): void {
  const issues: FieldIssue[] = [];
  const keys = def.eventPayloadKeys?.[event?.type] ?? def.payloadKeys;
  if (typeof event?.type !== 'string' || !eventMeta(def.machine, event.type)) {
    issues.push({ field: 'type', code: 'unknownEvent', message: `未知的事件类型：${String(event?.type)}` });
  }
  for (const [key, value] of Object.entries(event ?? {})) {
    if (key === 'type') continue;
    if (!keys.includes(key)) {
      issues.push({ field: key, code: 'unrecognized', message: `不支持的字段：${key}` });
    } else if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > 2000)) {
      issues.push({ field: key, code: 'invalid', message: `${key} 须为不超过2000字的文本` });
    }
  }
  issues.push(...nulCharacterIssues(event));
  if (issues.length) throw validationFailed(issues);
}

/**
 * FORBIDDEN (rule `role`) unless the machine lists the actor's kind among the event's roles.
 *
 * @example
 * checkRole(applicationMachine, { type: 'APPROVE' }, candidate); // throws FORBIDDEN
 */
export function checkRole(machine: AnyStateMachine, event: WorkflowEvent, actor: Actor): void {
  const roles = eventMeta(machine, event.type)!.roles;
  if (!roles.includes(actor.kind)) {
    throw workflowError('FORBIDDEN', `${actor.kind} 账号不能执行 ${event.type}`, { rule: 'role', allowedRoles: roles });
  }
}

/**
 * The event's own payload: everything but its type.
 *
 * @example
 * payloadOf({ type: 'REJECT', explanation: '材料不全' }); // { explanation: '材料不全' }
 */
export function payloadOf(event: WorkflowEvent): Record<string, unknown> {
  const { type: _type, ...rest } = event;
  return rest;
}
