#!/usr/bin/env node
import { ConfigError } from '../server/config.js';
import { docs } from './commands/docs.js';
import { migrate } from './commands/migrate.js';
import { serve } from './commands/serve.js';
import { importPhysiciansCommand } from './commands/import-physicians.js';
import { createAdmin, UsageError } from './commands/create-admin.js';

/** Every CLI command: name → what it does and how it runs. One line per command. */
const commands: Record<string, { summary: string; run: (args: string[]) => Promise<void> }> = {
  serve: { summary: 'start the bundled HTTP server (what `npm start` runs)', run: serve },
  migrate: { summary: 'bring the database schema to the latest version', run: migrate },
  docs: { summary: 'regenerate docs/workflows.md (machines) and docs/openapi.json (HTTP API)', run: docs },
  'import-physicians': { summary: 'import the physician registry from FILE.csv (docs/registry.md)', run: importPhysiciansCommand },
  'create-admin': { summary: 'create an administrator (password in ADMIN_PASSWORD)', run: createAdmin },
};

const usage = () => `probation-workflow <command>

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(18)} ${c.summary}`)
  .join('\n')}

Configuration comes from the environment: PORT, HOST, DATABASE_URL (unset: embedded
PostgreSQL under DATA_DIR), DATA_DIR, DEMO, LOG_LEVEL, SWEEP_INTERVAL_SECONDS.`;

async function main([name, ...args]: string[]): Promise<number> {
  if (name === undefined || name === 'help' || name === '--help') {
    console.log(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command: ${name}\n\n${usage()}`);
    return 1;
  }
  try {
    await command.run(args);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // `serve` resolves once listening and keeps the process alive; an exit code is only set.
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
