// Phones: a plain text line under the terminal (phone keyboards fight xterm), with the shell's
// history (arrows) and completion (Tab or the ⇥ button), and the lab's commands as tappable
// suggestions. Everything it sends runs visibly in the terminal.
import { useRef, useState } from 'preact/hooks';
import type { LabClient } from '../../lab/protocol.ts';

interface Props {
  client: LabClient;
  history: string[];
  commands: string[];
  onRun(line: string): void;
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
          Command
        </label>
        <input
          id="ssl-phone-input"
          ref={input}
          value={value}
          autocapitalize="off"
          autocomplete="off"
          spellcheck={false}
          enterkeyhint="send"
          placeholder="Type a command"
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp') (e.preventDefault(), step(-1));
            else if (e.key === 'ArrowDown') (e.preventDefault(), step(1));
            else if (e.key === 'Tab' && value) (e.preventDefault(), void completeNow());
          }}
        />
        <button type="button" aria-label="Complete" onClick={() => void completeNow()}>
          ⇥
        </button>
        <button type="button" aria-label="Previous command" onClick={() => step(-1)}>
          ↑
        </button>
        <button type="submit">Run</button>
        <button type="button" title="Stop the running command" onClick={() => void client.input('\x03')}>
          Ctrl-C
        </button>
      </form>
      {choices.length > 0 && (
        <div class="ssl-phone__choices" role="group" aria-label="Completions">
          {choices.map((c) => (
            <button type="button" key={c} onClick={() => (setValue(c), setChoices([]), input.current?.focus())}>
              {c}
            </button>
          ))}
        </div>
      )}
      {commands.length > 0 && (
        <div class="ssl-phone__suggestions" role="group" aria-label="Suggested commands">
          {commands.map((c) => (
            <button type="button" key={c} onClick={() => onRun(c)}>
              {c}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
