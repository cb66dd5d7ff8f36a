/**
 * An `sh` block of the docs, run for real: the block is one bash script (`set -e -o pipefail`),
 * run from the repository root against the docs gateway, and must exit 0 and print no GraphQL
 * response with `errors` (a line of JSON with an `errors` list: `curl` exits 0 on them), unless
 * its directive is `error` (then one must be printed). Failing, the error names the line and
 * command that failed, with the script's output.
 *
 * What a reader supplies, the harness supplies:
 * - `LATTICE_URL` and `LATTICE_TOKEN` are the docs gateway's (the `lattice` CLI reads them);
 *   `export NAME=…` (a value left to the reader) keeps the harness's value;
 * - `localhost:4000` and `127.0.0.1:4000` (the default address) and `https://lattice.example.com`
 *   (a deployed gateway) are the docs gateway's address;
 * - PATH starts with node_modules/.bin and the Node running the tests (Node 24), so `npx lattice`
 *   runs this checkout's CLI.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../helpers/lattice.ts';
import { DOCS_TOKEN, type DocsGateway } from '../gateway.ts';

/** A command still running after this long is stopped, and the block fails. */
export const COMMAND_TIMEOUT_MS = 150_000;

/** The block as the harness runs it. */
export function scriptFor(text: string, gatewayUrl: string): string {
  const address = gatewayUrl.replace(/^http:\/\//, '');
  const body = text
    .replaceAll('localhost:4000', address)
    .replaceAll('127.0.0.1:4000', address)
    .replaceAll('https://lattice.example.com', gatewayUrl)
    .replace(/^(\s*export\s+(\w+))=…/gm, '$1="$$$2"');
  return `set -e -o pipefail\ntrap 'echo "docs-test: line $LINENO failed with exit $?: $BASH_COMMAND" >&2' ERR\n${body}`;
}

/** The GraphQL errors printed on stdout, from each line that is a JSON object with an `errors` list. */
export function printedErrors(stdout: string): unknown[] {
  return stdout.split('\n').flatMap((line) => {
    if (!line.trim().startsWith('{')) return [];
    try {
      const value = JSON.parse(line) as { errors?: unknown };
      return Array.isArray(value.errors) ? (value.errors as unknown[]) : [];
    } catch {
      return [];
    }
  });
}

export async function runShellBlock(text: string, gw: DocsGateway, expectError = false): Promise<{ stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    PATH: [path.join(ROOT, 'node_modules/.bin'), path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
    LATTICE_URL: `${gw.url}/graphql`,
    LATTICE_TOKEN: DOCS_TOKEN,
  };
  // Its own process group, so that a block stopped on time stops with everything it started.
  const child = spawn('bash', ['-c', scriptFor(text, gw.url)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stopAll = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(stopAll, COMMAND_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  stopAll(); // anything the block left running in the background
  const output = `\n--- stderr\n${stderr.slice(-3000)}\n--- stdout\n${stdout.slice(-2000)}`;
  if (code !== 0) throw new Error(`exited ${code ?? `on a signal (stopped after ${COMMAND_TIMEOUT_MS / 1000} s)`}${output}`);
  const errors = printedErrors(stdout);
  if (expectError && errors.length === 0) throw new Error(`the doc says this block shows an error, and it printed none${output}`);
  if (!expectError && errors.length > 0) throw new Error(`printed GraphQL errors: ${JSON.stringify(errors)}${output}`);
  return { stdout, stderr };
}
