// sh's patterns (XCU 2.13): globs as regular expressions, and the prefix and suffix removal of
// ${v#p} ${v##p} ${v%p} ${v%%p}. Shared by the learner's shell (sandbox/shell) and a container's
// own script (processes.ts).

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A glob (* ? [...] [!...]) as a regex source, without anchors. */
export function globToRegex(g: string): string {
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < g.length) out += escapeRegex(g[++i]);
    else if (c === '[') {
      const j = g.indexOf(']', i + 2);
      if (j < 0) out += '\\[';
      else {
        const body = g.slice(i + 1, j);
        out += `[${body.startsWith('!') || body.startsWith('^') ? '^' + body.slice(1).replace(/\\/g, '\\\\') : body.replace(/\\/g, '\\\\')}]`;
        i = j;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

/** ${v#p} ${v##p} ${v%p} ${v%%p}: the shortest or longest matching prefix or suffix removed. */
export function stripPattern(v: string, src: string, op: 'strip#' | 'strip##' | 'strip%' | 'strip%%'): string {
  const whole = new RegExp(`^(?:${src})$`);
  const n = v.length;
  if (op === 'strip#') for (let k = 0; k <= n; k++) if (whole.test(v.slice(0, k))) return v.slice(k);
  if (op === 'strip##') for (let k = n; k >= 0; k--) if (whole.test(v.slice(0, k))) return v.slice(k);
  if (op === 'strip%') for (let k = n; k >= 0; k--) if (whole.test(v.slice(k))) return v.slice(0, k);
  if (op === 'strip%%') for (let k = 0; k <= n; k++) if (whole.test(v.slice(k))) return v.slice(0, k);
  return v;
}
