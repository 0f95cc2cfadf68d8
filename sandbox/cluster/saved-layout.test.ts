import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';
import { splitSaved } from './saved-layout.ts';

function saved(): string {
  const c = Cluster.create({ seed: 21 });
  c.api.create('configmaps', 'default', { metadata: { name: 'settings' }, data: { mode: 'demo "quoted"' } });
  c.advance(5_000);
  return c.snapshotJSON();
}

describe('a snapshot text split by its layout', () => {
  it('gives each resource its exact part of the text, and the deferred ones unparsed', () => {
    const json = saved();
    const whole = JSON.parse(json);
    const split = splitSaved(json, ['events'])!;
    expect(split).toBeDefined();
    expect(Object.keys(split.lazy)).toEqual(['events']);
    expect(split.lazy.events).toBe(JSON.stringify(whole.api.objects.events));
    expect(split.snap.api.objects.events).toBeUndefined();
    for (const r of Object.keys(whole.api.objects).filter((r) => r !== 'events')) {
      expect(split.texts[r]).toBe(JSON.stringify(whole.api.objects[r]));
      expect(split.snap.api.objects[r]).toEqual(whole.api.objects[r]);
    }
    const { layout: _layout, ...rest } = whole;
    expect({ ...split.snap, api: { ...split.snap.api, objects: { ...split.snap.api.objects, events: whole.api.objects.events } } }).toEqual(rest);
  });

  it('refuses a layout that does not fit the text', () => {
    const json = saved();
    const at = json.lastIndexOf(',"layout":');
    const layout = JSON.parse(json.slice(at + ',"layout":'.length, -1));
    const withLayout = (l: unknown) => `${json.slice(0, at)},"layout":${JSON.stringify(l)}}`;
    expect(splitSaved(withLayout(layout), ['events'])).toBeDefined();
    // Text added before the layout (an edit written back): the length no longer matches.
    expect(splitSaved(withLayout(layout).replace('{"version":1,', '{"version":1,"x":1,'), ['events'])).toBeUndefined();
    // A span that misses its array by one character.
    const off = { ...layout, objects: { ...layout.objects, events: [layout.objects.events[0] + 1, layout.objects.events[1]] } };
    expect(splitSaved(withLayout(off), ['events'])).toBeUndefined();
    // A span under another resource's name.
    const swapped = { ...layout, objects: { ...layout.objects, nodes: layout.objects.events } };
    expect(splitSaved(withLayout(swapped), ['events'])).toBeUndefined();
    // No layout at all (a snapshot saved before layouts).
    expect(splitSaved(`${json.slice(0, at)}}`, ['events'])).toBeUndefined();
  });
});
