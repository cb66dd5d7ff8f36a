/**
 * replicaYaml: the lattice.yaml lines that the e2e tests' gateway processes on one Redis share: the
 * project's folders (as given), no file watching, no request budget (tests send requests as fast
 * as they are answered), the Redis key prefix, a loopback server, anonymous callers or not, and
 * the API tokens (hashed here). A test adds its own lines (sources, automation settings) after.
 */
import { sha256Hex } from '../../src/auth/authenticate.ts';

export interface YamlToken {
  readonly name: string;
  readonly token: string;
  readonly user: string;
  readonly roles: readonly string[];
}

export function replicaYaml(options: { readonly folders: readonly string[]; readonly prefix: string; readonly anonymous: boolean; readonly tokens: readonly YamlToken[] }): string[] {
  return [
    ...options.folders,
    'watch: false',
    'rateLimits: { enabled: false }',
    'redis:',
    `  prefix: "${options.prefix}"`,
    'server:',
    '  host: 127.0.0.1',
    'auth:',
    ...(options.anonymous ? ['  anonymous: true'] : []),
    '  tokens:',
    ...options.tokens.map((t) => `    - { name: ${t.name}, sha256: "${sha256Hex(t.token)}", user: "${t.user}", roles: [${t.roles.join(', ')}] }`),
  ];
}
