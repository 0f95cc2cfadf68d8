// The lab's YAML editor: tabs for the files of the learner's working folder, Monaco with the
// Kubernetes schema (red squiggles, completion, hover docs), and an Apply button that runs
// `kubectl apply -f <file>` in the terminal. What the editor shows is what kubectl reads: edits
// are written to the working folder shortly after each change (and at once before Apply), and a
// file changed from the terminal (a here-doc, `rm`) shows up here. Each edit is also kept at once
// in localStorage (src/lab/editor-drafts.ts), so a reload before the lab stored it loses nothing.
//
// `kubectl edit` opens its temporary file (/tmp/kubectl-edit-*.yaml) here in a tab of its own,
// not part of the working folder: "Save and apply" (or Ctrl/Cmd+S in that tab) hands the text back
// to kubectl, which patches the object; "Cancel" closes it unchanged (kubectl then says "Edit
// cancelled, no changes made."). kubectl may reopen it with the API server's errors on top.
//
// Monaco (~3 MB) is imported only when this component mounts, which LabApp does when the editor
// is first shown.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EditEvent, EditRequest, EditorProps, LabFile } from '../../lab/protocol.ts';
import { Comlink } from '../../lab/client.ts';
import { draftToRestore, dropDraft, recordEdit, recordWrite } from '../../lab/editor-drafts.ts';
import './Editor.css';

type Setup = typeof import('../../lab/monaco/setup.ts');
type Monaco = Setup['monaco'];
type CodeEditor = ReturnType<Setup['createEditor']>;
type Model = ReturnType<Monaco['editor']['createModel']>;

declare global {
  interface Window {
    /** Test hook: the Monaco API once the editor is up. */
    __monaco?: Monaco;
  }
}

/** How long after the last keystroke the file is written. */
const SAVE_DELAY_MS = 300;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Tab indents in the editor; the way out (escape-then-tab.ts), shown while it has the keyboard. */
const LEAVE_HINT = 'Esc then Tab leaves the editor.';

interface Problem {
  line: number;
  message: string;
}

