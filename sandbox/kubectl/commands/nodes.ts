// kubectl cordon / uncordon / drain / taint.
// Source: kubernetes/kubectl pkg/cmd/drain/drain.go (RunCordonOrUncordon: `node/x cordoned`,
// `already cordoned`; RunDrain: the pending-nodes report), pkg/drain/filters.go (DaemonSet,
// mirror, unreplicated and local-storage filters and their messages), pkg/drain/drain.go
// (`evicting pod ns/name`, `pod/name evicted`), pkg/cmd/taint/taint.go and utils.go (parse,
// `tainted` / `untainted` / `modified`, the --overwrite check).
import type { KubeObject } from '../../cluster/api/client.ts';
import { resourceInfo } from '../../cluster/api/resources.ts';
import type { KubectlContext } from '../cli/context.ts';
import { errorText, KubectlError } from '../cli/errors.ts';
import type { ParsedArgs } from '../cli/flags.ts';
import { goDuration, parseDuration } from '../cli/duration.ts';
import { rfc3339 } from '../printers/age.ts';
import { waitGone } from './delete.ts';
import { fetchObjects } from './objects.ts';
import type { KubectlCommand } from './types.ts';

/**
 * The nodes cordon, uncordon and drain act on (drain.go Complete): the named ones or those -l
 * selects; neither is a usage error naming the command (`USAGE: drain NODE [flags]`).
 */
function nodeNames(ctx: KubectlContext, p: ParsedArgs): string[] {
  const verb = ctx.cmdPath.replace(/^kubectl /, '');
  if (p.args.length && p.flags.selector) throw new KubectlError(`error: cannot specify both a node name and a --selector option\nSee '${ctx.cmdPath} -h' for help and examples`);
  if (p.flags.selector) return fetchObjects(ctx, [{ info: resourceInfo('nodes')!, names: [] }], { labelSelector: p.flags.selector }).found[0].map((x) => x.obj.metadata.name!);
  if (!p.args.length) throw new KubectlError(`USAGE: ${verb} NODE [flags]\nSee '${ctx.cmdPath} -h' for help and examples`);
  return p.args.map((a) => (a.startsWith('node/') || a.startsWith('nodes/') ? a.slice(a.indexOf('/') + 1) : a));
}

function setUnschedulable(ctx: KubectlContext, name: string, desired: boolean): void {
  const { api } = ctx.services;
  const node = api.get('nodes', undefined, name);
  const verb = desired ? 'cordoned' : 'uncordoned';
  if (!!node.spec?.unschedulable === desired) {
    ctx.out(`node/${name} already ${verb}\n`);
    return;
  }
  api.patch('nodes', undefined, name, { spec: { unschedulable: desired ? true : null } }, 'strategic');
  ctx.out(`node/${name} ${verb}\n`);
}

const cordonFlags = [{ name: 'selector', short: 'l', type: 'string' as const }, { name: 'dry-run', type: 'string' as const, noOptDefault: 'unchanged' }];

export const cordonCommand: KubectlCommand = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  flags: cordonFlags,
  async run(ctx, p) {
    for (const n of nodeNames(ctx, p)) setUnschedulable(ctx, n, true);
    return 0;
  },
};

export const uncordonCommand: KubectlCommand = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  flags: cordonFlags,
  async run(ctx, p) {
    for (const n of nodeNames(ctx, p)) setUnschedulable(ctx, n, false);
    return 0;
  },
};

function controllerKind(pod: KubeObject): string | undefined {
  return (pod.metadata.ownerReferences ?? []).find((r: any) => r.controller)?.kind;
}

