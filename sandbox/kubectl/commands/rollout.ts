// kubectl rollout status|history|undo|restart|pause|resume for StatefulSets and Deployments.
// Source: kubernetes/kubectl pkg/cmd/rollout/*.go, pkg/polymorphichelpers/rollout_status.go
// (StatefulSetStatusViewer, DeploymentStatusViewer), history.go (StatefulSetHistoryViewer:
// `REVISION  CHANGE-CAUSE` from ControllerRevisions), rollback.go (StatefulSetRollbacker:
// `rolled back`, `skipped rollback (current template already matches revision N)`),
// objectrestarter.go (kubectl.kubernetes.io/restartedAt), objectpauser.go.
import type { KubeObject } from '../../cluster/api/client.ts';
import type { ResourceInfo } from '../../cluster/api/resources.ts';
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import { parseDuration } from '../cli/duration.ts';
import { describePodTemplate } from '../printers/describe/containers.ts';
import { PrefixWriter } from '../printers/describe/writer.ts';
import type { ParsedArgs } from '../cli/flags.ts';
import { parseResourceArgs } from '../cli/resources.ts';
import { rfc3339 } from '../printers/age.ts';
import { kindPrefix } from '../printers/object.ts';
import { formatTabs } from '../printers/tabwriter.ts';
import { QUIET_MS, type KubectlCommand } from './types.ts';

const SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

function targets(ctx: KubectlContext, args: string[]): Array<{ info: ResourceInfo; name: string }> {
  if (!args.length) throw new KubectlError('required resource not specified');
  const out: Array<{ info: ResourceInfo; name: string }> = [];
  for (const g of parseResourceArgs(args)) {
    if (!g.names.length) throw new KubectlError('resource(s) were provided, but no name was specified');
    for (const name of g.names) out.push({ info: g.info, name });
  }
  void ctx;
  return out;
}

