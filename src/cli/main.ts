/**
 * The `lattice` command (bin/lattice.js starts it on Node 24's type stripping):
 *
 *   lattice run <action> [options]    run a self-service action (run.ts; `lattice run --help`)
 *
 * The environment is read through the config module (LATTICE_TOKEN, LATTICE_URL).
 */
import { loadCliEnv } from '../config/index.ts';
import { EXIT_CODES, RUN_USAGE, runCommand } from './run.ts';

const USAGE = `Usage: lattice <command> [options]

Commands:
  run <action>   run a self-service action; --wait follows it to the end

${RUN_USAGE}`;

const [command, ...rest] = process.argv.slice(2);
const env = loadCliEnv();
const io = { token: env.token, url: env.url, out: (line: string) => process.stdout.write(`${line}\n`), err: (line: string) => process.stderr.write(`${line}\n`) };

let code: number;
if (command === 'run') {
  try {
    code = await runCommand(rest, io);
  } catch (err) {
    io.err(`lattice run: ${err instanceof Error ? err.message : String(err)}`);
    code = EXIT_CODES.ERROR;
  }
} else if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
  (command === undefined ? io.err : io.out)(USAGE);
  code = command === undefined ? EXIT_CODES.USAGE : EXIT_CODES.SUCCESS;
} else {
  io.err(`lattice: unknown command "${command}"\n\n${USAGE}`);
  code = EXIT_CODES.USAGE;
}
// Let stdout drain (a pipe) before exiting.
process.exitCode = code;
