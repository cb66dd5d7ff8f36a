/**
 * The `lattice` command (bin/lattice.js starts it on Node 24's type stripping): one file per
 * command, this table dispatches to them and turns their failures into exit codes (exitCodes.ts):
 * a usage error (args.ts) prints the command's usage and exits 2; the server's GraphQL errors
 * (client.ts `Refused`) print `error CODE: message` and exit 1; no GraphQL answer (`Unreachable`)
 * exits 6. `lattice run` maps its own refusals (5) as it always has.
 *
 * The environment is read through the config module (LATTICE_TOKEN, LATTICE_URL).
 */
import { loadCliEnv } from '../config/index.ts';
import { APPROVE_USAGE, approveCommand } from './approve.ts';
import { UsageError } from './args.ts';
import { CANCEL_USAGE, cancelCommand } from './cancel.ts';
import { RETRY_USAGE, retryCommand } from './retry.ts';
import { CHECK_USAGE } from './checkUsage.ts';
import { Refused, Unreachable } from './client.ts';
import { DECLINE_USAGE, declineCommand } from './decline.ts';
import { EXIT_CODES } from './exitCodes.ts';
import { LOGS_USAGE, logsCommand } from './logs.ts';
import { describe, printErrors, type CliIO } from './output.ts';
import { RUN_USAGE, runCommand } from './run.ts';
import { RUNS_USAGE, runsCommand } from './runs.ts';
import { STATUS_USAGE, statusCommand } from './status.ts';

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly run: (args: readonly string[], io: CliIO) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  run: { summary: 'run <action>          run a self-service action; --wait follows it to the end', usage: RUN_USAGE, run: runCommand },
  status: { summary: 'status <runId>        one run: status, entity, creator, who may approve, links', usage: STATUS_USAGE, run: statusCommand },
  logs: { summary: 'logs <runId>          its log lines; --follow streams them until the run ends', usage: LOGS_USAGE, run: logsCommand },
  runs: { summary: 'runs                  the runs you may see, newest first (--action, --status, --first)', usage: RUNS_USAGE, run: runsCommand },
  approve: { summary: 'approve <runId>       approve a run waiting for approval (--reason)', usage: APPROVE_USAGE, run: approveCommand },
  decline: { summary: 'decline <runId>       decline it (--reason required)', usage: DECLINE_USAGE, run: declineCommand },
  cancel: { summary: 'cancel <runId>        cancel a run that has not ended', usage: CANCEL_USAGE, run: cancelCommand },
  retry: { summary: 'retry <runId>         run a FAILURE run again as a new run linked to it', usage: RETRY_USAGE, run: retryCommand },
  check: { summary: 'check [PATH...]       validate blueprints, actions, catalog and sources offline (CI); --config FILE', usage: CHECK_USAGE, run: async (args, io) => (await import('./check.ts')).checkCommand(args, io) },
};

const USAGE = `Usage: lattice <command> [options]    (lattice <command> --help for its options)

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.summary}`)
  .join('\n')}

Every command but check takes --url URL (default: LATTICE_URL, else http://localhost:4000/graphql)
and --json (output for scripts); the API token is LATTICE_TOKEN.
Exit codes: 0 success; 1 the run failed, the server refused the call, or check found problems; 2 usage error;
3 DECLINED; 4 CANCELLED; 5 lattice run refused; 6 unreachable; 124 --timeout; 130 interrupted.

${RUN_USAGE}`;

// A reader that stops early (`lattice runs | head -1`) closes the pipe: that is not a failure of
// ours, so stop writing and end quietly with the exit code the command reached so far.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? EXIT_CODES.SUCCESS);
  });
}

const [name, ...rest] = process.argv.slice(2);
const env = loadCliEnv();
const io: CliIO = { token: env.token, url: env.url, out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

async function main(): Promise<number> {
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? EXIT_CODES.USAGE : EXIT_CODES.SUCCESS;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`lattice: unknown command "${name}"\n\n${USAGE}`);
    return EXIT_CODES.USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`lattice ${name}: ${err.message}`);
      io.err(command.usage);
      return EXIT_CODES.USAGE;
    }
    if (err instanceof Refused) {
      printErrors(err.errors, io);
      if (!io.token && err.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) io.err('hint: set LATTICE_TOKEN to an API token');
      return EXIT_CODES.FAILURE;
    }
    io.err(`lattice ${name}: ${err instanceof Unreachable ? err.message : describe(err)}`);
    return EXIT_CODES.ERROR;
  }
}

// Let stdout drain (a pipe) before exiting; a follow's SIGINT handler sets 130 itself.
process.exitCode = await main();
