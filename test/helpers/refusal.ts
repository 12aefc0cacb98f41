import { isWorkflowError, type WorkflowError } from '../../src/errors.js';

/**
 * The coded error a promise rejects with; fails the test when it resolves
 * or rejects with anything that is not a WorkflowError.
 *
 * @example
 * t.equal((await refusal(engine.applications.send(id, event, actor))).code, 'VERSION_CONFLICT');
 */
export async function refusal(promise: Promise<unknown>): Promise<WorkflowError> {
  try {
    await promise;
  } catch (error) {
    if (isWorkflowError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
