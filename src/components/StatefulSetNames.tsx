import { useState } from 'preact/hooks';
import { isDns1035Label, isDnsLabel, statefulSetNames } from '../lib/statefulset-names.ts';
import { useTranslations, type Locale } from '../i18n/ui.ts';
import './StatefulSetNames.css';

interface Props {
  statefulSet?: string;
  service?: string;
  claimTemplate?: string;
  replicas?: number;
  locale?: Locale;
}

const MAX_REPLICAS = 6;

/** Island: type a StatefulSet's names and see the Pod, DNS and PVC names it produces. */
export default function StatefulSetNames(props: Props) {
  const t = useTranslations(props.locale);
  const [statefulSet, setStatefulSet] = useState(props.statefulSet ?? 'web');
  const [service, setService] = useState(props.service ?? 'nginx');
  const [claimTemplate, setClaimTemplate] = useState(props.claimTemplate ?? 'www');
  const [replicas, setReplicas] = useState(props.replicas ?? 3);

  const valid = isDnsLabel(statefulSet) && isDns1035Label(service) && isDnsLabel(claimTemplate);
  const rows = valid ? statefulSetNames({ statefulSet, service, claimTemplate, replicas }) : [];
  const text = (set: (v: string) => void) => (e: Event) => set((e.currentTarget as HTMLInputElement).value.trim());

  return (
    <div class="ssl-names not-content" data-island="statefulset-names">
      <fieldset>
        <legend>{t('names.legend')}</legend>
        <div class="ssl-names__fields">
          <label>
            <span>{t('names.statefulset')}</span>
            <input name="statefulset" value={statefulSet} onInput={text(setStatefulSet)} spellcheck={false} autocomplete="off" />
          </label>
          <label>
            <span>{t('names.service')}</span>
            <input name="service" value={service} onInput={text(setService)} spellcheck={false} autocomplete="off" />
          </label>
          <label>
            <span>{t('names.claim')}</span>
            <input name="claim" value={claimTemplate} onInput={text(setClaimTemplate)} spellcheck={false} autocomplete="off" />
          </label>
          <label>
            <span>{t('names.replicas')}</span>
            <input
              name="replicas"
              type="number"
              min={0}
              max={MAX_REPLICAS}
              value={replicas}
              onInput={(e) => {
                const n = Number((e.currentTarget as HTMLInputElement).value);
                setReplicas(Number.isInteger(n) ? Math.min(Math.max(n, 0), MAX_REPLICAS) : 0);
              }}
            />
          </label>
        </div>
      </fieldset>
      <div class="ssl-names__result" aria-live="polite" role="region" aria-label={t('names.result')} tabIndex={0}>
        {valid ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('names.pod')}</th>
                <th scope="col">{t('names.dns')}</th>
                <th scope="col">{t('names.pvc')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.ordinal}>
                  <td data-label={t('names.pod')}><code>{r.pod}</code></td>
                  <td data-label={t('names.dns')}><code>{r.dns}</code></td>
                  <td data-label={t('names.pvc')}><code>{r.pvc}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="ssl-names__error" role="alert">{t('names.invalid')}</p>
        )}
      </div>
    </div>
  );
}
