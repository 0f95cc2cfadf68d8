// `npm run sim`: the lab's shell in a terminal, on the same simulator as the page.
//   npm run sim                    interactive (a TTY): prompt, history, Tab, Ctrl-C, Ctrl-D
//   npm run sim -- FILE            runs FILE's lines and prints the transcript
//   cmd | npm run sim              the same with standard input
//   --seed N                       the cluster's random seed (default 1)
// The working folder is the folder it was started from, so `kubectl apply -f web.yaml` reads
// the real file there.
import * as fs from 'node:fs';
import { Session } from '../../shell/session.ts';
import { runTranscript } from '../../shell/transcript.ts';
import { LineEditor } from '../../shell/line-editor.ts';
import { needsMore } from '../../shell/parse.ts';
import { NodeFs } from './node-fs.ts';

interface Args {
  seed: number;
  file?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--seed' || v.startsWith('--seed=')) {
      const n = Number(v.includes('=') ? v.slice(7) : argv[++i]);
      if (!Number.isInteger(n)) fail(`--seed needs an integer, got '${v.includes('=') ? v.slice(7) : argv[i]}'`);
      a.seed = n;
    } else if (v === '-h' || v === '--help') {
      process.stdout.write('usage: npm run sim [-- [--seed N] [FILE]]\n');
      process.exit(0);
    } else if (v.startsWith('-') && v !== '-') fail(`unknown option '${v}'`);
    else a.file = v;
  }
  return a;
}

function fail(msg: string): never {
  process.stderr.write(`sim: ${msg}\n`);
  process.exit(2);
}

async function script(args: Args): Promise<void> {
  const text = args.file && args.file !== '-' ? readOrFail(args.file) : fs.readFileSync(0, 'utf8');
  // A transcript is one stream: stdout and stderr interleave as on a terminal.
  const write = (t: string) => process.stdout.write(t);
  const session = new Session({
    seed: args.seed,
    interactive: false,
    fs: new NodeFs(),
    cwd: process.cwd(),
    home: process.env.HOME ?? process.cwd(),
    output: { stdout: write, stderr: write },
    onExit: (status) => void (process.exitCode = status), // `exit N` ends the script with N
  });
  await runTranscript(session, text, write);
}

function readOrFail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`${file}: ${(e as Error).message}`);
  }
}

async function interactive(args: Args): Promise<void> {
  // The TTY keeps output processing in raw mode (libuv), so `\n` already returns the carriage.
  const out = (t: string) => process.stdout.write(t);
  const session = new Session({
    seed: args.seed,
    interactive: true,
    fs: new NodeFs(),
    cwd: process.cwd(),
    home: process.env.HOME ?? process.cwd(),
    output: { stdout: out, stderr: out },
    columns: () => process.stdout.columns ?? 80,
    onExit: (status) => {
      process.stdout.write('exit\n');
      quit(status);
    },
  });
  const editor = new LineEditor({ write: (t) => process.stdout.write(t), history: () => session.shell.history, complete: (l, c) => session.complete(l, c) });
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    session.tick(now - last);
    last = now;
  }, 100);
  const quit = (code: number) => {
    clearInterval(ticker);
    process.stdin.setRawMode(false);
    process.exit(code);
  };
  let pending: string[] = [];
  const promptNow = () => editor.prompt(pending.length ? '> ' : session.prompt());
  process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdout.write('StatefulSet Lab simulator. Type help, kubectl help or lab help; Ctrl-D leaves.\n');
  promptNow();
  process.stdin.on('data', async (data: string) => {
    if (session.busy) {
      // While a command runs only Ctrl-C matters (stop a watch, a sleep...).
      if (data.includes('\x03')) {
        process.stdout.write('^C\n');
        session.interrupt();
      }
      return;
    }
    for (const ev of editor.feed(data)) {
      if (ev.type === 'interrupt') {
        pending = [];
        promptNow();
      } else if (ev.type === 'eof') {
        // A container's sh just ends the line; the learner's bash says `exit` (onExit).
        if (session.prompt() !== '$ ') process.stdout.write('\n');
        await session.eof(); // the learner's shell ends through onExit
        promptNow();
      } else if (ev.type === 'line') {
        pending.push(ev.line);
        const src = pending.join('\n');
        if (needsMore(src)) {
          promptNow();
          continue;
        }
        pending = [];
        await session.run(src);
        promptNow();
      }
    }
  });
}

const args = parseArgs(process.argv.slice(2));
if (args.file !== undefined || !process.stdin.isTTY) await script(args);
else await interactive(args);
