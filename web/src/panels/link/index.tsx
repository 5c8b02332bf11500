/** Link calculator page (issue 8): POST /telecom/link with the `sahelsat link budget` input JSON. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import { ErrorBox } from '../../panel-kit/ui.js';
import { AvailabilityMap } from './availability-map.js';
import {
  DEFAULT_FIELDS,
  FieldError,
  buildLinkConfig,
  resultsOf,
  type Fields,
  type LinkResult,
} from './input.js';

const STATION_FIELDS: Array<[string, string]> = [
  ['latitudeDeg', 'link.lat'],
  ['longitudeDeg', 'link.lon'],
  ['altitudeM', 'link.alt'],
  ['antennaDiameterM', 'link.dish'],
  ['efficiency', 'link.eff'],
  ['tauDeg', 'link.tau'],
  ['pointingLossDb', 'link.pointing'],
];
const CLIMATE_FIELDS: Array<[string, string]> = [
  ['r001MmH', 'link.r001'],
  ['rainHeightKm', 'link.hr'],
  ['temperatureK', 'link.temp'],
  ['waterVapourDensityGm3', 'link.rho'],
  ['vtKgM2', 'link.vt'],
  ['pressureHpa', 'link.press'],
  ['nWet', 'link.nwet'],
  ['cloudLiquidKgM2', 'link.lwc'],
];
const LINK_FIELDS: Array<[string, string]> = [
  ['uplinkFrequencyGhz', 'link.upF'],
  ['downlinkFrequencyGhz', 'link.downF'],
  ['uplinkEirpDbw', 'link.upEirp'],
  ['satelliteGtDbK', 'link.satGt'],
  ['satelliteEirpDbw', 'link.satEirp'],
  ['receiverGtDbK', 'link.rxGt'],
  ['receiverSystemNoiseK', 'link.rxT'],
  ['carrierToInterferenceDb', 'link.ci'],
  ['symbolRateMbd', 'link.rs'],
  ['rolloff', 'link.rolloff'],
  ['modcod', 'link.modcod'],
  ['implementationMarginDb', 'link.impl'],
  ['availabilityPercent', 'link.avail'],
];

const f = (v: number | undefined | null, d = 2) =>
  v === undefined || v === null || !Number.isFinite(v) ? '—' : v.toFixed(d);

function Field(p: {
  ctx: AppContext;
  path: string;
  label: string;
  fields: Fields;
  set(path: string, v: string): void;
  bad: string | null;
}) {
  const id = `link-${p.path.replace(/\./g, '-')}`;
  return (
    <div class="field">
      <label for={id}>{p.ctx.t(p.label)}</label>
      <input
        id={id}
        value={p.fields[p.path] ?? ''}
        inputMode={p.path === 'name' || p.path === 'modcod' ? 'text' : 'decimal'}
        aria-invalid={p.bad === p.path}
        onInput={(e) => p.set(p.path, (e.target as HTMLInputElement).value)}
      />
    </div>
  );
}

function Result(p: { ctx: AppContext; r: LinkResult }) {
  const { ctx, r } = p;
  const b = r.budget;
  const rows: Array<[string, string]> = [
    ['link.r.p', f(b.pPercent, 3)],
    ['link.r.limiting', ctx.t(`link.hop.${b.limitingHop}`)],
    ['link.r.upEl', f(b.uplink.elevationDeg)],
    ['link.r.upFsl', f(b.uplink.freeSpaceLossDb)],
    ['link.r.upAtm', f(b.uplink.atmosphericDb)],
    ['link.r.upCn0', f(b.uplink.cN0DbHz)],
    ['link.r.downEl', f(b.downlink.elevationDeg)],
    ['link.r.downFsl', f(b.downlink.freeSpaceLossDb)],
    ['link.r.downAtm', f(b.downlink.atmosphericDb)],
    ['link.r.downGt', f(b.downlink.gtDbK)],
    ['link.r.downCn0', f(b.downlink.cN0DbHz)],
    ['link.r.ci0', f(b.cI0DbHz)],
    ['link.r.totalCn0', f(b.totalCn0DbHz)],
    ['link.r.cn', f(b.cnDb)],
    ['link.r.esn0', f(b.esN0Db)],
    ['link.r.ebn0', f(b.ebN0Db)],
    ['link.r.modcod', b.modcod?.name ?? '—'],
    ['link.r.reqEsn0', f(b.requiredEsN0Db)],
    ['link.r.margin', f(b.marginDb)],
    ['link.r.rate', f(b.informationRateMbps)],
    ['link.r.avail', f(r.acm.availabilityPercent, 3)],
    ['link.r.throughput', f(r.acm.meanThroughputMbps)],
  ];
  return (
    <section class="link-result" data-testid="link-result">
      <h3>{ctx.t('link.result', { name: b.name })}</h3>
      <table class="table">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{ctx.t(k)}</th>
              <td data-testid={k}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.acm.modcodShare.length > 0 && (
        <table class="table">
          <caption>{ctx.t('link.share')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('link.col.modcod')}</th>
              <th scope="col">{ctx.t('link.col.share')}</th>
            </tr>
          </thead>
          <tbody>
            {r.acm.modcodShare.map((s) => (
              <tr key={s.modcod}>
                <td>{s.modcod}</td>
                <td>{(s.fraction * 100).toFixed(2)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LinkPanel({ ctx }: { ctx: AppContext }) {
  const [fields, setFields] = useState<Fields>(DEFAULT_FIELDS);
  const [json, setJson] = useState<string | null>(null);
  const [bad, setBad] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<LinkResult[]>([]);
  const out = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (results.length > 0) out.current?.scrollIntoView({ block: 'start' });
  }, [results]);
  const set = (path: string, v: string) => setFields((old) => ({ ...old, [path]: v }));

  /** The configuration of the form or the JSON, or null after showing what is wrong. */
  const config = (): unknown => {
    setLocalError(null);
    setBad(null);
    try {
      return json !== null ? JSON.parse(json) : buildLinkConfig(fields);
    } catch (e) {
      if (e instanceof FieldError) setBad(e.field);
      setLocalError(ctx.t('link.jsonError', { message: (e as Error).message }));
      return null;
    }
  };
  /** The first link of the configuration (the one the availability map is drawn for). */
  const firstLink = (): Record<string, unknown> | null => {
    const c = config() as { links?: unknown } | null;
    if (c === null) return null;
    const l = Array.isArray(c.links) ? (c.links[0] as unknown) : null;
    if (l && typeof l === 'object') return l as Record<string, unknown>;
    setLocalError(ctx.t('link.map.noLink'));
    return null;
  };

  const compute = async () => {
    setError(null);
    const body = config();
    if (body === null) return;
    setBusy(true);
    try {
      setResults(resultsOf(await ctx.api.post<unknown>('/telecom/link', body)));
    } catch (e) {
      setError(e);
      setResults([]);
    } finally {
      setBusy(false);
    }
  };

  const station = (who: 'transmitter' | 'receiver', legend: string) => (
    <fieldset>
      <legend>{ctx.t(legend)}</legend>
      {STATION_FIELDS.map(([k, l]) => (
        <Field
          key={k}
          ctx={ctx}
          path={`${who}.${k}`}
          label={l}
          fields={fields}
          set={set}
          bad={bad}
        />
      ))}
      <details>
        <summary>{ctx.t('link.climate')}</summary>
        {CLIMATE_FIELDS.map(([k, l]) => (
          <Field
            key={k}
            ctx={ctx}
            path={`${who}.climate.${k}`}
            label={l}
            fields={fields}
            set={set}
            bad={bad}
          />
        ))}
      </details>
    </fieldset>
  );

  return (
    <div class="panel link-panel">
      <p>{ctx.t('link.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void compute();
        }}
      >
        {json === null ? (
          <>
            <Field ctx={ctx} path="name" label="link.name" fields={fields} set={set} bad={bad} />
            <Field
              ctx={ctx}
              path="satelliteLongitudeDeg"
              label="link.satLon"
              fields={fields}
              set={set}
              bad={bad}
            />
            {station('transmitter', 'link.tx')}
            {station('receiver', 'link.rx')}
            <fieldset>
              {LINK_FIELDS.map(([k, l]) => (
                <Field key={k} ctx={ctx} path={k} label={l} fields={fields} set={set} bad={bad} />
              ))}
              <div class="field">
                <label for="link-standard">{ctx.t('link.standard')}</label>
                <select
                  id="link-standard"
                  value={fields.standard}
                  onChange={(e) => set('standard', (e.target as HTMLSelectElement).value)}
                >
                  <option value="DVB-S2">DVB-S2</option>
                  <option value="DVB-S2X">DVB-S2X</option>
                </select>
              </div>
            </fieldset>
            <button
              type="button"
              onClick={() => {
                try {
                  setJson(JSON.stringify(buildLinkConfig(fields), null, 2));
                } catch {
                  setJson(JSON.stringify({ links: [] }, null, 2));
                }
              }}
            >
              {ctx.t('link.json')}
            </button>
          </>
        ) : (
          <>
            <textarea
              rows={24}
              cols={60}
              value={json}
              aria-label={ctx.t('link.json')}
              onInput={(e) => setJson((e.target as HTMLTextAreaElement).value)}
            />
            <button type="button" onClick={() => setJson(null)}>
              {ctx.t('link.form')}
            </button>
          </>
        )}{' '}
        <button type="submit" disabled={busy} data-testid="link-compute">
          {busy ? ctx.t('link.common.loading') : ctx.t('link.compute')}
        </button>
      </form>
      {localError && (
        <p class="panel-error" role="alert">
          {localError}
        </p>
      )}
      <ErrorBox ns="link" ctx={ctx} error={error} testid="link-error" />
      <div ref={out}>
        {results.map((r, i) => (
          <Result key={i} ctx={ctx} r={r} />
        ))}
      </div>
      <AvailabilityMap ctx={ctx} link={firstLink} />
    </div>
  );
}

export const panel: Panel = {
  id: 'link',
  titleKey: 'link.title',
  visible: () => true,
  Component: LinkPanel,
};
