/**
 * The model as the API serves it (`Query.blueprints`): what the plugins need to name an entity's
 * relations in both directions. Fetched once per credentials and kept for the page's life.
 */
import { useEffect, useState } from 'react';
import { firstError, useLattice } from './lattice.ts';

export interface BlueprintRelation {
  readonly identifier: string;
  readonly target: string;
  readonly many: boolean;
  readonly fieldName: string;
  readonly reverseFieldName: string;
}

export interface BlueprintInfo {
  readonly identifier: string;
  readonly title: string;
  readonly typeName: string;
  readonly relations: readonly BlueprintRelation[];
}

export const BLUEPRINTS_QUERY = `query LatticeBlueprints {
  blueprints { identifier title typeName relations { identifier target many fieldName reverseFieldName } }
}`;

export function useBlueprints(): { blueprints: readonly BlueprintInfo[] | null; error: string | null } {
  const lattice = useLattice();
  const [state, setState] = useState<{ blueprints: readonly BlueprintInfo[] | null; error: string | null }>({ blueprints: null, error: null });
  useEffect(() => {
    let live = true;
    lattice.request<{ blueprints: BlueprintInfo[] }>({ query: BLUEPRINTS_QUERY }).then(
      (result) => live && setState({ blueprints: result.data?.blueprints ?? null, error: firstError(result) }),
      (err: Error) => live && setState({ blueprints: null, error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [lattice]);
  return state;
}
