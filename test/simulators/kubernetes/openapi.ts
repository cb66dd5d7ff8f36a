/**
 * A minimal OpenAPI v3 discovery, enough for kubectl's field-validation check: `/openapi/v3`
 * lists one document per group version, and each document declares, for every resource served,
 * its create (POST) and patch (PATCH) operations with the `x-kubernetes-group-version-kind`
 * extension and the `fieldValidation` query parameter. Seeing that parameter, `kubectl create -f`
 * and `kubectl apply -f` leave validation to the server instead of downloading schemas (which the
 * simulator does not have: there are no `components.schemas`, and `/openapi/v2` is 404). The
 * simulator accepts `fieldValidation` and keeps unknown fields; it does not reject them.
 */
import { createHash } from 'node:crypto';
import { apiVersionOf, type ResourceRegistry, type ResourceType } from './resources.ts';

function prefix(groupVersion: string): string {
  return groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`;
}

/** `/openapi/v3`: where each group version's document is. */
export function openApiRoot(registry: ResourceRegistry): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const groupVersion of registry.groupVersions()) {
    const hash = createHash('sha256').update(JSON.stringify(openApiDocument(registry, groupVersion))).digest('hex').slice(0, 32).toUpperCase();
    paths[prefix(groupVersion)] = { serverRelativeURL: `/openapi/v3/${prefix(groupVersion)}?hash=${hash}` };
  }
  return { paths };
}

const FIELD_VALIDATION = {
  name: 'fieldValidation',
  in: 'query',
  description: 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields: Ignore, Warn or Strict.',
  schema: { type: 'string', uniqueItems: true },
};

function operation(type: ResourceType, action: 'post' | 'patch'): Record<string, unknown> {
  const verb = action === 'post' ? 'create' : 'patch';
  return {
    operationId: `${verb}${type.kind}`,
    parameters: [FIELD_VALIDATION],
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: type.group, version: type.version, kind: type.kind },
  };
}

/** `/openapi/v3/api/v1`, `/openapi/v3/apis/<group>/<version>`, or undefined when not served. */
export function openApiDocument(registry: ResourceRegistry, groupVersion: string): Record<string, unknown> | undefined {
  const types = registry.types.filter((t) => apiVersionOf(t) === groupVersion);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const type of types) {
    const collection = `/${prefix(groupVersion)}/${type.namespaced ? 'namespaces/{namespace}/' : ''}${type.name}`;
    paths[collection] = { post: operation(type, 'post') };
    paths[`${collection}/{name}`] = { patch: operation(type, 'patch') };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas: {} } };
}
