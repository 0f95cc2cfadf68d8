import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs.ts';
import { MountFs } from './mount-fs.ts';

describe('MountFs', () => {
  const setup = () => {
    const root = new MemoryFs({ files: { '/usr/share/nginx/html/index.html': 'image page', '/etc/hostname': 'web-0\n' } });
    const volume = new MemoryFs();
    const config = new MemoryFs({ files: { '/app.conf': 'x=1' } });
    const fs = new MountFs(root, [
      { path: '/usr/share/nginx/html', fs: volume },
      { path: '/etc/app', fs: config, readOnly: true },
    ]);
    return { root, volume, config, fs };
  };

  it('routes a path to the mount with the longest matching prefix', () => {
    const { fs, volume, root } = setup();
    fs.writeFile('/usr/share/nginx/html/index.html', 'web-0\n');
    expect(volume.readFile('/index.html')).toBe('web-0\n');
    expect(root.readFile('/usr/share/nginx/html/index.html')).toBe('image page');
    expect(fs.readFile('/etc/hostname')).toBe('web-0\n');
  });

  it('hides what the image had under a mount point', () => {
    const { fs } = setup();
    expect(fs.exists('/usr/share/nginx/html/index.html')).toBe(false);
    expect(fs.readdir('/usr/share/nginx/html')).toEqual([]);
  });

  it('lists mount points in their parent directory', () => {
    const { fs } = setup();
    expect(fs.readdir('/etc')).toEqual(['app', 'hostname']);
  });

  it('refuses writes to a read-only mount with EROFS', () => {
    const { fs } = setup();
    expect(fs.readFile('/etc/app/app.conf')).toBe('x=1');
    expect(() => fs.writeFile('/etc/app/app.conf', 'y')).toThrow('EROFS');
  });

  it('mounts a subPath of a volume', () => {
    const vol = new MemoryFs({ files: { '/data/a.txt': 'a' } });
    const fs = new MountFs(new MemoryFs(), [{ path: '/var/lib/app', fs: vol, subPath: 'data' }]);
    expect(fs.readFile('/var/lib/app/a.txt')).toBe('a');
    fs.writeFile('/var/lib/app/b.txt', 'b');
    expect(vol.readFile('/data/b.txt')).toBe('b');
  });
});
