/** The new-request form: area (drawn or picked), fields, feasibility first, then create + submit. */
import type { Geometry } from 'geojson';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppContext } from '../../app/context.js';
import type { Feasibility, RequestDto, SensorType, Releasability } from '../../panel-kit/dto.js';
import { ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';
import { loadAreas } from './areas.js';
import { DRAFT_OVERLAY, startDrawing, type DrawHandle } from './draw-tool.js';
import { bboxOf, draftPolygon, type DraftProblem } from './polygon.js';
import { FeasibilityView } from './FeasibilityView.js';

/** `datetime-local` value (read as UTC) of an instant. */
function toInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}
function fromInput(v: string): number {
  return Date.parse(`${v}:00Z`);
}

export function RequestForm(p: { ctx: AppContext; onCreated(r: RequestDto): void }) {
  const { ctx } = p;
  const t0 = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000;
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState(3);
  const [start, setStart] = useState(toInput(t0));
  const [end, setEnd] = useState(toInput(t0 + 3 * 86_400_000));
  const [sensorType, setSensor] = useState<SensorType>('any');
  const [releasability, setRel] = useState<Releasability>('alliance');
  const [aoi, setAoi] = useState<{ geometry: Geometry; label: string } | null>(null);
  const [picked, setPicked] = useState('');
  const [drawing, setDrawing] = useState<{ n: number; problem: DraftProblem } | null>(null);
  const handle = useRef<DrawHandle | null>(null);
  const [feas, setFeas] = useState<{
    answer: Feasibility | null;
    error: unknown;
    key: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const areas = useLoad(() => loadAreas(ctx), [ctx.lang.value]);

  useEffect(
    () => () => {
      handle.current?.stop();
      ctx.clearOverlay(DRAFT_OVERLAY);
    },
    [],
  );

  const startMs = fromInput(start);
  const endMs = fromInput(end);
  const valid =
    title.trim() !== '' &&
    aoi !== null &&
    Number.isFinite(startMs) &&
    Number.isFinite(endMs) &&
    endMs > startMs;
  const win = valid
    ? { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() }
    : null;
  const key = JSON.stringify([aoi?.geometry, win, sensorType, priority]);
  const feasFresh = feas !== null && feas.key === key;

  const draw = () => {
    handle.current?.stop();
    setPicked('');
    setAoi(null);
    setDrawing({ n: 0, problem: null });
    handle.current = startDrawing(ctx, {
      onChange: (d, problem) => setDrawing({ n: d.vertices.length, problem }),
      onDone: (d) => {
        setDrawing(null);
        handle.current = null;
        setAoi({
          geometry: draftPolygon(d),
          label: ctx.t('requests.area.drawn', { n: d.vertices.length }),
        });
      },
      onCancel: () => {
        setDrawing(null);
        handle.current = null;
      },
    });
  };

  const pick = (value: string) => {
    setPicked(value);
    handle.current?.stop();
    setDrawing(null);
    const a = areas.data?.areas.find((x) => x.value === value);
    if (!a) {
      setAoi(null);
      ctx.clearOverlay(DRAFT_OVERLAY);
      return;
    }
    setAoi({ geometry: a.geometry, label: ctx.t('requests.area.picked', { name: a.name }) });
    ctx.setOverlay(
      DRAFT_OVERLAY,
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { label: a.name }, geometry: a.geometry }],
      },
      { fill: '#d9480f', line: '#d9480f', circle: '#d9480f', label: '#eef3f6' },
    );
    const bb = bboxOf((a.geometry as { coordinates?: unknown }).coordinates);
    if (bb)
      ctx.fitBounds(bb[0] === bb[2] ? [bb[0] - 0.3, bb[1] - 0.3, bb[2] + 0.3, bb[3] + 0.3] : bb);
  };

  const checkFeasibility = async () => {
    if (!valid || !aoi || !win) return;
    setBusy(true);
    try {
      const answer = await ctx.api.post<Feasibility>('/feasibility', {
        aoi: aoi.geometry,
        window: win,
        sensorType,
        priority,
      });
      setFeas({ answer, error: null, key });
    } catch (e) {
      setFeas({ answer: null, error: e, key });
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!valid || !aoi || !win) return;
    setBusy(true);
    setError(null);
    try {
      const created = await ctx.api.post<RequestDto>('/requests', {
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        aoi: aoi.geometry,
        priority,
        window: win,
        sensorType,
        releasability,
      });
      const submitted = await ctx.api.post<RequestDto>(
        `/requests/${encodeURIComponent(created.id)}/transitions`,
        { to: 'submitted' },
      );
      setDone(ctx.t('requests.submitted', { title: submitted.title }));
      p.onCreated(submitted);
      setTitle('');
      setDescription('');
      setAoi(null);
      setPicked('');
      setFeas(null);
      ctx.clearOverlay(DRAFT_OVERLAY);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const groups = ['aois', 'regions', 'border-strips', 'towns'] as const;
  return (
    <form
      class="request-form"
      data-testid="request-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{ctx.t('requests.new')}</h3>
      <fieldset>
        <legend>{ctx.t('requests.area')}</legend>
        <p data-testid="request-area">{aoi ? aoi.label : ctx.t('requests.area.none')}</p>
        {drawing ? (
          <div role="status" data-testid="draw-status">
            <p>{ctx.t('requests.draw.help')}</p>
            <p>{ctx.t('requests.draw.count', { n: drawing.n })}</p>
            {drawing.problem && <p class="panel-error">{ctx.t(drawing.problem)}</p>}
            <button type="button" onClick={() => handle.current?.finish()}>
              {ctx.t('requests.draw.finish')}
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                handle.current?.stop();
                handle.current = null;
                setDrawing(null);
                ctx.clearOverlay(DRAFT_OVERLAY);
              }}
            >
              {ctx.t('requests.draw.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" data-testid="draw-start" onClick={draw}>
            {ctx.t('requests.draw.start')}
          </button>
        )}
        <label>
          {ctx.t('requests.pick.label')}{' '}
          <select
            value={picked}
            data-testid="area-pick"
            onChange={(e) => pick((e.target as HTMLSelectElement).value)}
          >
            <option value="">{ctx.t('requests.pick.placeholder')}</option>
            {groups.map((g) => {
              const items = areas.data?.areas.filter((a) => a.group === g) ?? [];
              return items.length === 0 ? null : (
                <optgroup key={g} label={ctx.t(`requests.pick.${g}`)}>
                  {items.map((a) => (
                    <option key={a.value} value={a.value}>
                      {a.name}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </label>
        <ErrorBox ns="requests" ctx={ctx} error={areas.error ?? areas.data?.errors[0]} />
      </fieldset>
      <label>
        {ctx.t('requests.field.title')}
        <input
          required
          maxLength={200}
          value={title}
          data-testid="request-title"
          onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {ctx.t('requests.field.description')}
        <textarea
          maxLength={5000}
          value={description}
          onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <label>
        {ctx.t('requests.field.priority')}
        <select
          value={String(priority)}
          onChange={(e) => setPriority(Number((e.target as HTMLSelectElement).value))}
        >
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        {ctx.t('requests.field.windowStart')}
        <input
          type="datetime-local"
          value={start}
          onInput={(e) => setStart((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {ctx.t('requests.field.windowEnd')}
        <input
          type="datetime-local"
          value={end}
          onInput={(e) => setEnd((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {ctx.t('requests.field.sensor')}
        <select
          value={sensorType}
          data-testid="request-sensor"
          onChange={(e) => setSensor((e.target as HTMLSelectElement).value as SensorType)}
        >
          {(['any', 'optical', 'sar'] as const).map((s) => (
            <option key={s} value={s}>
              {ctx.t(`requests.sensor.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {ctx.t('requests.field.releasability')}
        <select
          value={releasability}
          onChange={(e) => setRel((e.target as HTMLSelectElement).value as Releasability)}
        >
          <option value="alliance">{ctx.t('requests.rel.alliance')}</option>
          <option value="nation">{ctx.t('requests.rel.nation')}</option>
        </select>
      </label>
      {!valid && <p class="hint">{ctx.t('requests.missing')}</p>}
      <div class="actions">
        <button
          type="button"
          disabled={!valid || busy}
          data-testid="feasibility-ask"
          onClick={() => void checkFeasibility()}
        >
          {ctx.t('requests.feasibility.ask')}
        </button>{' '}
        <button type="submit" disabled={!valid || busy || !feasFresh} data-testid="request-submit">
          {ctx.t('requests.submit')}
        </button>
      </div>
      {valid && !feasFresh && <p class="hint">{ctx.t('requests.feasibility.needed')}</p>}
      {feasFresh && feas.answer && (
        <FeasibilityView ctx={ctx} f={feas.answer} testid="feasibility-draft" />
      )}
      {feasFresh && feas.error !== null && (
        <ErrorBox ns="requests" ctx={ctx} error={feas.error} testid="feasibility-error" />
      )}
      <ErrorBox ns="requests" ctx={ctx} error={error} />
      {done && (
        <p role="status" data-testid="request-done">
          {done}
        </p>
      )}
    </form>
  );
}
