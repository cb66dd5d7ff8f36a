/**
 * Errors in GitHub's shape.
 *
 * GitHub runs graphql-ruby, whose validation messages differ from graphql-js's. The common ones
 * (unknown field, unknown argument, missing argument, missing selections) are rewritten to the
 * wording, `extensions.code` and `path` GitHub answers; other validation errors keep graphql-js's
 * message. Execution errors carry GitHub's `type` at the top level (`NOT_FOUND`,
 * `MISSING_PAGINATION_BOUNDARIES`, …), before `path`, `locations` and `message`, as GitHub orders them.
 */
import { Kind, type ASTNode, type DocumentNode, type GraphQLError, type SelectionSetNode } from 'graphql';
import { GitHubError } from './resolvers.ts';

export interface GitHubErrorJson {
  type?: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
  locations?: readonly { line: number; column: number }[];
  message: string;
}

/** Execution error → GitHub's JSON. */
export function executionErrorJson(error: GraphQLError): GitHubErrorJson {
  const original = error.originalError;
  return {
    ...(original instanceof GitHubError ? { type: original.type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

const REWRITES: { pattern: RegExp; rewrite: (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> } }[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"\./,
    rewrite: ([, field, type]) => ({
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: 'undefinedField', typeName: type, fieldName: field },
    }),
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./,
    rewrite: ([, argument, field]) => ({
      message: `Field '${field}' doesn't accept argument '${argument}'`,
      extensions: { code: 'argumentNotAccepted', name: field, typeName: 'Field', argumentName: argument },
    }),
  },
  {
    pattern: /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./,
    rewrite: ([, field, argument]) => ({
      message: `Field '${field}' is missing required arguments: ${argument}`,
      extensions: { code: 'missingRequiredArguments', className: 'Field', name: field, arguments: argument },
    }),
  },
  {
    pattern: /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
    rewrite: ([, field, type]) => ({
      message: `Field must have selections (field '${field}' returns ${type.replace(/[[\]!]/g, '')} but has no selections. Did you mean '${field} { ... }'?)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${field}'`, typeName: type.replace(/[[\]!]/g, '') },
    }),
  },
];

/** Validation (or parse) error → GitHub's JSON. */
export function validationErrorJson(error: GraphQLError, document?: DocumentNode): GitHubErrorJson {
  for (const { pattern, rewrite } of REWRITES) {
    const match = pattern.exec(error.message);
    if (!match) continue;
    const { message, extensions } = rewrite(match);
    const path = document && error.nodes?.[0] ? pathTo(document, error.nodes[0]) : undefined;
    return { ...(path ? { path } : {}), extensions, locations: error.locations ?? [], message };
  }
  return { ...(error.locations ? { locations: error.locations } : {}), message: error.message };
}

/** graphql-ruby's validation path: the operation (`query`, `query Name`, `fragment Name`), then field names and aliases. */
function pathTo(document: DocumentNode, target: ASTNode): string[] | undefined {
  const search = (selectionSet: SelectionSetNode | undefined, path: string[]): string[] | undefined => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const here = [...path, selection.alias?.value ?? selection.name.value];
        if (selection === target) return here;
        const found = search(selection.selectionSet, here);
        if (found) return found;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const here = [...path, `... on ${selection.typeCondition?.name.value ?? ''}`.trim()];
        const found = search(selection.selectionSet, here);
        if (found) return found;
      }
    }
    return undefined;
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const found = search(definition.selectionSet, [definition.name ? `${definition.operation} ${definition.name.value}` : definition.operation]);
      if (found) return found;
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const found = search(definition.selectionSet, [`fragment ${definition.name.value}`]);
      if (found) return found;
    }
  }
  return undefined;
}
