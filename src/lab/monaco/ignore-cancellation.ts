// Monaco 0.52 sometimes leaves a promise rejected with its cancellation error unhandled when a
// model or editor goes away while work on it is pending: the lab switches the editor's model
// when `kubectl edit` opens or closes its tab (microsoft/monaco-editor#4702, #5135: a Delayer
// cancelled on dispose, setModel right after an edit). Nothing is wrong then; the error would
// only reach the console as "Uncaught (in promise) Canceled: Canceled". This keeps exactly that
// error quiet and lets every other error through.

/** Monaco's CancellationError: an Error whose name and message are both "Canceled". */
export function isMonacoCancellation(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled';
}

let installed = false;

/** Installs the filter once on `target` (the page's window). */
export function ignoreMonacoCancellation(target: Pick<Window, 'addEventListener'> = window): void {
  if (installed) return;
  installed = true;
  target.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    if (isMonacoCancellation(e.reason)) e.preventDefault();
  });
  // Monaco's own error handler rethrows unexpected errors from a timer.
  target.addEventListener('error', (e: ErrorEvent) => {
    if (isMonacoCancellation(e.error)) e.preventDefault();
  });
}
