/**
 * GitHub's query limits, computed before execution from the parsed and validated document:
 *
 * - node limit: every connection can return up to `first`/`last` nodes for each node of its parent
 *   connection, so its node count is the product of the page sizes down its path; a query's node
 *   count is the sum over its connections, and above 500,000 it is rejected
 *   (`MAX_NODE_LIMIT_EXCEEDED`, before anything runs);
 * - rate-limit cost: each connection needs one request per parent node (1 at the top); the cost is
 *   the sum of those requests divided by 100, rounded, and at least 1;
 * - pagination boundaries: a connection whose `nodes` or `edges` are selected needs `first` or
 *   `last`, at most 100. GitHub reports these from its resolvers (the error has a path); the
 *   simulator does too (see resolvers.ts). Here they are only collected, so that the simulator's
 *   stats can mark a query invalid even when execution never reached the connection.
 *
 * Rules from GitHub's "Rate limits and node limits for the GraphQL API" documentation.
 */
import {
  getNamedType,
  getNullableType,
  GraphQLInt,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromAST,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type SourceLocation,
  type ValueNode,
  type DocumentNode,
  getLocation,
} from 'graphql';
import { isPaginatedConnectionField } from './schema.ts';

export const MAX_NODES = 500_000;
export const MAX_PAGE_SIZE = 100;

export type LimitErrorType = 'MAX_NODE_LIMIT_EXCEEDED' | 'MISSING_PAGINATION_BOUNDARIES' | 'EXCESSIVE_PAGINATION';

export interface LimitError {
  type: LimitErrorType;
  message: string;
  locations?: SourceLocation[];
}

export interface QueryLimits {
  /** Most nodes the query can return (GitHub's `rateLimit.nodeCount`). */
  nodeCount: number;
  /** Requests needed to serve every connection. */
  requestCount: number;
  /** Rate-limit points the query costs (GitHub's `rateLimit.cost`). */
  cost: number;
  /** The node-limit error, if the query is above it: GitHub rejects the query before running it. */
  nodeLimitError?: LimitError;
  /** Pagination-boundary violations anywhere in the document (GitHub reports them while executing). */
  paginationErrors: LimitError[];
}

/** Page-size problem of one connection field, or undefined: shared with the resolvers. */
export function paginationProblem(fieldName: string, first: number | null | undefined, last: number | null | undefined, selectsNodes: boolean): { type: LimitErrorType; message: string } | undefined {
  if (first == null && last == null) {
    if (!selectsNodes) return undefined;
    return { type: 'MISSING_PAGINATION_BOUNDARIES', message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${fieldName}\` connection.` };
  }
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value == null) continue;
    if (value > MAX_PAGE_SIZE) {
      return { type: 'EXCESSIVE_PAGINATION', message: `Requesting ${value} records on the \`${fieldName}\` connection exceeds the \`${name}\` limit of ${MAX_PAGE_SIZE} records.` };
    }
    if (value < 0) return { type: 'EXCESSIVE_PAGINATION', message: `\`${name}\` on the \`${fieldName}\` connection cannot be less than zero.` };
  }
  return undefined;
}

/** Whether a connection field's selection reads its `nodes` or `edges` (fragments included). */
export function selectsConnectionNodes(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  if (!selectionSet) return false;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === 'nodes' || selection.name.value === 'edges') return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selectsConnectionNodes(selection.selectionSet, fragments, seen)) return true;
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      if (selectsConnectionNodes(fragments[selection.name.value]?.selectionSet, fragments, seen)) return true;
    }
  }
  return false;
}

