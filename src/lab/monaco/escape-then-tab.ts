// Escape, then Tab (or Shift+Tab), leaves the editor, as it leaves the lab's terminal
// (Terminal.tsx) and as in CodeMirror: Tab alone indents, so a keyboard user had no way out
// other than Monaco's hidden Ctrl+M (WCAG 2.1.2 No Keyboard Trap). Escape turns on Monaco's own
// tab-focus mode for the next key only; Escape still closes the suggestion and hover widgets.
import { TabFocus } from 'monaco-editor/esm/vs/editor/browser/config/tabFocus.js';
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';

/** Calls `onArmed(true)` after Escape (the next Tab leaves), `onArmed(false)` when that is over. */
export function escapeThenTabLeaves(monaco: typeof Monaco, editor: Monaco.editor.IStandaloneCodeEditor, onArmed: (armed: boolean) => void): Monaco.IDisposable {
  const { KeyCode } = monaco;
  let armed = false;
  const set = (on: boolean) => {
    if (armed === on) return;
    armed = on;
    TabFocus.setTabFocusMode(on);
    onArmed(on);
  };
  const modifiers = new Set([KeyCode.Shift, KeyCode.Ctrl, KeyCode.Alt, KeyCode.Meta]);
  const keys = editor.onKeyDown((e) => {
    if (e.keyCode === KeyCode.Escape) set(true);
    else if (e.keyCode === KeyCode.Tab || modifiers.has(e.keyCode)) return; // Tab: the browser moves the focus, and blur ends it
    else set(false);
  });
  const blur = editor.onDidBlurEditorText(() => set(false));
  return {
    dispose() {
      keys.dispose();
      blur.dispose();
      set(false);
    },
  };
}
