/**
 * A small form naming an entity (blueprint and identifier) that both Lattice plugins start from;
 * submitting it selects the entity (selection.ts).
 */
import { Button } from '@graphiql/react';
import { useEffect, useState, type FormEvent } from 'react';
import type { BlueprintInfo } from './blueprints.ts';
import { selectEntity, type EntityRef } from './selection.ts';

export function EntityPicker({ blueprints, selected, label }: { blueprints: readonly BlueprintInfo[]; selected: EntityRef | null; label: string }) {
  const [blueprint, setBlueprint] = useState(selected?.blueprint ?? blueprints[0]?.identifier ?? '');
  const [identifier, setIdentifier] = useState(selected?.identifier ?? '');
  useEffect(() => {
    if (!selected) return;
    setBlueprint(selected.blueprint);
    setIdentifier(selected.identifier);
  }, [selected]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (blueprint && identifier.trim()) selectEntity({ blueprint, identifier: identifier.trim() });
  };
  return (
    <form className="lattice-picker" onSubmit={submit}>
      <select aria-label="Blueprint" value={blueprint} onChange={(e) => setBlueprint(e.target.value)}>
        {blueprints.map((b) => (
          <option key={b.identifier} value={b.identifier}>
            {b.title || b.identifier}
          </option>
        ))}
      </select>
      <input aria-label="Identifier" placeholder="identifier, e.g. CartService" value={identifier} onChange={(e) => setIdentifier(e.target.value)} />
      <Button type="submit">
        {label}
      </Button>
    </form>
  );
}
