#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { BACKUP_USAGE, BackupError, backup, restore } from './cli/backup.js';
import { withDatabase } from './cli/database.js';
import { IMPORT_USAGE, ImportUsageError, runImportCommand } from './cli/import.js';
import { runSignInCommand, SIGN_IN_USAGE, SignInUsageError } from './cli/sign-in.js';
import {
  isCliUsageError,
  runSubscriptionCommand,
  SUBSCRIPTION_COMMANDS,
  SUBSCRIPTION_USAGE,
} from './cli/subscriptions.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { seedDemo } from './demo.js';
import { ImportError } from './modules/imports/import.run.js';
import { upsertAdmin } from './modules/setup/setup.service.js';
import { type ProcessRole, ROLES, startServer } from './server.js';
import { isPresetName, PRESET_NAMES } from './workflow/presets/index.js';

const USAGE = `Usage: tessera <command> [options]

Commands:
  start [--roles web,worker,scheduler] [--demo]   run the server (all roles by default)
  migrate                                         bring the database schema up to date
  admin create --email <e> --password <p> [--name <n>]
                                                  create (or promote) an administrator
  demo [--preset <name>]                          fill an empty database with demo data
${BACKUP_USAGE}
${IMPORT_USAGE}

${SUBSCRIPTION_USAGE}

${SIGN_IN_USAGE}

Configuration comes from the environment; see README.md.`;

const parseOptions = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      roles: { type: 'string' },
      demo: { type: 'boolean' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      preset: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });

type Options = ReturnType<typeof parseOptions>['values'];

/** The exit code, or -1 while the server runs on until a signal. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command && SUBSCRIPTION_COMMANDS.has(command)) {
    await runSubscriptionCommand(loadConfig(), command, rest);
    return 0;
  }
  if (command === 'import') {
    await runImportCommand(loadConfig(), rest, (line) => console.log(line));
    return 0;
  }
  if (command === 'sign-in') {
    console.log(await runSignInCommand(loadConfig(), rest));
    return 0;
  }
  const { values, positionals } = parseOptions(rest);
  if (!command || values.help || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (values.preset !== undefined && !isPresetName(values.preset)) {
    throw new UsageError(
      `There is no workflow preset "${values.preset}"; choose one of ${PRESET_NAMES.join(', ')}`,
    );
  }
  const config = loadConfig();

  switch (command) {
    case 'start':
      return start(config, values);
    case 'migrate':
      return migrate(config);
    case 'admin':
      return createAdmin(config, values, positionals);
    case 'demo':
      return demo(config, values);
    case 'backup':
    case 'restore': {
      const [file] = positionals;
      if (!file || positionals.length > 1) throw new UsageError(`Usage:\n${BACKUP_USAGE}`);
      if (command === 'backup') console.log(`Backup written to ${await backup(config, file)}.`);
      else console.log(await restore(config, file, values.force === true));
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function start(config: Config, values: Options): Promise<number> {
  const roles = (values.roles ?? ROLES.join(',')).split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !ROLES.includes(r as ProcessRole));
  if (bad.length > 0) throw new UsageError(`Unknown role(s): ${bad.join(', ')}; use ${ROLES.join(', ')}`);
  // The demo makes its own administrator: a setup link printed first would not work.
  const running = await startServer(config, roles as ProcessRole[], { setupLink: !values.demo });
  if (values.demo) console.log(await seedDemo(running.app.ctx, { preset: values.preset }));
  const stop = async (signal: string) => {
    running.app.log.info(`${signal}: shutting down`);
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

async function migrate(config: Config): Promise<number> {
  await withDatabase(config, async (_database, applied) =>
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.'),
  );
  return 0;
}

async function createAdmin(config: Config, values: Options, positionals: string[]): Promise<number> {
  if (positionals[0] !== 'create' || !values.email || !values.password) {
    throw new UsageError('Usage: tessera admin create --email <e> --password <p> [--name <n>]');
  }
  const input = { email: values.email, password: values.password, name: values.name };
  await withDatabase(config, (database) =>
    database.db.transaction().execute((trx) => upsertAdmin(trx, { clock: () => new Date() }, input)),
  );
  console.log(`Administrator ${values.email} is ready.`);
  return 0;
}

async function demo(config: Config, values: Options): Promise<number> {
  const running = await startServer(config, [], { setupLink: false });
  try {
    const summary = await seedDemo(running.app.ctx, { preset: values.preset });
    console.log(summary);
  } finally {
    await running.stop();
  }
  return 0;
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    const parseError =
      err instanceof TypeError && String((err as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
    if (err instanceof BackupError || err instanceof ImportError) {
      console.error(err.message);
      process.exit(1);
    }
    const usage =
      err instanceof UsageError ||
      err instanceof SignInUsageError ||
      err instanceof ImportUsageError ||
      isCliUsageError(err);
    if (err instanceof ConfigError || usage || parseError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