/** The status line of one StatefulSet, or done. Source: StatefulSetStatusViewer.Status. */
export function statefulSetStatus(sts: KubeObject): { message: string; done: boolean } {
  const spec = sts.spec ?? {};
  const st = sts.status ?? {};
  if (spec.updateStrategy?.type && spec.updateStrategy.type !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
  if (!st.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = spec.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < replicas) return { message: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru) {
    if (ru.partition != null && (st.updatedReplicas ?? 0) < replicas - ru.partition) {
      return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - ru.partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
}

/** Source: DeploymentStatusViewer.Status. */
export function deploymentStatus(d: KubeObject): { message: string; done: boolean } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const prog = (st.conditions ?? []).find((c: any) => c.type === 'Progressing');
  if (prog?.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`deployment "${name}" exceeded its progress deadline`);
  const replicas = d.spec?.replicas ?? 1;
  if ((st.updatedReplicas ?? 0) < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.updatedReplicas ?? 0} out of ${replicas} new replicas have been updated...\n`, done: false };
  if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0)) return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old replicas are pending termination...\n`, done: false };
  if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0)) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${st.updatedReplicas ?? 0} updated replicas are available...\n`, done: false };
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

function revisionsOf(ctx: KubectlContext, obj: KubeObject): KubeObject[] {
  const { api } = ctx.services;
  if (obj.kind === 'Deployment') {
    return api.list('replicasets', obj.metadata.namespace).items
      .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: any) => r.uid === obj.metadata.uid))
      .map((rs) => ({ ...rs, revision: Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) }))
      .sort((a, b) => a.revision - b.revision);
  }
  return api.list('controllerrevisions', obj.metadata.namespace).items
    .filter((cr) => (cr.metadata.ownerReferences ?? []).some((r: any) => r.uid === obj.metadata.uid))
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

async function status(ctx: KubectlContext, p: ParsedArgs): Promise<number> {
  const [t] = targets(ctx, p.args);
  if (!['statefulsets', 'deployments'].includes(t.info.resource)) throw new KubectlError(`no status viewer has been implemented for ${t.info.kind}`);
  const { api } = ctx.services;
  const view = (o: KubeObject) => (t.info.resource === 'statefulsets' ? statefulSetStatus(o) : deploymentStatus(o));
  // --timeout (0: wait forever): rollout_status.go wraps the watch in a context with that
  // deadline and reports `error: timed out waiting for the condition`.
  const timeout = p.flags.timeout ? parseDuration(String(p.flags.timeout)) : 0;
  const start = ctx.now();
  const timedOut = () => timeout > 0 && ctx.now() - start >= timeout;
  for (;;) {
    const obj = api.get(t.info.resource, ctx.namespace, t.name);
    const s = view(obj);
    ctx.out(s.message);
    if (s.done || p.flags.watch === false) return 0;
    // Wait for the next change to this object (rollout status watches it).
    const rv = obj.metadata.resourceVersion;
    for (;;) {
      const wait = timeout > 0 ? Math.max(1, Math.min(QUIET_MS, start + timeout - ctx.now())) : QUIET_MS;
      const r = await ctx.services.nextChange(wait, ctx.io.signal, [t.info.resource, 'pods']);
      if (timedOut() && r !== 'interrupted') throw new KubectlError('timed out waiting for the condition');
      if (r !== 'changed') return r === 'interrupted' ? 1 : 0;
      let cur: KubeObject;
      try {
        cur = api.get(t.info.resource, ctx.namespace, t.name);
      } catch (e) {
        throw e;
      }
      if (cur.metadata.resourceVersion !== rv) break;
    }
  }
}

/** history.go printTemplate: DescribePodTemplate into a plain buffer (tabs are not aligned). */
function templateText(template: unknown): string {
  const w = new PrefixWriter();
  describePodTemplate(w, template);
  return w.raw();
}

function history(ctx: KubectlContext, p: ParsedArgs): number {
  const { api } = ctx.services;
  for (const t of targets(ctx, p.args)) {
    if (!['statefulsets', 'deployments'].includes(t.info.resource)) throw new KubectlError(`no history viewer has been implemented for ${t.info.kind}`);
    const obj = api.get(t.info.resource, ctx.namespace, t.name);
    const revs = revisionsOf(ctx, obj);
    const want = p.flags.revision as number;
    if (want > 0) {
      const r = revs.find((x) => x.revision === want);
      if (!r) throw new KubectlError(`unable to find the specified revision`);
      ctx.out(`${kindPrefix(t.info)}/${t.name} with revision #${want}\n`);
      const tmpl = t.info.resource === 'statefulsets' ? r.data?.spec?.template : r.spec?.template;
      ctx.out(`${templateText(tmpl)}\n`);
      continue;
    }
    if (!revs.length) {
      ctx.out(`No rollout history found.\n`);
      continue;
    }
    let table = 'REVISION\tCHANGE-CAUSE\n';
    for (const r of revs) table += `${r.revision}\t${r.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`;
    ctx.out(`${kindPrefix(t.info)}/${t.name} \n${formatTabs(table, { minwidth: 0, padding: 2 })}\n`);
  }
  return 0;
}

