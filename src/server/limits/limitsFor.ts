/**
 * limitsFor: the limits one caller's operations run under. Every caller gets `limits.defaults`;
 * a role with overrides (`limits.roles.<Role>`) raises or lowers them, and, limit by limit, the
 * most generous of the caller's roles wins (a role without an override for a limit counts as the
 * default).
 */
import type { Identity } from '../../auth/identity.ts';
import type { LimitsConfig, OperationLimits } from '../../config/types.ts';

export function limitsFor(config: LimitsConfig, identity: Identity): OperationLimits {
  const overrides = identity.roles.flatMap((role) => (config.roles[role] ? [config.roles[role]] : []));
  if (overrides.length === 0) return config.defaults;
  const pick = (key: keyof OperationLimits) => Math.max(...overrides.map((o) => o[key] ?? config.defaults[key]));
  return {
    maxDepth: pick('maxDepth'),
    maxAliases: pick('maxAliases'),
    maxRootFields: pick('maxRootFields'),
    maxCost: pick('maxCost'),
    maxNodes: pick('maxNodes'),
    timeoutMs: pick('timeoutMs'),
  };
}
