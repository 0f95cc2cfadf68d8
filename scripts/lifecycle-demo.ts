// The seed note's StatefulSet lifecycle, driven through the simulator core alone (no kubectl):
// a headless Service and a 3-replica StatefulSet with a claim template; pods come up one at a
// time; a deleted pod returns with the same name and claim; scale to 1 and back to 3 re-binds
// the claims; a stopped node leaves its pod Terminating until it is force-deleted.
// Run: npx tsx scripts/lifecycle-demo.ts
import { Cluster } from '../sandbox/cluster/cluster.ts';
import type { KubeletRuntime } from '../sandbox/cluster/runtime-api.ts';

const c = Cluster.create({ seed: 1 });
const t0 = c.clock.now();
const at = () => `[${String(Math.round((c.clock.now() - t0) / 1000)).padStart(4)}s]`;
const say = (s: string) => console.log(`${at()} ${s}`);

function pods(): string {
  return c.api.list('pods', 'default').items.map((p: any) => {
    const ready = p.status?.conditions?.find((x: any) => x.type === 'Ready')?.status === 'True';
    const state = p.metadata.deletionTimestamp ? 'Terminating' : ready ? 'Ready' : p.status?.phase;
    return `${p.metadata.name}(${state}@${p.spec.nodeName ?? '-'})`;
  }).join(' ') || '(none)';
}
function claims(): string {
  return c.api.list('persistentvolumeclaims', 'default').items.map((p: any) => `${p.metadata.name}:${p.status?.phase}→${p.spec.volumeName ?? '-'}`).join(' ');
}
function until(pred: () => boolean, limitMs = 600_000): void {
  const end = c.clock.now() + limitMs;
  while (!pred() && c.clock.now() < end) c.advance(1000);
}
const readyCount = () => c.api.list('pods', 'default').items.filter((p: any) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')).length;

c.api.create('services', 'default', { metadata: { name: 'nginx', labels: { app: 'nginx' } }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } });
c.api.create('statefulsets', 'default', {
  metadata: { name: 'web' },
  spec: {
    serviceName: 'nginx', replicas: 3, selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});
say('created Service nginx (headless) and StatefulSet web (3 replicas)');
let last = '';
const end = c.clock.now() + 120_000;
while (readyCount() < 3 && c.clock.now() < end) {
  c.advance(1000);
  const now = pods();
  if (now !== last) say(`pods: ${(last = now)}`);
}
say(`claims: ${claims()}`);

c.api.delete('pods', 'default', 'web-1');
say('deleted web-1');
until(() => readyCount() === 3 && !c.api.list('pods', 'default').items.some((p: any) => p.metadata.deletionTimestamp));
say(`pods: ${pods()}`);
const web1 = c.api.get('pods', 'default', 'web-1') as any;
say(`web-1 mounts claim ${web1.spec.volumes.find((v: any) => v.persistentVolumeClaim)?.persistentVolumeClaim.claimName}`);

c.api.patch('statefulsets', 'default', 'web', { spec: { replicas: 1 } }, 'merge');
say('scaled to 1');
until(() => c.api.list('pods', 'default').items.length === 1);
say(`pods: ${pods()}`);
say(`claims: ${claims()}`);
c.api.patch('statefulsets', 'default', 'web', { spec: { replicas: 3 } }, 'merge');
say('scaled to 3');
until(() => readyCount() === 3);
say(`pods: ${pods()}`);
say(`claims: ${claims()}`);

const kubelet = c.component<KubeletRuntime & { name: string }>('kubelet')!;
const victim = (c.api.get('pods', 'default', 'web-1') as any).spec.nodeName;
kubelet.stopNode(victim);
say(`stopped node ${victim} (web-1 runs there)`);
until(() => !!(c.api.get('pods', 'default', 'web-1') as any).metadata.deletionTimestamp, 900_000);
const node = c.api.get('nodes', undefined, victim) as any;
say(`node ${victim} Ready=${node.status.conditions.find((x: any) => x.type === 'Ready').status}; taints ${node.spec.taints?.map((t: any) => `${t.key}:${t.effect}`).join(',')}`);
say(`pods: ${pods()}`);
c.advance(600_000);
say(`ten minutes later: ${pods()}`);
c.api.delete('pods', 'default', 'web-1', { gracePeriodSeconds: 0 });
say('force-deleted web-1');
until(() => readyCount() === 3, 900_000);
say(`pods: ${pods()}`);
