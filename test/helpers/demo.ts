/**
 * `npm run demo` (scripts/demo.ts) as a child process, as a user runs it: started with PORT=0
 * on the Node running the tests, resolved once its banner is complete (the GraphiQL URL and
 * "Ctrl-C stops everything."), with the whole output so far and a promise of its exit. The
 * caller stops it (SIGTERM, or SIGKILL after a failure).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lattice.ts';

const DEMO = path.join(ROOT, 'scripts/demo.ts');

export interface RunningDemo {
  readonly child: ChildProcess;
  readonly graphiql: string;
  readonly banner: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

export function startDemo(env: Record<string, string> = {}): Promise<RunningDemo> {
  const proc = spawn(process.execPath, [DEMO], { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal, output })));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^GraphiQL\s+(http:\/\/\S+)$/m.exec(output)?.[1];
      if (url && /Ctrl-C stops everything\./.test(output)) {
        proc.stdout?.off('data', onData);
        resolve({ child: proc, graphiql: url, banner: output, exited });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(({ code, signal }) => reject(new Error(`the demo exited (code ${code}, signal ${signal}) before its banner:\n${output}`)));
  });
}

/** Kills the demo unless it has exited. */
export function killDemo(demo: { readonly child: ChildProcess } | undefined): void {
  if (demo && demo.child.exitCode === null && demo.child.signalCode === null) demo.child.kill('SIGKILL');
}
