/**
 * "Run this command in the lab": how a part of the page other than the lab (a quiz's
 * predict-the-output question) asks the lab on the same page to run a command line in its
 * terminal, without importing the lab's code (which loads lazily, or may not be on the page).
 *
 * The asker dispatches a cancelable `ssl:lab-run` window event; a lab that runs the command calls
 * `preventDefault()` on it, so the asker learns whether anyone did and can otherwise tell the
 * learner to type the command themselves.
 *
 *     // the lab, once its terminal is usable:
 *     useEffect(() => onLabRunRequest((command) => { void run(command); return true; }), [run]);
 *     // the quiz:
 *     if (!requestLabRun('kubectl get pods')) showHowToRunItByHand();
 */

/** Name of the window event carrying `{ command }` in its detail. */
export const LAB_RUN_EVENT = 'ssl:lab-run';

export interface LabRunDetail {
  /** One shell command line, as the learner would type it. */
  command: string;
}

/** The page's window; undefined outside a browser (server rendering). */
function pageWindow(): EventTarget | undefined {
  return typeof window === 'undefined' ? undefined : window;
}

/** Asks a lab on the page to run `command`; true if a lab took it. */
export function requestLabRun(command: string, target = pageWindow()): boolean {
  if (!target || typeof CustomEvent !== 'function') return false;
  const event = new CustomEvent<LabRunDetail>(LAB_RUN_EVENT, { detail: { command }, cancelable: true });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

/**
 * Lets a lab take run requests: `handler` returns true when it runs the command (the request is
 * then marked as taken). Returns an unsubscribe function.
 */
export function onLabRunRequest(handler: (command: string) => boolean, target = pageWindow()): () => void {
  if (!target) return () => {};
  const listener = (e: Event) => {
    const detail = (e as CustomEvent<Partial<LabRunDetail>>).detail;
    if (e.defaultPrevented || typeof detail?.command !== 'string' || detail.command.trim() === '') return;
    if (handler(detail.command)) e.preventDefault();
  };
  target.addEventListener(LAB_RUN_EVENT, listener);
  return () => target.removeEventListener(LAB_RUN_EVENT, listener);
}
