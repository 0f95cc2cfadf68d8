// The lab's terminal: xterm.js with fit and web-links, screen-reader mode on, following
// Starlight's light/dark theme (html[data-theme]), resizing with its panel. Keys go to the worker
// raw (its line editor does history, Tab and Ctrl-C); output comes back through a comlink proxy.
// Loaded only inside LabApp (after the lab opens), so xterm never weighs on a lesson page.
// xterm is set up while the worker is still starting (client null), so the prompt can show the
// moment the worker is ready: that overlap is a good part of the time to a usable prompt.
// On a phone the panel fits only ~45 columns (the lesson column on a 1280 px screen ~70), and
// kubectl's wide tables (`get pods -o wide` is 103 columns) would wrap into a mess; so a terminal
// with room for fewer than MIN_COLS columns keeps MIN_COLS columns and scrolls
// sideways inside its own frame (xterm has no horizontal scrolling of its own; its maintainers'
// advice is a scrollable container around it, xtermjs/xterm.js#2544), following the caret.
// "Wrap long lines" switches back to fitting the screen.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Terminal as XTerm, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import * as Comlink from 'comlink';
import type { LabClient } from '../../lab/protocol.ts';
import { t } from '../../i18n/lab.ts';

const DARK: ITheme = {
  background: '#17181c',
  foreground: '#e6e6e6',
  cursor: '#e6e6e6',
  selectionBackground: '#44475a',
  black: '#17181c',
  brightBlack: '#8b8b95',
  green: '#7ee787',
  red: '#ff7b72',
  yellow: '#e3b341',
  blue: '#79c0ff',
  cyan: '#56d4dd',
  magenta: '#d2a8ff',
};
const LIGHT: ITheme = {
  background: '#fbfbfc',
  foreground: '#1f2328',
  cursor: '#1f2328',
  selectionBackground: '#b6d3f5',
  black: '#1f2328',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightWhite: '#8c959f',
  green: '#116329',
  red: '#b3261e',
  yellow: '#7d4e00',
  blue: '#0550ae',
  cyan: '#1b7c83',
  magenta: '#8250df',
};

/**
 * The fewest columns the terminal has unless the reader asks for wrapping (it scrolls sideways
 * when its frame is narrower): room for `kubectl get pods -o wide` (103 with the lab's names)
 * and most `describe` lines.
 */
export const MIN_COLS = 120;

