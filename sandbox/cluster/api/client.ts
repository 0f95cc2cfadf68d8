// The one resource API every part of the lab talks to: controllers, kubectl, the cluster picture,
// the goal checks and the HTTP host. Calls are synchronous (the simulator is one deterministic
// event loop); failures throw ApiError carrying a metav1.Status.
import type { ObjectMeta } from '../types.ts';

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: any;
}

export interface ListResult<T> {
  apiVersion: string;
  kind: string; // e.g. PodList
  metadata: { resourceVersion: string };
  items: T[];
}

export interface ListOptions {
  labelSelector?: string; // `app=nginx,tier in (web)`
  fieldSelector?: string; // `metadata.name=web-0,spec.nodeName=node-1,status.phase=Running`
  limit?: number;
}

export interface WriteOptions {
  dryRun?: boolean;
  /** Who writes: recorded in managedFields-lite and used by the API server for nothing else. */
  fieldManager?: string;
  /**
   * What to do with a body's fields its type does not have (metav1 FieldValidation): `Strict`
   * refuses the body (BadRequest, strict decoding error), as kubectl create, apply and replace
   * ask by default; `Warn` and `Ignore` drop them. Unset: the simulator's own writes, which
   * have none, are not checked.
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Filled with the request's warnings (the API's Warning response headers), when given. */
  warnings?: string[];
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = 'merge' | 'strategic' | 'json';

/** `finalize` (namespaces only) writes spec.finalizers, as the namespace controller's PUT namespaces/<n>/finalize does. */
export type Subresource = 'status' | 'scale' | 'binding' | 'finalize';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface WatchOptions extends ListOptions {
  /** Start after this resourceVersion (events newer than it are replayed). Empty: from now. */
  resourceVersion?: string;
  /** Send the current objects as ADDED first (what `kubectl get -w` shows before changes). */
  sendInitialEvents?: boolean;
}

/** Stop a watch. */
export type Unsubscribe = () => void;

export interface ApiClient {
  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T;
  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string, opts?: ListOptions): ListResult<T>;
  create<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, obj: T, opts?: WriteOptions): T;
  /**
   * Full replace. `subresource: 'status'` writes only .status; `'scale'` takes an autoscaling/v1
   * Scale; `'binding'` (pods only) takes the pod with spec.nodeName set and binds it, as the
   * scheduler's POST pods/<name>/binding does.
   */
  update<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, obj: T, opts?: WriteOptions & { subresource?: Subresource }): T;
  patch<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string, patch: unknown, type: PatchType, opts?: WriteOptions & { subresource?: Subresource }): T;
  /** Returns the object as it is after the call: with deletionTimestamp if it waits on grace or finalizers, else as it was when removed. */
  delete<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string, opts?: DeleteOptions): T;
  /** Events are delivered by the cluster's event loop, never inside the call that caused them. */
  watch<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, opts: WatchOptions, onEvent: (ev: WatchEvent<T>) => void): Unsubscribe;
}
