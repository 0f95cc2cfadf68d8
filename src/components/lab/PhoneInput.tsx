// Phones: a plain text line under the terminal (phone keyboards fight xterm), with the shell's
// history (arrows or the ↑ button) and completion (Tab or the Tab button), and the lab's commands
// as tappable suggestions. Everything it sends runs visibly in the terminal, pasted lines too.
// The chips wrap inside the panel (a long command wraps inside its chip, Lab.css) instead of
// widening the page.
import { useRef, useState } from 'preact/hooks';
import type { LabClient } from '../../lab/protocol.ts';
import { t } from '../../i18n/lab.ts';

interface Props {
  client: LabClient;
  history: string[];
  commands: string[];
  /** Runs a line in the terminal; resolves when the command is over. */
  onRun(line: string): void | Promise<void>;
}

export default function PhoneInput({ client, history, commands, onRun }: Props) {
  const [value, setValue] = useState('');
  const [choices, setChoices] = useState<string[]>([]);
  const idx = useRef(-1);
  const input = useRef<HTMLInputElement>(null);

  const send = () => {
    const line = value;
    setValue('');
    setChoices([]);
    idx.current = -1;
    if (line.trim()) onRun(line);
  };

  const completeNow = async () => {
    const el = input.current!;
    const cursor = el.selectionStart ?? value.length;
    const c = await client.complete(value, cursor);
    if (!c.items.length) return setChoices([]);
    if (c.items.length === 1) {
      const next = value.slice(0, c.start) + c.items[0] + value.slice(cursor);
      setValue(next);
      setChoices([]);
    } else setChoices(c.items.slice(0, 12).map((i) => value.slice(0, c.start) + i + value.slice(cursor)));
  };

  // A text input drops the line breaks of pasted text, so a block copied from the lesson
  // ("kubectl apply -f web.yaml" and "kubectl get pods" on two lines) became one broken command.
  // Pasted lines run as a terminal runs them: each whole line, in order, the next once the one
  // before is over; what follows the last line break stays here to be finished.
  const paste = (e: ClipboardEvent) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!/[\r\n]/.test(text)) return; // one line: the browser pastes it as usual
    e.preventDefault();
    const el = input.current!;
    const start = el.selectionStart ?? value.length;
    const end = el.selectionEnd ?? value.length;
    const lines = (value.slice(0, start) + text.replace(/\r\n?/g, '\n') + value.slice(end)).split('\n');
    const rest = lines.pop() ?? '';
    setValue(rest);
    setChoices([]);
    idx.current = -1;
    void (async () => {
      for (const line of lines) if (line.trim()) await onRun(line);
    })();
  };

  const step = (d: number) => {
    if (!history.length) return;
    let i = idx.current === -1 ? history.length : idx.current;
    i = Math.min(history.length, Math.max(0, i + d));
    idx.current = i === history.length ? -1 : i;
    setValue(i === history.length ? '' : history[i]);
  };

  return (
    <div class="ssl-phone">
      <form
        class="ssl-phone__line"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <label class="sr-only" for="ssl-phone-input">
          {t('lab.phone.command')}
        </label>
        <input
          id="ssl-phone-input"
          ref={input}
          value={value}
          autocapitalize="off"
          autocomplete="off"
          spellcheck={false}
          enterkeyhint="send"
          placeholder={t('lab.phone.placeholder')}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          onPaste={paste}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp') (e.preventDefault(), step(-1));
            else if (e.key === 'ArrowDown') (e.preventDefault(), step(1));
            else if (e.key === 'Tab' && value) (e.preventDefault(), void completeNow());
          }}
        />
        <button type="button" aria-label={t('lab.phone.complete')} onClick={() => void completeNow()}>
          {t('lab.phone.completeShort')}
        </button>
        <button type="button" aria-label={t('lab.phone.previous')} onClick={() => step(-1)}>
          {t('lab.phone.previousShort')}
        </button>
        <button type="submit">{t('lab.phone.run')}</button>
        <button type="button" title={t('lab.phone.interruptTitle')} onClick={() => void client.input('\x03')}>
          {t('lab.phone.interrupt')}
        </button>
      </form>
      {choices.length > 0 && (
        <div class="ssl-phone__choices" role="group" aria-label={t('lab.phone.completions')}>
          {choices.map((c) => (
            <button type="button" key={c} title={c} onClick={() => (setValue(c), setChoices([]), input.current?.focus())}>
              {c}
            </button>
          ))}
        </div>
      )}
      {commands.length > 0 && (
        <div class="ssl-phone__suggestions" role="group" aria-label={t('lab.phone.suggestions')}>
          {commands.map((c) => (
            <button type="button" key={c} title={c} onClick={() => onRun(c)}>
              {c}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