function undo(ctx: KubectlContext, p: ParsedArgs): number {
  const { api } = ctx.services;
  for (const t of targets(ctx, p.args)) {
    const obj = api.get(t.info.resource, ctx.namespace, t.name);
    const revs = revisionsOf(ctx, obj);
    const to = p.flags['to-revision'] as number;
    let target: KubeObject | undefined;
    if (to > 0) {
      target = revs.find((r) => r.revision === to);
      if (!target) throw new KubectlError(`unable to find specified revision ${to} in history`);
    } else {
      // rollback.go StatefulSetRollbacker: "no last revision to roll back to";
      // DeploymentRollbacker: "no rollout history found for deployment %q".
      if (revs.length < 2) throw new KubectlError(t.info.kind === 'StatefulSet' ? 'no last revision to roll back to' : `no rollout history found for deployment "${t.name}"`);
      target = revs[revs.length - 2];
    }
    const template = t.info.resource === 'statefulsets' ? target.data?.spec?.template : target.spec?.template;
    if (!template) throw new KubectlError(`unable to find the specified revision`);
    const clean = JSON.parse(JSON.stringify(template));
    delete clean.$patch;
    if (t.info.resource === 'deployments' && clean.metadata?.labels) delete clean.metadata.labels['pod-template-hash'];
    const dry = p.flags['dry-run'];
    if (dry !== undefined && dry !== 'none') {
      // rollback.go: a dry run prints printPodTemplate ("will roll back to " + the template)
      // through the name printer, with the dry-run suffix.
      ctx.out(`${kindPrefix(t.info)}/${t.name} will roll back to ${templateText(clean)} (${dry === 'server' ? 'server dry run' : 'dry run'})\n`);
      continue;
    }
    const cur = JSON.parse(JSON.stringify(obj.spec?.template ?? {}));
    if (JSON.stringify(cur) === JSON.stringify(clean)) {
      ctx.out(`${kindPrefix(t.info)}/${t.name} skipped rollback (current template already matches revision ${target.revision})\n`);
      continue;
    }
    // The revision's template replaces the current one whole (its data carries
    // `"$patch": "replace"`), in one write.
    const next = JSON.parse(JSON.stringify(obj));
    next.spec.template = clean;
    api.update(t.info.resource, ctx.namespace, next);
    ctx.out(`${kindPrefix(t.info)}/${t.name} rolled back\n`);
  }
  return 0;
}

function restart(ctx: KubectlContext, p: ParsedArgs): number {
  const { api } = ctx.services;
  for (const t of targets(ctx, p.args)) {
    if (!['statefulsets', 'deployments'].includes(t.info.resource)) throw new KubectlError(`${t.info.resource}.${t.info.group || 'core'} "${t.name}" restarting is not supported`);
    const obj = api.get(t.info.resource, ctx.namespace, t.name);
    if (obj.spec?.paused) throw new KubectlError(`can't restart paused deployment (run rollout resume first)`);
    api.patch(t.info.resource, ctx.namespace, t.name, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.now()) } } } } }, 'strategic');
    ctx.out(`${kindPrefix(t.info)}/${t.name} restarted\n`);
  }
  return 0;
}

function pauseResume(ctx: KubectlContext, p: ParsedArgs, pause: boolean): number {
  const { api } = ctx.services;
  for (const t of targets(ctx, p.args)) {
    if (t.info.resource !== 'deployments') throw new KubectlError(`${t.info.resource}.${t.info.group || 'core'} "${t.name}" ${pause ? 'pausing' : 'resuming'} is not supported`);
    const obj = api.get(t.info.resource, ctx.namespace, t.name);
    if (!!obj.spec?.paused === pause) {
      ctx.out(`${kindPrefix(t.info)}/${t.name} ${pause ? 'already paused' : 'is not paused'}\n`);
      if (!pause) return 1;
      continue;
    }
    api.patch(t.info.resource, ctx.namespace, t.name, { spec: { paused: pause ? true : null } }, 'merge');
    ctx.out(`${kindPrefix(t.info)}/${t.name} ${pause ? 'paused' : 'resumed'}\n`);
  }
  return 0;
}

export const rolloutCommand: KubectlCommand = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  // The union of the subcommands' flags (kubectl defines them per subcommand).
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'timeout', type: 'string' },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'to-revision', type: 'int', default: 0 },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  ],
  async run(ctx, outer) {
    const sub = outer.args[0];
    if (!sub) {
      ctx.out(`Manage the rollout of one or many resources.\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n`);
      return 0;
    }
    if (!SUBCOMMANDS.includes(sub)) throw new KubectlError(`unknown command "${sub}" for "kubectl rollout"`);
    const p: ParsedArgs = { ...outer, args: outer.args.slice(1) };
    switch (sub) {
      case 'status': return status(ctx, p);
      case 'history': return history(ctx, p);
      case 'undo': return undo(ctx, p);
      case 'restart': return restart(ctx, p);
      case 'pause': return pauseResume(ctx, p, true);
      default: return pauseResume(ctx, p, false);
    }
  },
};
