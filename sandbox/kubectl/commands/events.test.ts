// kubectl events: the table, --for, --types, -A and the messages when there is nothing to show.
// Source: kubernetes/kubectl pkg/cmd/events/events.go and event_printer.go.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { event, webFixture } from '../testing/fixtures.ts';

function withEvents() {
  const h = createHarness();
  webFixture(h);
  const api = h.cluster.api;
  for (const e of api.list('events', 'default').items) api.delete('events', 'default', e.metadata.name!);
  const web0 = api.get('pods', 'default', 'web-0');
  const web1 = api.get('pods', 'default', 'web-1');
  const sts = { ...api.get('statefulsets', 'default', 'web'), kind: 'StatefulSet', apiVersion: 'apps/v1' };
  h.advance(1000);
  event(h, { ...web1, kind: 'Pod' }, 'Warning', 'BackOff', 'Back-off restarting failed container nginx in pod web-1', 'kubelet', { count: 3, firstAgoMs: 120_000 });
  h.advance(5000);
  event(h, { ...web0, kind: 'Pod' }, 'Normal', 'Pulled', 'Container image "nginx" already present on machine', 'kubelet');
  event(h, sts, 'Normal', 'SuccessfulCreate', 'create Pod web-1 in StatefulSet web successful', 'statefulset-controller');
  h.advance(2000);
  return h;
}

describe('kubectl events (events.go, event_printer.go)', () => {
  it('lists the events by last time seen, OBJECT as Kind/name, repeats as `last (xN over first)`', async () => {
    const h = withEvents();
    expect((await h.run('kubectl events')).stdout).toBe(
      'LAST SEEN           TYPE      REASON             OBJECT            MESSAGE\n' +
        '7s (x3 over 2m7s)   Warning   BackOff            Pod/web-1         Back-off restarting failed container nginx in pod web-1\n' +
        '2s                  Normal    Pulled             Pod/web-0         Container image "nginx" already present on machine\n' +
        '2s                  Normal    SuccessfulCreate   StatefulSet/web   create Pod web-1 in StatefulSet web successful\n',
    );
  });

  it('--for TYPE/NAME keeps that object\'s events, --types filters by type, -A adds NAMESPACE', async () => {
    const h = withEvents();
    expect((await h.run('kubectl events --for pod/web-0')).stdout).toBe('LAST SEEN   TYPE     REASON   OBJECT      MESSAGE\n2s          Normal   Pulled   Pod/web-0   Container image "nginx" already present on machine\n');
    expect((await h.run('kubectl events --types=warning --no-headers')).stdout).toBe('7s (x3 over 2m7s)   Warning   BackOff   Pod/web-1   Back-off restarting failed container nginx in pod web-1\n');
    expect((await h.run('kubectl events -A --for sts/web')).stdout.split('\n')[1]).toMatch(/^default     2s {10}Normal {3}SuccessfulCreate {3}StatefulSet\/web {3}create Pod/);
  });

  it('says so when there are none, and refuses a --for without a slash or an unknown type', async () => {
    const h = withEvents();
    expect(await h.run('kubectl events -n kube-system')).toMatchObject({ stdout: '', stderr: 'No events found in kube-system namespace.\n', code: 0 });
    expect((await h.run('kubectl events -A --for pod/nope')).stderr).toBe('No events found.\n');
    expect(await h.run('kubectl events --for web-0')).toMatchObject({ stderr: 'error: --for must be in resource/name form\n', code: 1 });
    expect((await h.run('kubectl events --types=Error')).stderr).toBe('error: valid --types are Normal or Warning\n');
  });

  it('is a known command: not "unknown command"', async () => {
    const h = withEvents();
    expect((await h.run('kubectl events --for statefulset/web')).stderr).toBe('');
  });
});
