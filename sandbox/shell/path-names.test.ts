// GNU basename and dirname: each expected output is coreutils'.
import { describe, expect, it } from 'vitest';
import { runLines as sh } from './testing.ts';

describe('basename and dirname', () => {
  it('split a path as coreutils does', async () => {
    expect(await sh('basename pod/web-0; basename /usr/share/nginx/html/; basename /; basename index.html .html')).toBe('web-0\nhtml\n/\nindex\n');
    expect(await sh('basename -a pod/web-0 pod/web-1; basename -s .yaml web.yaml /x/pvc.yaml; basename .yaml .yaml')).toBe('web-0\nweb-1\nweb\npvc\n.yaml\n');
    expect(await sh('dirname /usr/share/nginx/html/index.html; dirname web.yaml; dirname /web.yaml; dirname a/b/; dirname /')).toBe('/usr/share/nginx/html\n.\n/\na\n/\n');
  });

  it('want an operand', async () => {
    expect(await sh('basename; echo "status $?"; dirname')).toBe("basename: missing operand\nTry 'basename --help' for more information.\nstatus 1\ndirname: missing operand\nTry 'dirname --help' for more information.\n");
  });
});
