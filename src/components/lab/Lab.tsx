// The lab island. Lessons embed it as <Lab lab="what-is-a-statefulset" client:visible /> (or
// through LabPanel.astro, which checks lab.yaml at build time and passes it as `def`).
// This file is all the page loads before the lab opens: a placeholder of the panel's size. When
// it hydrates (client:visible: near the screen, see LabPanel.astro) it starts the worker and
// imports the rest (LabApp: terminal, controls) with a dynamic import, both at once. The
// performance marks (lab:hydrate here, lab:app … lab:prompt in LabApp) show in the browser's
// performance panel where the time to a usable prompt goes.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { LabDefinition } from '../../lab/protocol.ts';
import type { OpenedLab } from '../../lab/client.ts';
import { t } from '../../i18n/lab.ts';
import './Lab.css';

export interface LabProps {
  /** The lesson folder whose lab.yaml this is (also the progress key). */
  lab: string;
  /** The checked lab.yaml; loaded lazily from content/<lab>/lab.yaml when absent. */
  def?: LabDefinition;
  title?: string;
}

export default function Lab(props: LabProps) {
  const [App, setApp] = useState<ComponentType<LabProps & { openedAt: number; opened: Promise<OpenedLab> }> | null>(null);
  const [error, setError] = useState('');
  const [openedAt] = useState(() => performance.mark('lab:hydrate').startTime);

  const [opened, setOpened] = useState<Promise<OpenedLab> | null>(null);

  useEffect(() => {
    let live = true;
    // The worker starts loading at once, in parallel with the panel's code (LabApp, xterm).
    setOpened(import('../../lab/client.ts').then((m) => m.openLab()));
    import('./LabApp.tsx').then(
      (m) => live && setApp(() => m.default),
      (e) => live && setError(String(e?.message ?? e)),
    );
    return () => void (live = false);
  }, []);

  if (App && opened) return <App {...props} openedAt={openedAt} opened={opened} />;
  return (
    <section class="ssl-lab ssl-lab--placeholder not-content" aria-label={t('lab.region', { title: props.def?.title ?? props.title ?? props.lab })} aria-busy={error ? undefined : 'true'}>
      {error ? (
        <>
          <p class="ssl-lab__error" role="alert">
            {t('lab.loadFailed', { error })}
          </p>
          <button type="button" class="ssl-lab__retry" onClick={() => location.reload()}>
            {t('lab.retry')}
          </button>
        </>
      ) : (
        <p class="ssl-lab__loading">{t('lab.starting')}</p>
      )}
    </section>
  );
}
