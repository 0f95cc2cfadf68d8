// Non-interactive runs (`npm run sim -- FILE`, golden tests): each complete input is echoed after
// its prompt (`$ `, or a container shell's prompt; `> ` before continuation lines, as bash shows
// them), then run; what it prints follows. Blank lines are skipped.
import { needsMore } from './parse.ts';
import type { Session } from './session.ts';

export async function runTranscript(session: Session, script: string, echo: (text: string) => void): Promise<void> {
  const lines = script.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let buf: string[] = [];
  const flush = async () => {
    const src = buf.join('\n');
    echo(session.prompt() + buf[0] + '\n' + buf.slice(1).map((l) => `> ${l}\n`).join(''));
    buf = [];
    await session.run(src);
  };
  for (const line of lines) {
    if (session.ended) break;
    if (!buf.length && !line.trim()) continue;
    buf.push(line);
    if (!needsMore(buf.join('\n'))) await flush();
  }
  if (buf.length && !session.ended) await flush();
  await session.close();
}
