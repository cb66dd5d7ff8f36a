/**
 * The Terraform HTTP backend client: the only code that reads state over the network. One GET
 * of a state's URL (with its configured headers, and `If-None-Match` when a version was read
 * before), through the counted upstream wrapper (src/data/upstream.ts: one upstream call of the
 * source per request), timing out after `timeoutMs`. No retry: while a backend fails, the shared
 * cache serves the state last read. A request that gets no answer is a LatticeError
 * (UPSTREAM_TIMEOUT or UPSTREAM_UNAVAILABLE) naming the state, never its headers (tokens).
 * Local state files are not network calls: state.ts reads them itself.
 */
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import { callUpstream } from '../../src/data/upstream.ts';
import type { TerraformStateLocation } from './options.ts';

export interface TerraformBackendClient {
  /** The backend's answer to a GET of the state, whatever its status. */
  get(location: TerraformStateLocation, etag: string | undefined): Promise<Response>;
}

export function createBackendClient(source: string, timeoutMs: number): TerraformBackendClient {
  return {
    get(location, etag) {
      const headers: Record<string, string> = { accept: 'application/json', ...location.headers };
      if (etag) headers['if-none-match'] = etag;
      return callUpstream(source, async () => {
        try {
          return await fetch(location.url as string, { headers, signal: AbortSignal.timeout(timeoutMs) });
        } catch (err) {
          const timeout = (err as Error).name === 'TimeoutError';
          throw new LatticeError(timeout ? ErrorCodes.UPSTREAM_TIMEOUT : ErrorCodes.UPSTREAM_UNAVAILABLE, `Terraform state ${location.name}: ${(err as Error).message}`, { details: { state: location.name } });
        }
      });
    },
  };
}
