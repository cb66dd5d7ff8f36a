/**
 * `Status` objects (kind Status, apiVersion v1), the body of every error the API server answers
 * and of a watch's ERROR event, with the reasons and messages kube-apiserver uses
 * (k8s.io/apimachinery/pkg/api/errors). ApiError carries one to the HTTP layer.
 */
import { qualifiedName, type ResourceType } from './resources.ts';

export interface StatusObject {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: { resourceVersion?: string; continue?: string };
  readonly status: 'Failure' | 'Success';
  readonly message?: string;
  readonly reason?: string;
  readonly details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: { reason?: string; message: string; field?: string }[]; retryAfterSeconds?: number };
  readonly code: number;
}

export class ApiError extends Error {
  readonly status: StatusObject;

  constructor(status: StatusObject) {
    super(status.message);
    this.status = status;
  }
}

export function failure(code: number, reason: string, message: string, details?: StatusObject['details'], metadata: StatusObject['metadata'] = {}): StatusObject {
  return { kind: 'Status', apiVersion: 'v1', metadata, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

function describe(type: ResourceType, name: string): StatusObject['details'] {
  return { name, group: type.group, kind: type.name };
}

export const errors = {
  notFound: (type: ResourceType, name: string): ApiError => new ApiError(failure(404, 'NotFound', `${qualifiedName(type)} "${name}" not found`, describe(type, name))),
  namespaceNotFound: (namespace: string): ApiError =>
    new ApiError(failure(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' })),
  noRoute: (): ApiError => new ApiError(failure(404, 'NotFound', 'the server could not find the requested resource', {})),
  alreadyExists: (type: ResourceType, name: string): ApiError =>
    new ApiError(failure(409, 'AlreadyExists', `${qualifiedName(type)} "${name}" already exists`, describe(type, name))),
  conflict: (type: ResourceType, name: string): ApiError =>
    new ApiError(
      failure(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedName(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        describe(type, name),
      ),
    ),
  badRequest: (message: string): ApiError => new ApiError(failure(400, 'BadRequest', message)),
  invalid: (type: ResourceType, name: string, message: string, field?: string): ApiError =>
    new ApiError(
      failure(422, 'Invalid', `${type.kind} "${name}" is invalid: ${field ? `${field}: ` : ''}${message}`, {
        ...describe(type, name),
        kind: type.kind,
        causes: [{ reason: 'FieldValueInvalid', message, ...(field ? { field } : {}) }],
      }),
    ),
  /** 410 for a list or watch from a resourceVersion the server no longer has. */
  expired: (message: string, continueToken?: string): ApiError =>
    new ApiError(failure(410, 'Expired', message, undefined, continueToken ? { continue: continueToken } : {})),
  methodNotAllowed: (): ApiError => new ApiError(failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {})),
  unsupportedMediaType: (contentType: string, accepted: readonly string[]): ApiError =>
    new ApiError(failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format (${contentType || 'none'}) - accepted media types include: ${accepted.join(', ')}`)),
  unauthorized: (): ApiError => new ApiError(failure(401, 'Unauthorized', 'Unauthorized')),
  unavailable: (): ApiError => new ApiError(failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request')),
  internal: (message: string): ApiError => new ApiError(failure(500, 'InternalError', `Internal error occurred: ${message}`)),
};
