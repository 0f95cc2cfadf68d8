// A test bench for the lab's editor, cluster picture and events feed on their own (no xterm):
// opens its own simulator worker, shows the terminal's output as plain text, and takes command
// lines from an input. Used by tests/e2e/lab-editor.test.mjs and lab-picture.test.mjs.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Comlink, openLab } from '../../lab/client.ts';
import type { LabClient, LabDefinition, LabFile } from '../../lab/protocol.ts';
import Editor from '../../components/lab/Editor.tsx';
import ClusterView from '../../components/lab/ClusterView.tsx';
import EventsFeed from '../../components/lab/EventsFeed.tsx';
import '../../components/lab/Lab.css';

declare global {
  interface Window {
    __labParts?: { client: LabClient; run(line: string): Promise<number>; output(): string };
  }
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

export default function LabParts({ def }: { def: LabDefinition }) {
  const [client, setClient] = useState<LabClient | null>(null);
  const [files, setFiles] = useState<LabFile[]>([]);
  const [out, setOut] = useState('');
  const [line, setLine] = useState('');
  const outRef = useRef('');
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const lab = openLab();
    const c = lab.client;
    let live = true;
    (async () => {
      const r = await c.init('dev-lab-parts', def);
      await c.attachTerminal(
        Comlink.proxy({
          write(text: string) {
            outRef.current = (outRef.current + stripAnsi(text)).slice(-20000);
            if (live) setOut(outRef.current);
          },
        }),
        100,
      );
      if (!live) return;
      setFiles(r.files);
      setClient(() => c);
      const run = async (l: string) => {
        const status = await c.runCommand(l);
        setFiles(await c.listFiles());
        return status;
      };
      window.__labParts = { client: c, run, output: () => outRef.current };
      document.documentElement.dataset.labPartsReady = 'true';
    })();
    return () => {
      live = false;
      lab.close();
    };
  }, []);

  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [out]);

  const run = async (l: string) => {
    if (!client) return;
    await client.runCommand(l);
    setFiles(await client.listFiles());
  };

  return (
    <section class="ssl-lab not-content" aria-label="Lab parts test bench">
      <div class="ssl-lab__picture" data-slot="cluster-view">
        {client ? <ClusterView client={client} /> : <p>Starting the simulator…</p>}
      </div>
      <div class="ssl-lab__work">
        <div class="ssl-lab__terminal">
          <pre class="dev-out" ref={pre} role="region" aria-label="Terminal output" tabIndex={0}>
            {out}
          </pre>
          <form
            class="dev-cmd"
            onSubmit={(e) => {
              e.preventDefault();
              const l = line;
              setLine('');
              void run(l);
            }}
          >
            <label>
              Command{' '}
              <input value={line} onInput={(e) => setLine((e.target as HTMLInputElement).value)} spellcheck={false} autoComplete="off" />
            </label>
            <button type="submit">Run</button>
          </form>
        </div>
        <div class="ssl-lab__editor">{client && <Editor client={client} files={files} activeFile="web.yaml" onApply={(name) => void run(`kubectl apply -f ${name}`)} />}</div>
      </div>
      <div class="ssl-lab__events">{client && <EventsFeed client={client} />}</div>
    </section>
  );
}
