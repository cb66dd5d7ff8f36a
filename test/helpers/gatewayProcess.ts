/**
 * A gateway replica as its own process (`src/server/main.ts`), for tests of several replicas on
 * one Redis: started with the environment given (plus PATH and PORT=0), resolved with its URL
 * from its "Lattice is serving" log line; its output is kept for failure messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './lattice.ts';

export interface GatewayProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startGatewayProcess(name: string, env: Readonly<Record<string, string>>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['src/server/main.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env } });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/.exec(line);
        if (m) resolve(m[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    void exited.then(({ code, signal }) => reject(new Error(`gateway ${name} exited (${code ?? signal}) before serving:\n${output.join('\n')}`)));
  });
  return { name, url, child, output, exited };
}