export default function Editor({ client, files, activeFile, onApply, draftKey, control }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [loadError, setLoadError] = useState('');
  const editor = useRef<CodeEditor | null>(null);
  const models = useRef(new Map<string, Model>());
  /** What we last wrote to (or read from) each file: a different disk content is someone else's edit. */
  const onDisk = useRef(new Map<string, string>());
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const writing = useRef(new Map<string, Promise<void>>());
  const applyingRemote = useRef(false);
  /** The lab is resetting: the files it brings back are no news to announce. */
  const resetting = useRef(false);
  const [tabs, setTabs] = useState<LabFile[]>(files);
  const [current, setCurrent] = useState<string | undefined>(activeFile ?? files[0]?.name);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'error'>('saved');
  const [creating, setCreating] = useState(false);
  const [newName, setNewName] = useState('');
  const [newError, setNewError] = useState('');
  const [notice, setNotice] = useState('');
  /** The editor has the keyboard (the way out is shown), and Escape was pressed (Tab leaves now). */
  const [focused, setFocused] = useState(false);
  const [leaving, setLeaving] = useState(false);
  /** The `kubectl edit` waiting for this editor, and whether its tab is the one shown. */
  const [edit, setEdit] = useState<EditRequest | null>(null);
  const [showEdit, setShowEdit] = useState(false);
  const editModel = useRef<Model | null>(null);
  // For the Ctrl/Cmd+S command, registered once when Monaco starts.
  const editRef = useRef<EditRequest | null>(null);
  const showEditRef = useRef(false);
  editRef.current = edit;
  showEditRef.current = showEdit && !!edit;

  // ---- load Monaco ---------------------------------------------------------------------------
  useEffect(() => {
    let live = true;
    import('../../lab/monaco/setup.ts').then(
      (m) => live && setSetup(m),
      (e) => live && setLoadError(String(e?.message ?? e)),
    );
    return () => void (live = false);
  }, []);

  useEffect(() => {
    if (!setup || !host.current) return;
    const ed = setup.createEditor(host.current, { ariaLabel: `File contents. ${LEAVE_HINT}` });
    editor.current = ed;
    window.__monaco = setup.monaco;
    document.documentElement.dataset.editorReady = 'true';
    const markers = setup.monaco.editor.onDidChangeMarkers(() => updateProblems());
    const leave = setup.escapeThenTabLeaves(setup.monaco, ed, setLeaving);
    const focus = ed.onDidFocusEditorText(() => setFocused(true));
    const blur = ed.onDidBlurEditorText(() => setFocused(false));
    ed.addCommand(setup.monaco.KeyMod.CtrlCmd | setup.monaco.KeyCode.KeyS, () => void (showEditRef.current ? finishEdit(true) : flushAll()));
    return () => {
      markers.dispose();
      leave.dispose();
      focus.dispose();
      blur.dispose();
      ed.dispose();
      for (const m of models.current.values()) m.dispose();
      models.current.clear();
      editModel.current?.dispose();
      editModel.current = null;
      editor.current = null;
      delete document.documentElement.dataset.editorReady;
    };
  }, [setup]);

  function updateProblems() {
    const ed = editor.current;
    const model = ed?.getModel();
    if (!setup || !model) return setProblems([]);
    const ms = setup.monaco.editor.getModelMarkers({ resource: model.uri }).filter((m) => m.severity >= setup.monaco.MarkerSeverity.Warning);
    setProblems(ms.map((m) => ({ line: m.startLineNumber, message: m.message })).sort((a, b) => a.line - b.line));
  }

  // ---- files: tabs follow the working folder -------------------------------------------------
  useEffect(() => setTabs(files), [files]);
  useEffect(() => {
    if (activeFile && files.some((f) => f.name === activeFile)) setCurrent(activeFile);
  }, [activeFile]);

  // The terminal may change files: re-list on every cluster change too (subscribe), and re-read
  // the open files whenever the list changes.
  useEffect(() => {
    let live = true;
    let id: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const relist = () => {
      timer ??= setTimeout(async () => {
        timer = undefined;
        try {
          const f = await client.listFiles();
          // A new array even when nothing was added: the open files are re-read (a here-doc may
          // have rewritten one without changing its size).
          if (live) setTabs(f);
        } catch {
          /* the lab is closing */
        }
      }, 200);
    };
    void client.subscribe(Comlink.proxy(relist)).then((x) => {
      if (live) id = x;
      else void client.unsubscribe(x);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      if (id !== undefined) void client.unsubscribe(id);
    };
  }, [client]);

  useEffect(() => {
    if (!tabs.length) return setCurrent(undefined);
    if (!current || !tabs.some((f) => f.name === current)) setCurrent(tabs.find((f) => /\.ya?ml$/.test(f.name))?.name ?? tabs[0].name);
  }, [tabs]);

  // Read each file we hold a model for (and the current one) when the list changes.
  useEffect(() => {
    if (!setup) return;
    let live = true;
    const names = new Set(tabs.map((f) => f.name));
    for (const [name, model] of models.current) {
      if (!names.has(name)) {
        model.dispose();
        models.current.delete(name);
        onDisk.current.delete(name);
        if (draftKey) dropDraft(draftKey, name);
      }
    }
    (async () => {
      for (const f of tabs) {
        if (!models.current.has(f.name) && f.name !== current) continue;
        if (pending.current.has(f.name) || writing.current.has(f.name)) continue; // our own edit is on its way
        let text: string;
        try {
          text = await client.readFile(f.name);
        } catch {
          continue;
        }
        if (!live) return;
        syncFromDisk(f, text);
      }
      if (!live) return;
      resetting.current = false;
      showCurrent();
    })();
    return () => void (live = false);
  }, [setup, tabs, current]);

  function syncFromDisk(f: LabFile, text: string) {
    if (!setup) return;
    const model = models.current.get(f.name);
    if (!model) {
      const m = setup.monaco.editor.createModel(text, languageOf(f.name), setup.fileUri(f.path));
      m.onDidChangeContent(() => {
        if (applyingRemote.current) return;
        if (draftKey) recordEdit(draftKey, f.name, m.getValue(), onDisk.current.get(f.name) ?? '');
        scheduleSave(f.name, m);
      });
      models.current.set(f.name, m);
      onDisk.current.set(f.name, text);
      // Edits the lab had not stored when the page went away (editor-drafts.ts): put back as
      // the learner's own edit, so they are written to the file as usual.
      const draft = draftKey ? draftToRestore(draftKey, f.name, text) : undefined;
      if (draft !== undefined) {
        m.pushEditOperations([], [{ range: m.getFullModelRange(), text: draft }], () => null);
        setNotice(`Your last changes to ${f.name} had not been saved when the page closed; they are back.`);
      }
      return;
    }
    if (text === onDisk.current.get(f.name) || text === model.getValue()) {
      onDisk.current.set(f.name, text);
      return;
    }
    // Changed outside the editor: take the new text, as one undoable edit.
    onDisk.current.set(f.name, text);
    if (draftKey) dropDraft(draftKey, f.name);
    applyingRemote.current = true;
    try {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    } finally {
      applyingRemote.current = false;
    }
    if (f.name === current && !resetting.current) setNotice(`${f.name} was changed outside the editor; showing the new contents.`);
  }

  // ---- kubectl edit -------------------------------------------------------------------------
  useEffect(() => {
    let live = true;
    let id: number | undefined;
    const onEdit = (e: EditEvent) => {
      if (!live) return;
      if (e.type === 'open') {
        setEdit(e.request);
        setShowEdit(true);
      } else {
        setEdit((cur) => (cur && cur.id === e.id ? null : cur));
      }
    };
    void client.onEdit(Comlink.proxy(onEdit)).then((x) => {
      if (live) id = x;
      else void client.offEdit(x);
    });
    // An edit that opened before this editor loaded (on phones the editor loads when shown).
    void client.pendingEdit().then((r) => r && onEdit({ type: 'open', request: r }));
    return () => {
      live = false;
      if (id !== undefined) void client.offEdit(id);
    };
  }, [client]);

  // The edit's text in a model of its own (never written to the working folder).
  useEffect(() => {
    if (!setup) return;
    const old = editModel.current;
    if (!edit) {
      if (old) {
        if (editor.current?.getModel() === old) editor.current.setModel(current ? (models.current.get(current) ?? null) : null);
        old.dispose();
        editModel.current = null;
      }
      setShowEdit(false);
      return;
    }
    const uri = setup.fileUri(edit.fileName);
    if (old && old.uri.toString() === uri.toString()) old.setValue(edit.content);
    else {
      editModel.current = setup.monaco.editor.createModel(edit.content, languageOf(edit.fileName), uri);
      if (old && editor.current?.getModel() === old) editor.current.setModel(editModel.current);
      old?.dispose();
    }
    showCurrent();
    requestAnimationFrame(() => editor.current?.focus());
  }, [setup, edit]);

  /** Save and apply (text back to kubectl) or Cancel. */
  function finishEdit(save: boolean) {
    const e = editRef.current;
    const model = editModel.current;
    if (!e) return;
    void client.finishEdit(e.id, save && model ? model.getValue() : undefined);
  }

  function showCurrent() {
    const ed = editor.current;
    if (!ed) return;
    if (showEditRef.current && editModel.current) {
      if (ed.getModel() !== editModel.current) {
        ed.setModel(editModel.current);
        ed.updateOptions({ ariaLabel: `Contents of ${editRef.current?.fileName ?? 'the file kubectl edit opened'}. ${LEAVE_HINT}` });
        updateProblems();
      }
      return;
    }
    if (!current) return;
    const model = models.current.get(current);
    if (model && ed.getModel() !== model) {
      ed.setModel(model);
      ed.updateOptions({ ariaLabel: `Contents of ${current}. ${LEAVE_HINT}` });
      updateProblems();
    }
  }
  useEffect(showCurrent, [current, setup, showEdit]);

  // ---- saving --------------------------------------------------------------------------------
  // A write still waiting for its delay when the lab resets would land after the reset and undo
  // it for that file: drop it, and forget what the file held so the next read replaces the text.
  useEffect(() => {
    if (!control) return;
    control.current = {
      discardPending() {
        resetting.current = true;
        setNotice('');
        for (const [name, t] of pending.current) {
          clearTimeout(t);
          onDisk.current.delete(name);
          if (draftKey) dropDraft(draftKey, name);
        }
        pending.current.clear();
        setSaveState('saved');
      },
    };
    return () => void (control.current = null);
  }, [control, draftKey]);

  function scheduleSave(name: string, model: Model) {
    clearTimeout(pending.current.get(name));
    setSaveState('saving');
    pending.current.set(
      name,
      setTimeout(() => {
        pending.current.delete(name);
        void write(name, model.getValue());
      }, SAVE_DELAY_MS),
    );
  }

  async function write(name: string, text: string) {
    const before = writing.current.get(name);
    const p = (async () => {
      await before;
      await client.writeFile(name, text);
      onDisk.current.set(name, text);
      if (draftKey) recordWrite(draftKey, name, text);
    })();
    writing.current.set(name, p);
    try {
      await p;
      if (!pending.current.size) setSaveState('saved');
    } catch {
      setSaveState('error');
    } finally {
      if (writing.current.get(name) === p) writing.current.delete(name);
    }
  }

  /** Writes every edit not yet written (before Apply, on Ctrl+S). */
  async function flushAll() {
    const jobs: Promise<void>[] = [];
    for (const [name, t] of pending.current) {
      clearTimeout(t);
      pending.current.delete(name);
      const model = models.current.get(name);
      if (model) jobs.push(write(name, model.getValue()));
    }
    await Promise.all([...jobs, ...writing.current.values()]);
  }

  async function apply() {
    if (!current) return;
    await flushAll();
    onApply(current);
  }

  // ---- new file -----------------------------------------------------------------------------
  async function create(e: Event) {
    e.preventDefault();
    const name = newName.trim();
    if (!NAME_RE.test(name)) return setNewError('Use letters, digits, dots, dashes and underscores, e.g. service.yaml.');
    if (tabs.some((f) => f.name === name)) return setNewError(`${name} already exists.`);
    try {
      await client.createFile(name, '');
    } catch (err) {
      return setNewError(String((err as Error)?.message ?? err));
    }
    setCreating(false);
    setNewName('');
    setNewError('');
    const f = await client.listFiles();
    setTabs(f);
    setCurrent(name);
    requestAnimationFrame(() => editor.current?.focus());
  }

  const editShown = showEdit && !!edit;

  const tabKeys = (e: KeyboardEvent) => {
    const i = tabs.findIndex((f) => f.name === current);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d || i < 0) return;
    const next = tabs[(i + d + tabs.length) % tabs.length].name;
    setCurrent(next);
    ((e.currentTarget as HTMLElement).parentElement?.querySelector(`[data-file="${CSS.escape(next)}"]`) as HTMLElement | null)?.focus();
  };

  return (
    <div class="ssl-editor" data-ready={setup ? 'true' : 'false'}>
      <div class="ssl-editor__bar">
        <div class="ssl-editor__tabs" role="tablist" aria-label="Files">
          {tabs.map((f) => (
            <button type="button" role="tab" key={f.name} data-file={f.name} aria-selected={!editShown && f.name === current} aria-controls="ssl-editor-text" tabIndex={!editShown && f.name === current ? 0 : -1} onClick={() => { setShowEdit(false); setCurrent(f.name); }} onKeyDown={tabKeys}>
              {f.name}
            </button>
          ))}
          {edit && (
            <button type="button" role="tab" key="kubectl-edit" class="ssl-editor__edit-tab" data-file={edit.fileName} aria-selected={editShown} aria-controls="ssl-editor-text" tabIndex={editShown ? 0 : -1} onClick={() => setShowEdit(true)} title={edit.fileName}>
              {edit.fileName.slice(edit.fileName.lastIndexOf('/') + 1)}
            </button>
          )}
        </div>
        {editShown ? (
          <>
            <button type="button" class="ssl-editor__cancel" onClick={() => finishEdit(false)} title="Closes the file unchanged: kubectl edit changes nothing">
              Cancel
            </button>
            <button type="button" class="ssl-editor__apply" onClick={() => finishEdit(true)} title="Hands the file back to kubectl edit, which patches the object (Ctrl+S)">
              Save and apply
            </button>
          </>
        ) : (
          <>
            <button type="button" class="ssl-editor__new" aria-expanded={creating} onClick={() => setCreating(!creating)}>
              New file
            </button>
            <button type="button" class="ssl-editor__apply" disabled={!current} onClick={() => void apply()} title={current ? `Runs kubectl apply -f ${current} in the terminal` : undefined}>
              Apply{current ? ` ${current}` : ''}
            </button>
          </>
        )}
      </div>
      {editShown && (
        <p class="ssl-editor__editing" role="status">
          <code>kubectl edit</code> is waiting for this file. Change it, then <strong>Save and apply</strong>; <strong>Cancel</strong> leaves the object as it is.
        </p>
      )}
      {creating && !editShown && (
        <form class="ssl-editor__newform" onSubmit={create}>
          <label>
            File name{' '}
            <input
              type="text"
              value={newName}
              placeholder="service.yaml"
              autoFocus
              spellcheck={false}
              autoComplete="off"
              onInput={(e) => setNewName((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => e.key === 'Escape' && setCreating(false)}
              aria-invalid={newError ? 'true' : undefined}
              aria-describedby={newError ? 'ssl-editor-newerror' : undefined}
            />
          </label>
          <button type="submit">Create</button>
          {newError && (
            <span id="ssl-editor-newerror" class="ssl-editor__error" role="alert">
              {newError}
            </span>
          )}
        </form>
      )}
      {notice && (
        <p class="ssl-editor__notice" role="status">
          {notice}{' '}
          <button type="button" onClick={() => setNotice('')}>
            OK
          </button>
        </p>
      )}
      <div class="ssl-editor__frame" id="ssl-editor-text" role="tabpanel" aria-label={editShown ? `Editing ${edit!.fileName}` : current ? `Editing ${current}` : 'No file'}>
        {/* Monaco owns this element's children; Preact never renders into it. */}
        <div class="ssl-editor__host" ref={host} data-empty={setup && !current && !editShown ? 'true' : undefined} />
        {!setup && <p class="ssl-editor__loading">{loadError ? `The editor could not load: ${loadError}` : 'Loading the editor…'}</p>}
        {setup && !current && !editShown && <p class="ssl-editor__loading">No files yet. Make one with “New file”.</p>}
      </div>
      <div class="ssl-editor__status">
        <span class="ssl-editor__problems" role="status" aria-live="polite" data-count={problems.length}>
          {problems.length === 0 ? 'No problems' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
        </span>
        {focused && (
          <span class="ssl-editor__leave" data-armed={leaving ? 'true' : 'false'}>
            {leaving ? 'Now press Tab (or Shift+Tab) to leave the editor.' : LEAVE_HINT}
          </span>
        )}
        <span class="ssl-editor__saved" data-state={saveState} hidden={editShown}>
          {saveState === 'saving' ? 'Saving…' : saveState === 'error' ? 'Not saved' : 'Saved'}
        </span>
      </div>
      {problems.length > 0 && (
        <ul class="ssl-editor__problem-list" aria-label="Problems">
          {problems.slice(0, 5).map((p, i) => (
            <li key={i}>
              <button type="button" onClick={() => reveal(p.line)}>
                Line {p.line}
              </button>{' '}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  function reveal(line: number) {
    const ed = editor.current;
    if (!ed) return;
    ed.revealLineInCenter(line);
    ed.setPosition({ lineNumber: line, column: 1 });
    ed.focus();
  }
}

function languageOf(name: string): string {
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return 'plaintext';
}
