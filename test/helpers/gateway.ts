/**
 * startGatewayProcess: a gateway as its own process (`src/server/main.ts`, this process's Node), as
 * replicas run in production; resolves with its URL once its log line names it. The caller kills
 * what it started (`child`), and may wait on `exited` or read the log lines in `output`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './lattice.ts';

export interface GatewayProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Its log lines (stdout, line by line) and stderr chunks, as they come. */
  readonly output: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `env` is the whole environment besides PATH and PORT=0 (REDIS_URL, LATTICE_CONFIG…). */
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
