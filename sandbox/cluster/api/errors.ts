// API errors as metav1.Status, with the reasons, codes and messages the API server uses.
// Source: kubernetes/apimachinery pkg/api/errors/errors.go (NewNotFound, NewAlreadyExists,
// NewConflict, NewInvalid, NewForbidden, NewBadRequest...).
import type { ResourceInfo } from './resources.ts';

export interface StatusCause {
  reason?: string; // e.g. FieldValueNotFound, FieldValueRequired, FieldValueInvalid
  message?: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string; // NotFound, AlreadyExists, Conflict, Invalid, BadRequest, Forbidden, MethodNotAllowed, TooManyRequests...
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

/** Thrown by every API call that fails; carries the Status a real API server would answer with. */
export class ApiError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message);
    this.name = 'ApiError';
    this.status = status;
  }
  get code(): number { return this.status.code; }
  get reason(): string { return this.status.reason; }
}

function status(code: number, reason: string, message: string, details?: Status['details']): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
}

/** `pods "web-9" not found`; for grouped kinds `statefulsets.apps "web" not found`. */
export function notFound(info: ResourceInfo, name: string): ApiError {
  const qualified = info.group ? `${info.resource}.${info.group}` : info.resource;
  return status(404, 'NotFound', `${qualified} "${name}" not found`, { name, group: info.group || undefined, kind: info.resource });
}

export function alreadyExists(info: ResourceInfo, name: string): ApiError {
  const qualified = info.group ? `${info.resource}.${info.group}` : info.resource;
  return status(409, 'AlreadyExists', `${qualified} "${name}" already exists`, { name, group: info.group || undefined, kind: info.resource });
}

export function conflict(info: ResourceInfo, name: string, why: string): ApiError {
  const qualified = info.group ? `${info.resource}.${info.group}` : info.resource;
  return status(409, 'Conflict', `Operation cannot be fulfilled on ${qualified} "${name}": ${why}`, { name, group: info.group || undefined, kind: info.resource });
}

/** One field error, printed as `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export interface FieldError {
  field: string;
  type: 'Required' | 'Invalid' | 'NotFound' | 'Forbidden' | 'Duplicate' | 'NotSupported' | 'TooLong' | 'TooMany';
  /** Already formatted as the API server quotes it (strings quoted, numbers bare), or undefined for Required/Forbidden. */
  value?: string;
  detail?: string;
}

const causeReason: Record<FieldError['type'], string> = {
  Required: 'FieldValueRequired', Invalid: 'FieldValueInvalid', NotFound: 'FieldValueNotFound',
  Forbidden: 'FieldValueForbidden', Duplicate: 'FieldValueDuplicate', NotSupported: 'FieldValueNotSupported',
  TooLong: 'FieldValueTooLong', TooMany: 'FieldValueTooMany',
};

const TYPE_TEXT: Record<FieldError['type'], string> = {
  Required: 'Required value', Invalid: 'Invalid value', NotFound: 'Not found', Forbidden: 'Forbidden',
  Duplicate: 'Duplicate value', NotSupported: 'Unsupported value', TooLong: 'Too long', TooMany: 'Too many',
};

/** The text of one field error. Source: kubernetes/apimachinery pkg/util/validation/field/errors.go Error(). */
export function fieldErrorText(e: FieldError): string {
  const type = TYPE_TEXT[e.type];
  let s = `${e.field}: ${type}`;
  if (e.value !== undefined && e.type !== 'Required' && e.type !== 'Forbidden') s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/**
 * The API server's answer to an invalid object: `StatefulSet.apps "app" is invalid: spec...:
 * Not found: "/var/data"` (kubectl rebuilds it as `The StatefulSet "app" is invalid: ...` from
 * details.kind and details.causes). Several errors are joined as `[a, b]`, duplicates dropped.
 * Source: apimachinery pkg/api/errors NewInvalid (qualifiedKind.String() is Kind.group),
 * field.ErrorList.ToAggregate and util/errors aggregate.Error().
 */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): ApiError {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const e of errs) {
    const t = fieldErrorText(e);
    if (!seen.has(t)) {
      seen.add(t);
      texts.push(t);
    }
  }
  const qualified = group ? `${kind}.${group}` : kind;
  const msg = texts.length === 0 ? '' : texts.length === 1 ? `: ${texts[0]}` : `: [${texts.join(', ')}]`;
  return status(422, 'Invalid', `${qualified} "${name}" is invalid${msg}`, {
    name, group: group || undefined, kind,
    causes: errs.map((e) => ({ reason: causeReason[e.type], message: fieldErrorText(e).slice(e.field.length + 2), field: e.field })),
  });
}

export function badRequest(message: string): ApiError {
  return status(400, 'BadRequest', message);
}

/** 403; with `info` and `name`, details name the object as NewForbidden does. */
export function forbidden(message: string, info?: ResourceInfo, name?: string): ApiError {
  return status(403, 'Forbidden', message, info ? { name, group: info.group || undefined, kind: info.resource } : undefined);
}

/** 410 Expired: a watch from a resourceVersion the server no longer remembers. */
export function expired(message: string): ApiError {
  return status(410, 'Expired', message);
}

/**
 * 422 Invalid as NewGenericServerResponse builds it for a JSON patch that does not apply: its
 * generic message, empty details (apimachinery pkg/api/errors/errors.go).
 */
export function unprocessable(): ApiError {
  return status(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

export function methodNotAllowed(message: string): ApiError {
  return status(405, 'MethodNotAllowed', message);
}

export function tooManyRequests(message: string): ApiError {
  return status(429, 'TooManyRequests', message);
}

export function serviceUnavailable(message: string): ApiError {
  return status(503, 'ServiceUnavailable', message);
}

export function internalError(message: string): ApiError {
  return status(500, 'InternalError', `Internal error occurred: ${message}`);
}
