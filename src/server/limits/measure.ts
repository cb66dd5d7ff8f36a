/**
 * measureOperation: what the static limits look at, in one walk of the operation with its
 * fragments expanded where they are spread (a fragment's figures are computed once and reused,
 * so fragment "bombs" cost the walk nothing extra): depth, aliases, root fields and the cost.
 *
 * The cost estimates the fields an answer can hold: every field counts 1 (`__typename` and
 * introspection's `__` fields 0); under a connection (a field with `first` whose type has
 * `nodes`), what `nodes` and `edges` select counts once per item of the page: `first` or `last`
 * (variables resolved), else the default page size, at most the maximum (connection.ts PAGE_SIZE;
 * a larger `first` is refused when the field runs). Nested connections multiply.
 * Pure: document + schema + variables → figures.
 */
import { getNamedType, isCompositeType, isInterfaceType, isObjectType, Kind, type DocumentNode, type FieldNode, type GraphQLCompositeType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { PAGE_SIZE } from '../../model/query/connection.ts';

export interface OperationMeasure {
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  readonly cost: number;
}

export interface MeasureOptions {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables?: Readonly<Record<string, unknown>> | null;
}

interface Figures {
  depth: number;
  aliases: number;
  cost: number;
}

export function measureOperation({ schema, document, operation, variables }: MeasureOptions): OperationMeasure {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const memo = new Map<string, Figures>();
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { depth: 0, aliases: 0, rootFields: 0, cost: 0 };

  const pageSize = (field: FieldNode): number => {
    for (const name of ['first', 'last']) {
      const arg = field.arguments?.find((a) => a.name.value === name);
      const value = arg && valueOf(arg.value, variables);
      if (typeof value === 'number') return Math.min(Math.max(value, 0), PAGE_SIZE.max);
    }
    return PAGE_SIZE.default;
  };

  const walk = (set: SelectionSetNode, type: GraphQLCompositeType | undefined, page: number | undefined): Figures => {
    const total: Figures = { depth: 0, aliases: 0, cost: 0 };
    const add = (f: Figures) => {
      total.depth = Math.max(total.depth, f.depth);
      total.aliases += f.aliases;
      total.cost += f.cost;
    };
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        const fieldDef = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        const own = name.startsWith('__') ? 0 : 1;
        const aliases = sel.alias ? 1 : 0;
        if (!sel.selectionSet) {
          add({ depth: 1, aliases, cost: own });
          continue;
        }
        const named = fieldDef ? getNamedType(fieldDef.type) : undefined;
        const childType = named && isCompositeType(named) ? named : undefined;
        const isConnection = !!fieldDef?.args.some((a) => a.name === 'first') && isObjectType(childType) && 'nodes' in childType.getFields();
        const inner = walk(sel.selectionSet, childType, isConnection ? pageSize(sel) : undefined);
        const times = page !== undefined && (name === 'nodes' || name === 'edges') ? page : 1;
        add({ depth: inner.depth + 1, aliases: aliases + inner.aliases, cost: own + times * inner.cost });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        add(walk(sel.selectionSet, cond && isCompositeType(cond) ? cond : type, page));
      } else {
        const fragment = fragments.get(sel.name.value);
        if (!fragment) continue;
        const key = `${sel.name.value}\0${page ?? ''}`;
        let f = memo.get(key);
        if (!f) {
          const cond = schema.getType(fragment.typeCondition.name.value);
          memo.set(key, (f = walk(fragment.selectionSet, cond && isCompositeType(cond) ? cond : undefined, page)));
        }
        add(f);
      }
    }
    return total;
  };

  const figures = walk(operation.selectionSet, rootType, undefined);
  return { ...figures, rootFields: countRootFields(operation.selectionSet, fragments) };
}

function countRootFields(set: SelectionSetNode, fragments: ReadonlyMap<string, { selectionSet: SelectionSetNode }>, seen = new Set<string>()): number {
  let n = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) n += sel.name.value.startsWith('__') ? 0 : 1;
    else if (sel.kind === Kind.INLINE_FRAGMENT) n += countRootFields(sel.selectionSet, fragments, seen);
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      const f = fragments.get(sel.name.value);
      if (f) n += countRootFields(f.selectionSet, fragments, seen);
    }
  }
  return n;
}

function valueOf(node: ValueNode, variables: Readonly<Record<string, unknown>> | null | undefined): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
  return undefined;
}