export const drainCommand: KubectlCommand = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'pod-selector', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  ],
  async run(ctx, p) {
    const { api } = ctx.services;
    const pending: string[] = [];
    const fatal: string[] = [];
    // --timeout: one global deadline for every pod's eviction and deletion (0: wait forever).
    const timeoutMs = p.flags.timeout ? parseDuration(String(p.flags.timeout)) : 0;
    const deadline = timeoutMs > 0 ? ctx.now() + timeoutMs : undefined;
    for (const name of nodeNames(ctx, p)) {
      setUnschedulable(ctx, name, true);
      const pods = api.list('pods', undefined, { fieldSelector: `spec.nodeName=${name}`, labelSelector: p.flags['pod-selector'] || undefined }).items;
      const errs: Record<string, string[]> = {};
      const warns: Record<string, string[]> = {};
      const toDelete: KubeObject[] = [];
      const add = (m: Record<string, string[]>, k: string, v: string) => (m[k] ??= []).push(v);
      for (const pod of pods) {
        const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
        if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
        const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
        const kind = controllerKind(pod);
        if (kind === 'DaemonSet' && !finished) {
          if (!p.flags['ignore-daemonsets']) add(errs, 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)', id);
          else add(warns, 'ignoring DaemonSet-managed Pods', id);
          continue;
        }
        if (!kind && !finished) {
          if (!p.flags.force) {
            add(errs, 'cannot delete Pods that declare no controller (use --force to override)', id);
            continue;
          }
          add(warns, 'deleting Pods that declare no controller', id);
        }
        if (!finished && (pod.spec?.volumes ?? []).some((v: any) => v.emptyDir)) {
          if (!p.flags['delete-emptydir-data'] && !p.flags['delete-local-data']) {
            add(errs, 'cannot delete Pods with local storage (use --delete-emptydir-data to override)', id);
            continue;
          }
          add(warns, 'deleting Pods with local storage', id);
        }
        toDelete.push(pod);
      }
      const errList = Object.entries(errs).map(([k, v]) => `${k}: ${v.join(', ')}`);
      if (errList.length) {
        const agg = errList.length === 1 ? errList[0] : `[${errList.join(', ')}]`;
        ctx.err(`error: unable to drain node "${name}" due to error: ${agg}, continuing command...\n`);
        pending.push(name);
        fatal.push(agg);
        continue;
      }
      const warnList = Object.entries(warns).map(([k, v]) => `${k}: ${v.join(', ')}`);
      if (warnList.length) ctx.warn(warnList.join('; '));
      const deleted: Array<{ pod: KubeObject; uid?: string }> = [];
      for (const pod of toDelete) {
        ctx.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
        try {
          const opts = p.flags['grace-period'] >= 0 ? { gracePeriodSeconds: p.flags['grace-period'] } : {};
          const d = api.delete('pods', pod.metadata.namespace, pod.metadata.name!, opts);
          deleted.push({ pod, uid: d.metadata.uid });
        } catch (e) {
          ctx.err(errorText(e));
        }
      }
      const info = resourceInfo('pods')!;
      let allGone = true;
      const waitErrors: string[] = [];
      for (const d of deleted) {
        const target = { info, namespace: d.pod.metadata.namespace, name: d.pod.metadata.name!, uid: d.uid };
        try {
          // Without a kubelet to finish the pod (or when interrupted) the wait ends unfinished;
          // with --timeout it fails when the global timeout is reached (drain.go waitForDelete).
          if (await waitGone(ctx, [target], deadline ? Math.max(1, deadline - ctx.now()) : 0)) ctx.out(`pod/${d.pod.metadata.name} evicted\n`);
          else allGone = false;
        } catch (e) {
          if (!(e instanceof KubectlError)) throw e;
          waitErrors.push(`error when waiting for pod "${target.name}" in namespace "${target.namespace}" to terminate: global timeout reached: ${goDuration(timeoutMs)}`);
        }
      }
      if (waitErrors.length) {
        // deleteOrEvictPodsSimple: the pods still there, then RunDrain's line for the node.
        const agg = waitErrors.length === 1 ? waitErrors[0] : `[${waitErrors.join(', ')}]`;
        const left = deleted.filter((d) => podStillThere(ctx, d.pod));
        if (left.length) ctx.err(`There are pending pods in node "${name}" when an error occurred: ${agg}\n${left.map((d) => `pod/${d.pod.metadata.name}\n`).join('')}`);
        ctx.err(`error: unable to drain node "${name}" due to error: ${agg}, continuing command...\n`);
        pending.push(name);
        fatal.push(agg);
        continue;
      }
      if (!allGone) return 1;
      ctx.out(`node/${name} drained\n`);
    }
    if (pending.length) {
      ctx.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}`);
      throw new KubectlError(fatal.join('\n'));
    }
    return 0;
  },
};

interface TaintSpec {
  key: string;
  value?: string;
  effect?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function parseTaints(specs: string[]): { add: TaintSpec[]; remove: TaintSpec[] } {
  const add: TaintSpec[] = [];
  const remove: TaintSpec[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const body = s.slice(0, -1);
      const [kv, effect] = body.split(':');
      const key = kv.split('=')[0];
      if (effect && !EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
      remove.push({ key, effect: effect || undefined });
      continue;
    }
    const i = s.lastIndexOf(':');
    if (i < 0) throw new KubectlError(`invalid taint spec: ${s}, unknown taint spec`);
    const kv = s.slice(0, i);
    const effect = s.slice(i + 1);
    if (!EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const [key, value] = kv.includes('=') ? [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] : [kv, undefined];
    if (!key) throw new KubectlError(`invalid taint spec: ${s}, invalid key`);
    add.push({ key, value, effect });
  }
  return { add, remove };
}

export const taintCommand: KubectlCommand = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  async run(ctx, p) {
    // taint.go Complete: the words before the first taint-looking one are the resource type and
    // names; every word after it must be a taint.
    const resources: string[] = [];
    const taintArgs: string[] = [];
    for (const a of p.args) {
      const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
      if (isTaint) taintArgs.push(a);
      else if (!taintArgs.length) resources.push(a);
      else throw new KubectlError(`all resources must be specified before taint changes: ${a}`);
    }
    if (!resources.length) throw new KubectlError('one or more resources must be specified as <resource> <name>');
    if (!taintArgs.length) throw new KubectlError('at least one taint update is required');
    let parsed: ReturnType<typeof parseTaints>;
    try {
      parsed = parseTaints(taintArgs);
    } catch (e) {
      throw new KubectlError(`${(e as Error).message}\nSee 'kubectl taint -h' for help and examples`); // cmdutil.UsageError
    }
    const { add, remove } = parsed;
    // Validate: the resource type, a taint both added and removed, then validateFlags.
    if (!['node', 'nodes'].includes(resources[0].toLowerCase())) throw new KubectlError(`invalid resource type ${resources[0]}, only ["node" "nodes"] are supported`);
    const conflicts = remove.filter((r) => add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))).map((r) => `{"${r.key}":"${r.effect ?? ''}"}`);
    if (conflicts.length) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    const all = !!p.flags.all;
    const selector: string | undefined = p.flags.selector || undefined;
    if (all && selector) throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited.");
    if (!all && !selector && resources.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
    const { api } = ctx.services;
    let names: string[];
    if (all || selector) names = fetchObjects(ctx, [{ info: resourceInfo('nodes')!, names: [] }], { labelSelector: selector }).found[0].map((x) => x.obj.metadata.name!);
    else names = resources.slice(1);
    for (const name of names) {
      const node = api.get('nodes', undefined, name);
      let taints: any[] = [...(node.spec?.taints ?? [])];
      for (const t of add) {
        const same = taints.find((x) => x.key === t.key && x.effect === t.effect);
        if (same && !p.flags.overwrite) throw new KubectlError(`node ${name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`);
      }
      for (const r of remove) {
        const before = taints.length;
        taints = taints.filter((x) => !(x.key === r.key && (!r.effect || x.effect === r.effect)));
        if (taints.length === before) throw new KubectlError(`taint "${r.key}${r.effect ? ':' + r.effect : ''}" not found`);
      }
      for (const t of add) {
        const nt: any = { key: t.key, effect: t.effect };
        if (t.value) nt.value = t.value;
        if (t.effect === 'NoExecute') nt.timeAdded = rfc3339(ctx.now());
        const i = taints.findIndex((x) => x.key === t.key && x.effect === t.effect);
        if (i >= 0) taints[i] = nt;
        else taints.push(nt);
      }
      api.patch('nodes', undefined, name, { spec: { taints: taints.length ? taints : null } }, 'merge');
      const op = add.length && remove.length ? 'modified' : add.length ? 'tainted' : 'untainted';
      ctx.out(`node/${name} ${op}\n`);
    }
    return 0;
  },
};

function podStillThere(ctx: KubectlContext, pod: KubeObject): boolean {
  try {
    ctx.services.api.get('pods', pod.metadata.namespace, pod.metadata.name!);
    return true;
  } catch {
    return false;
  }
}
