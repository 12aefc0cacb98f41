import { parseArgs } from 'node:util';
import { createEngine } from '../../../src/create-engine.js';
import { openDatabase } from '../../../src/persistence/database.js';
import { isWorkflowError } from '../../../src/errors.js';
import { loadConfig } from '../../server/config.js';
import { databaseOptions } from '../database-options.js';

/**
 * `probation-workflow create-admin --login NAME --name 姓名 --department ID`
 * with the password in ADMIN_PASSWORD (never on the command line, where
 * `ps` and shell history would keep it). Creates the first administrator of
 * a production database.
 */
export async function createAdmin(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { login: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' } },
    strict: true,
  });
  const password = process.env.ADMIN_PASSWORD;
  if (!values.login || !values.name || !password) {
    throw new UsageError('usage: ADMIN_PASSWORD=… probation-workflow create-admin --login NAME --name 姓名 [--department ID]');
  }
  const database = await openDatabase(databaseOptions(loadConfig(process.env)));
  try {
    const engine = await createEngine({ db: database });
    if (values.department && !(await engine.departments.get(values.department))) {
      throw new UsageError(`department ${values.department} does not exist`);
    }
    const account = await engine.accounts.create({
      kind: 'admin',
      login: values.login,
      name: values.name,
      password,
      departmentId: values.department ?? null,
    });
    await engine.close();
    console.log(`created admin ${account.login} (${account.id})`);
  } catch (error) {
    if (isWorkflowError(error) && Array.isArray(error.details)) {
      throw new UsageError(error.details.map((d: { field: string; message: string }) => `${d.field}: ${d.message}`).join('\n'));
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** A mistake in how the command was called: printed without a stack trace, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