/** The limits of one operation of a valid document. */
export function analyzeQuery(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): QueryLimits {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const variableValues: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables[name] !== undefined) variableValues[name] = variables[name];
    else if (definition.defaultValue) variableValues[name] = valueFromASTUntyped(definition.defaultValue);
  }
  const location = (node: FieldNode): SourceLocation[] | undefined => (node.loc ? [getLocation(node.loc.source, node.loc.start)] : undefined);
  const intArgument = (node: FieldNode, name: string): number | null | undefined => {
    const arg = node.arguments?.find((a) => a.name.value === name);
    if (!arg) return undefined;
    return valueFromAST(arg.value, GraphQLInt, variableValues) as number | null | undefined;
  };
  const listLength = (value: ValueNode | undefined): number => {
    if (!value) return 1;
    if (value.kind === Kind.LIST) return value.values.length;
    if (value.kind === Kind.VARIABLE) {
      const v = variableValues[value.name.value];
      return Array.isArray(v) ? v.length : 1;
    }
    return 1;
  };

  const rootType = schema.getRootType(operation.operation);
  const result: QueryLimits = { nodeCount: 0, requestCount: 0, cost: 1, paginationErrors: [] };
  if (!rootType) return result;

  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, multiplier: number, fragmentPath: Set<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? (schema.getType(typeName) as GraphQLCompositeType | undefined) : parentType;
        if (type) walk(selection.selectionSet, type, multiplier, fragmentPath);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment || fragmentPath.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        if (type) walk(fragment.selectionSet, type, multiplier, new Set([...fragmentPath, fragment.name.value]));
        continue;
      }
      if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
      const field = parentType.getFields()[selection.name.value];
      if (!field || !selection.selectionSet) continue;
      const fieldType = getNamedType(field.type) as GraphQLCompositeType;
      if (isPaginatedConnectionField(field)) {
        const first = intArgument(selection, 'first');
        const last = intArgument(selection, 'last');
        const selectsNodes = selectsConnectionNodes(selection.selectionSet, fragments);
        const problem = paginationProblem(selection.name.value, first, last, selectsNodes);
        if (problem) result.paginationErrors.push({ ...problem, locations: location(selection) });
        const pageSize = Math.max(first ?? 0, last ?? 0);
        const nodes = multiplier * pageSize;
        result.requestCount += multiplier;
        result.nodeCount += nodes;
        if (nodes > MAX_NODES && !result.nodeLimitError) {
          result.nodeLimitError = {
            type: 'MAX_NODE_LIMIT_EXCEEDED',
            message: `By the time this query traverses to the ${selection.name.value} connection, it is requesting up to ${nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
            locations: location(selection),
          };
        }
        // Fields under `nodes` and `edges` run once per node of this page; `pageInfo` and
        // `totalCount` once per parent.
        walkConnection(selection.selectionSet, fieldType, multiplier, pageSize > 0 ? nodes : multiplier, fragmentPath);
        continue;
      }
      const listMultiplier = isListType(getNullableType(field.type)) && selection.name.value === 'nodes' && parentType === rootType ? listLength(selection.arguments?.find((a) => a.name.value === 'ids')?.value) : 1;
      walk(selection.selectionSet, fieldType, multiplier * listMultiplier, fragmentPath);
    }
  };

  const walkConnection = (selectionSet: SelectionSetNode, connectionType: GraphQLCompositeType, parentMultiplier: number, nodeMultiplier: number, fragmentPath: Set<string>): void => {
    if (!isObjectType(connectionType)) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walkConnection(selection.selectionSet, connectionType, parentMultiplier, nodeMultiplier, fragmentPath);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment || fragmentPath.has(fragment.name.value)) continue;
        walkConnection(fragment.selectionSet, connectionType, parentMultiplier, nodeMultiplier, new Set([...fragmentPath, fragment.name.value]));
        continue;
      }
      const field = connectionType.getFields()[selection.name.value];
      if (!field || !selection.selectionSet) continue;
      const name = selection.name.value;
      const perNode = name === 'nodes' || name === 'edges';
      walk(selection.selectionSet, getNamedType(field.type) as GraphQLCompositeType, perNode ? nodeMultiplier : parentMultiplier, fragmentPath);
    }
  };

  walk(operation.selectionSet, rootType, 1, new Set());
  if (!result.nodeLimitError && result.nodeCount > MAX_NODES) {
    result.nodeLimitError = {
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message: `This query requests up to ${result.nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
    };
  }
  result.cost = Math.max(1, Math.round(result.requestCount / 100));
  return result;
}
