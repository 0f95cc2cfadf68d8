// What client-go's EventCorrelator keys its caches by, and its constants (events_cache.go in
// kubernetes/kubernetes staging/src/k8s.io/client-go/tools/record): shared by the correlator
// (event-correlator.ts) and what the stored Events say of its caches (event-derive.ts).

export const MAX_LRU_CACHE_ENTRIES = 4096;
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
// defaultSpamQPS = 1. / 300. as a float32, which is what the rate limiter gets.
export const SPAM_QPS = Math.fround(1 / 300);
export const COMBINED_PREFIX = '(combined from similar events): ';

export interface InvolvedRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** An Event on its way through the correlator, with times in virtual ms. */
export interface CorrelatorEvent {
  name: string;
  namespace: string;
  involvedObject: InvolvedRef;
  reason: string;
  message: string;
  type: string;
  component: string;
  host: string;
  reportingComponent: string;
  reportingInstance: string;
  firstTimestamp: number;
  lastTimestamp: number;
  count: number;
}

export interface AggregateRecord {
  /** Messages seen in the current window, in the order first seen (a Set keeps it). */
  localKeys: Set<string>;
  last: number;
}

export interface EventLog {
  count: number;
  first: number;
  name: string;
}

export interface SpamRecord {
  tokens: number;
  last: number;
}

const SEP = '\u0000';

/** getEventKey: source, involved object (with fieldPath), type, reason and message. */
export function eventKey(component: string, host: string, io: InvolvedRef, type: string, reason: string, message: string): string {
  return `${component}${SEP}${host}${SEP}${io.kind ?? ''}${SEP}${io.namespace ?? ''}${SEP}${io.name ?? ''}${SEP}${io.fieldPath ?? ''}${SEP}${io.uid ?? ''}${SEP}${io.apiVersion ?? ''}${SEP}${type}${SEP}${reason}${SEP}${message}`;
}

/** getSpamKey: source and involved object (no fieldPath). */
export function spamKey(component: string, host: string, io: InvolvedRef): string {
  return `${component}${SEP}${host}${SEP}${io.kind ?? ''}${SEP}${io.namespace ?? ''}${SEP}${io.name ?? ''}${SEP}${io.uid ?? ''}${SEP}${io.apiVersion ?? ''}`;
}

/** EventAggregatorByReasonFunc: source, object, type, reason, reporting controller and instance. */
export function aggregateKey(component: string, host: string, io: InvolvedRef, type: string, reason: string, reportingComponent: string, reportingInstance: string): string {
  return `${spamKey(component, host, io)}${SEP}${type}${SEP}${reason}${SEP}${reportingComponent}${SEP}${reportingInstance}`;
}

/** golang.org/x/time/rate: tokens refill at `qps` per second up to `burst`; a new bucket is full. */
export function refilled(r: SpamRecord | undefined, now: number): number {
  if (!r) return SPAM_BURST;
  return Math.min(SPAM_BURST, r.tokens + (Math.max(0, now - r.last) / 1000) * SPAM_QPS);
}
