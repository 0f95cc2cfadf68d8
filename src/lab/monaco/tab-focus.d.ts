// Monaco's switch for what Tab does (its public API has no typing for it): false, the editor
// indents; true, Tab and Shift+Tab move the browser's focus (what Ctrl+M toggles in VS Code).
declare module 'monaco-editor/esm/vs/editor/browser/config/tabFocus.js' {
  export const TabFocus: {
    getTabFocusMode(): boolean;
    setTabFocusMode(tabFocusMode: boolean): void;
  };
}
