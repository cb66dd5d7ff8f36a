/**
 * guardedContext: a request context whose reads (the store and the live sources, behind the
 * loaders) ask the context's execution guard first, so once an operation is stopped (cancelled,
 * timed out, over the node cap) no further read starts, not even the look-ahead a resolver already
 * running makes (src/context/prefetch.ts).
 */
import type { Identity } from '../../auth/identity.ts';
import type { ContextDeps, RequestContext, RequestExtras } from '../../context/index.ts';
import type { EntityReader } from '../../data/reader.ts';
import { ExecutionGuard, setGuard } from './guard.ts';

export function guardedContext(create: (deps: ContextDeps, identity?: Identity, extras?: RequestExtras) => RequestContext, deps: ContextDeps, identity?: Identity, extras?: RequestExtras): RequestContext {
  const guard = new ExecutionGuard();
  const context = create({ ...deps, reader: guardedReader(deps.reader, guard) }, identity, extras);
  setGuard(context, guard);
  return context;
}

function guardedReader(reader: EntityReader, guard: ExecutionGuard): EntityReader {
  return {
    sourcesOf: (blueprint) => reader.sourcesOf(blueprint),
    session() {
      const session = reader.session();
      return {
        getMany: async (blueprint, identifiers) => (guard.throwIfStopped(), session.getMany(blueprint, identifiers)),
        list: async (blueprint) => (guard.throwIfStopped(), session.list(blueprint)),
        findByRelation: async (blueprint, relation, targets) => (guard.throwIfStopped(), session.findByRelation(blueprint, relation, targets)),
      };
    },
  };
}
