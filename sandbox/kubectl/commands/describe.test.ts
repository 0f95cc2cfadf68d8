// kubectl describe TYPE NAME_PREFIX (describe.go Run → DescribeMatchingResources).
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';

describe('kubectl describe by name prefix (pkg/cmd/describe/describe.go DescribeMatchingResources)', () => {
  it('follows each matched description with a blank line (`fmt.Fprintf(o.Out, "%s\\n", s)`)', async () => {
    const h = createHarness();
    webFixture(h);
    // Without Events: prefix matching follows a NotFound error, which turns them off.
    const each = (name: string) => h.run(`kubectl describe pvc ${name} --show-events=false`).then((r) => r.stdout);
    const [a, b] = [await each('www-web-0'), await each('www-web-1')];
    expect((await h.run('kubectl describe pvc www')).stdout).toBe(`${a}\n${b}\n`);
  });

  it('matches by prefix only for the two-word form TYPE NAME, not TYPE/NAME', async () => {
    const h = createHarness();
    webFixture(h);
    expect(await h.run('kubectl describe pvc/www')).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): persistentvolumeclaims "www" not found\n', code: 1 });
  });

  it('keeps two newlines between objects named in full', async () => {
    const h = createHarness();
    webFixture(h);
    const a = (await h.run('kubectl describe pvc www-web-0 --show-events=false')).stdout;
    const b = (await h.run('kubectl describe pvc www-web-1 --show-events=false')).stdout;
    expect((await h.run('kubectl describe pvc www-web-0 www-web-1')).stdout).toBe(`${a}\n\n${b}`);
  });
});

describe('kubectl describe --show-events (describe.go Run: ShowEventsExplicitlySet)', () => {
  it('shows Events for a single object, not for several or a prefix match, unless asked', async () => {
    const h = createHarness();
    webFixture(h);
    expect((await h.run('kubectl describe pvc www-web-0')).stdout).toContain('Events:');
    expect((await h.run('kubectl describe pvc')).stdout).not.toContain('Events:');
    expect((await h.run('kubectl describe pvc www')).stdout).not.toContain('Events:');
    expect((await h.run('kubectl describe pvc www-web-0 nope')).stdout).not.toContain('Events:');
    expect((await h.run('kubectl describe pvc --show-events')).stdout.match(/^Events:/gm)).toHaveLength(2);
    expect((await h.run('kubectl describe pvc www-web-0 --show-events=false')).stdout).not.toContain('Events:');
  });
});

describe('kubectl describe without a type, and with -f (describe.go ToOptions, Run)', () => {
  it('says what is missing as a plain error', async () => {
    const h = createHarness();
    expect(await h.run('kubectl describe')).toMatchObject({
      stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      code: 1,
    });
  });

  it('describes the objects a manifest names, as the server has them', async () => {
    const h = createHarness();
    webFixture(h);
    h.fs.writeFile('/home/learner/web.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n');
    const svc = (await h.run('kubectl describe svc nginx --show-events=false')).stdout;
    const sts = (await h.run('kubectl describe sts web --show-events=false')).stdout;
    expect((await h.run('kubectl describe -f web.yaml')).stdout).toBe(`${svc}\n\n${sts}`);
  });
});