export function currentTheme(): 'light' | 'dark' {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

export interface TerminalHandle {
  term: XTerm;
  /** The terminal's text as shown (for tests and the copy-all button). */
  text(): string;
  fit(): void;
  focus(): void;
}

interface Props {
  /** null while the worker starts: the terminal shows that it is starting. */
  client: LabClient | null;
  onReady(handle: TerminalHandle): void;
  /** The learner pressed Enter (a command line went to the shell). */
  onLine?(): void;
}

export default function Terminal({ client, onReady, onLine }: Props) {
  const frame = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  /** The frame is narrower than MIN_COLS columns: offer the choice between scrolling and wrapping. */
  const [narrow, setNarrow] = useState(false);
  const [wrap, setWrap] = useState(false);
  /** Escape was pressed in the terminal: the next Tab leaves it (the hint says so). */
  const [escaped, setEscaped] = useState(false);
  /** The hint under the terminal, also its input's accessible description. */
  const leaveHintId = useId();
  const wrapRef = useRef(wrap);
  wrapRef.current = wrap;
  const made = useRef<{ term: XTerm; handle: TerminalHandle } | null>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  const line = useRef(onLine);
  line.current = onLine;

  useEffect(() => {
    const el = host.current!;
    const box = frame.current!;
    const term = new XTerm({
      screenReaderMode: true,
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: matchMedia('(max-width: 50rem)').matches ? 12 : 14,
      scrollback: 5000,
      theme: currentTheme() === 'light' ? LIGHT : DARK,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener')));
    term.open(el);
    term.textarea?.setAttribute('aria-label', t('lab.terminal.input'));
    term.textarea?.setAttribute('aria-describedby', leaveHintId);

    // Tab belongs to the shell (completion), so Tab alone can never leave the terminal: a
    // keyboard trap (WCAG 2.1.2). As in CodeMirror, Escape then Tab (or Shift+Tab) moves the focus
    // on, and the hint under the terminal says so. Escape is kept from the shell: its line editor
    // has no use for a lone Escape and would hold the next keys back waiting for a sequence.
    let escaped = false;
    // Escape, then a click elsewhere: coming back, Tab completes again.
    const blur = () => {
      escaped = false;
      setEscaped(false);
    };
    term.textarea?.addEventListener('blur', blur);
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      if (e.key === 'Escape') {
        escaped = true;
        setEscaped(true);
        return false;
      }
      if (escaped && e.key === 'Tab') {
        escaped = false;
        setEscaped(false);
        return false; // xterm leaves the event alone: the browser moves the focus
      }
      if (!['Shift', 'Control', 'Alt', 'Meta'].includes(e.key) && escaped) {
        escaped = false;
        setEscaped(false);
      }
      // Copy with Ctrl/Cmd+C when text is selected (otherwise Ctrl+C interrupts); paste with
      // Ctrl/Cmd+V goes through the browser's paste event, which xterm turns into input.
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'c' && term.hasSelection()) {
        void navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
        term.clearSelection();
        return false;
      }
      if (mod && key === 'v') return false;
      if (mod && e.shiftKey && key === 'c') return false;
      return true;
    });

    // One cell's width in CSS pixels, from the drawn screen (xterm's own measure is private).
    const cellWidth = () => {
      const screen = term.element?.querySelector<HTMLElement>('.xterm-screen');
      return screen && term.cols ? screen.getBoundingClientRect().width / term.cols : 0;
    };
    // Keeps the caret in the frame's view when the terminal is wider than its frame (typing,
    // and the prompt after wide output, which brings the view back to the left edge).
    const showCaret = () => {
      if (box.scrollWidth <= box.clientWidth) return;
      const w = cellWidth();
      const x = term.buffer.active.cursorX * w;
      const left = box.scrollLeft;
      if (x < left + w) box.scrollLeft = Math.max(0, x - box.clientWidth / 2);
      else if (x > left + box.clientWidth - 2 * w) box.scrollLeft = x - box.clientWidth + 4 * w;
    };
    const safeFit = () => {
      try {
        if (box.clientWidth <= 0 || box.clientHeight <= 0) return;
        // Measure at the frame's width first: does it hold MIN_COLS columns? (That narrows the
        // screen for a moment, which loses the frame's sideways position: keep it.)
        const scrolled = box.scrollLeft;
        el.style.width = '';
        const fits = fit.proposeDimensions();
        if (!fits) return;
        const short = fits.cols < MIN_COLS;
        setNarrow(short);
        if (!short || wrapRef.current) {
          fit.fit();
          return;
        }
        // Widen the screen by the missing columns; the frame scrolls sideways.
        const w = cellWidth();
        if (!w) return fit.fit();
        el.style.width = `${Math.ceil(el.clientWidth + (MIN_COLS - fits.cols) * w) + 1}px`;
        // Rows again: a horizontal scrollbar (desktop browsers) takes height from the frame.
        const rows = fit.proposeDimensions()?.rows ?? fits.rows;
        if (term.cols !== MIN_COLS || term.rows !== rows) term.resize(MIN_COLS, rows);
        box.scrollLeft = scrolled;
        showCaret();
      } catch {
        // not laid out yet
      }
    };
    safeFit();
    term.write(`\x1b[2m${t('lab.simulatorStarting')}\x1b[0m`);
    const ro = new ResizeObserver(() => safeFit());
    ro.observe(box);
    const caret = term.onCursorMove(showCaret);
    // The size on the frame, for the browser tests (the page has no other way to read it).
    const showSize = () => Object.assign(box.dataset, { cols: String(term.cols), rows: String(term.rows) });
    const size = term.onResize(showSize);
    showSize();
    const mo = new MutationObserver(() => (term.options.theme = currentTheme() === 'light' ? LIGHT : DARK));
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    const handle: TerminalHandle = {
      term,
      fit: safeFit,
      focus: () => term.focus(),
      text: () => {
        const b = term.buffer.active;
        const lines: string[] = [];
        for (let i = 0; i < b.length; i++) {
          const line = b.getLine(i);
          const t = line?.translateToString(true) ?? '';
          // A soft-wrapped row continues the previous line.
          if (line?.isWrapped && lines.length) lines[lines.length - 1] += t;
          else lines.push(t);
        }
        return lines.join('\n').replace(/\n+$/, '');
      },
    };
    made.current = { term, handle };

    return () => {
      made.current = null;
      term.textarea?.removeEventListener('blur', blur);
      ro.disconnect();
      mo.disconnect();
      caret.dispose();
      size.dispose();
      term.dispose();
    };
  }, []);

  // The worker is ready: keys go to it, and it prints the banner (or the restored screen) and the prompt.
  useEffect(() => {
    const m = made.current;
    if (!client || !m) return;
    const { term, handle } = m;
    const data = term.onData((d) => {
      const p = client.input(d);
      if (d.includes('\r')) void p.then(() => line.current?.());
    });
    const resize = term.onResize(({ cols, rows }) => void client.resize(cols, rows));
    term.write('\r\x1b[2K'); // clears "Starting the simulator…"
    let live = true;
    void client.attachTerminal(Comlink.proxy({ write: (text: string) => term.write(text) }), term.cols).then(() => live && ready.current(handle));
    return () => {
      live = false;
      data.dispose();
      resize.dispose();
    };
  }, [client]);

  // Switching between wrapping and scrolling refits (xterm reflows the wrapped lines).
  useEffect(() => {
    made.current?.handle.fit();
  }, [wrap]);

  return (
    <>
      {narrow && (
        <div class="ssl-term__bar">
          <button type="button" aria-pressed={wrap} title={t('lab.terminal.wrapTitle')} onClick={() => setWrap((w) => !w)}>
            {t('lab.terminal.wrap')}
          </button>
        </div>
      )}
      <div class="ssl-term" ref={frame}>
        <div class="ssl-term__screen" ref={host} />
      </div>
      <p class="ssl-term__leave" id={leaveHintId} data-armed={escaped ? 'true' : 'false'}>
        {escaped ? t('lab.terminal.leaveArmed') : t('lab.terminal.leave')}
      </p>
    </>
  );
}
