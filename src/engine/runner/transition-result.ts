import type { EntityRow, WorkflowName } from '../workflow-definition.js';

/** What an accepted (or replayed) command returns. */
export interface TransitionResult {
  id: string;
  workflow: WorkflowName;
  event: string;
  from: string | null;
  state: string;
  stateLabel: string;
  version: number;
  at: string;
  /** True when this is the stored result of an earlier command with the same idempotency key. */
  replayed: boolean;
}

/** A persisted entity as the engine shows it. */
export interface EntityView {
  id: string;
  workflow: WorkflowName;
  state: string;
  stateLabel: string;
  version: number;
  context: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  row: EntityRow;
}

/** One history row. */
export interface HistoryEntry {
  seq: number;
  from: string | null;
  to: string;
  event: string;
  payload: Record<string, unknown>;
  actorId: string | null;
  actorRole: string;
  at: string;
}
