// `lab`: what happens outside Kubernetes, as text a lesson can show and a script can replay:
// machines failing and coming back, and the virtual clock.
import type { Command, Services } from './types.ts';

const HELP = `lab: control what is outside Kubernetes in this lab

  lab node stop NODE     power the machine off (kubelet and containers stop)
  lab node cut NODE      cut its network: it keeps running but the control plane cannot reach it
  lab node start NODE    power on / reconnect
  lab nodes              each machine's state
  lab time               the virtual clock and its speed
  lab time +5m           move time forward now (+30s, +2m, +1h)
  lab time next          jump to the next scheduled change
  lab time pause|resume  stop or restart the clock
  lab time speed 10      run the clock 10x faster than real time
  lab reset              start the lab again from its initial state
  lab help               this text
`;

/** `+5m`, `30s`, `1h30m`, `90` (seconds) → ms; undefined when malformed. */
export function parseDuration(s: string): number | undefined {
  const t = s.replace(/^\+/, '');
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s|d)/gy;
  let ms = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's']!;
    matched = re.lastIndex;
  }
  return matched === t.length && t.length ? Math.round(ms) : undefined;
}

/** kubectl-style short duration (`45s`, `3m12s`, `1h5m`) for what the clock did. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60) ? `${Math.floor((s % 3600) / 60)}m` : ''}`;
}

function clockLine(services: Services): string {
  const st = services.lab.state();
  const at = new Date(st.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!services.interactive) return `time: ${at} (in a script, time moves with sleep and waits)`;
  return `time: ${at} (${st.paused ? 'paused' : `running at ${st.speed}x`})`;
}

export const labCommand: Command = async (io, services) => {
  const [, group, op, arg] = io.argv;
  const fail = (msg: string) => {
    io.stderr(`lab: ${msg}\nRun 'lab help' for usage.\n`);
    return 1;
  };
  try {
    switch (group) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return 0;
      case 'nodes': {
        const nodes = services.api.list('nodes').items.map((n) => n.metadata.name!);
        for (const n of nodes) io.stdout(`${n.padEnd(24)} ${services.runtime.nodeState(n) ?? 'unknown'}\n`);
        return 0;
      }
      case 'node': {
        if (!op || !['stop', 'cut', 'start'].includes(op)) return fail(`node needs stop, cut or start, e.g. 'lab node stop minikube-m02'`);
        if (!arg) return fail(`which node? e.g. 'lab node ${op} minikube-m02'`);
        const state = services.runtime.nodeState(arg);
        if (state === undefined) return fail(`node "${arg}" not found`);
        if (op === 'stop') {
          services.lab.nodeStop(arg);
          io.stdout(`node ${arg}: powered off\n`);
        } else if (op === 'cut') {
          services.lab.nodeCut(arg);
          io.stdout(`node ${arg}: network cut (still running, unreachable)\n`);
        } else {
          services.lab.nodeStart(arg);
          io.stdout(`node ${arg}: ${state === 'cut' ? 'reconnected' : state === 'running' ? 'already running' : 'powered on'}\n`);
        }
        return 0;
      }
      case 'time': {
        if (op === undefined) {
          io.stdout(clockLine(services) + '\n');
          return 0;
        }
        if (op === 'pause') services.lab.pause();
        else if (op === 'resume') services.lab.resume();
        else if (op === 'speed') {
          const f = Number(arg);
          if (!arg || !Number.isFinite(f) || f <= 0 || f > 10_000) return fail(`speed needs a factor between 0 and 10000, e.g. 'lab time speed 10'`);
          services.lab.speed(f);
        } else if (op === 'next') {
          const skipped = services.lab.skipToNext();
          io.stdout(skipped ? `time: +${formatDuration(skipped)} to the next scheduled change\n` : 'time: nothing is scheduled\n');
        } else {
          const ms = parseDuration(op);
          if (ms === undefined || !op.startsWith('+')) return fail(`unknown time operation '${op}' (try +30s, +5m, next, pause, resume, speed N)`);
          services.lab.advance(ms);
          io.stdout(`time: +${formatDuration(ms)}\n`);
        }
        io.stdout(clockLine(services) + '\n');
        return 0;
      }
      case 'reset':
        services.lab.reset();
        io.stdout('lab: reset to the initial state\n');
        return 0;
      default:
        return fail(`unknown command '${group}'`);
    }
  } catch (e) {
    io.stderr(`lab: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
};
