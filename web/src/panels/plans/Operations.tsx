/** Operators' actions: run a planning job (followed to its end) and an emergency re-plan. */
import { useEffect, useState } from 'preact/hooks';
import type { AppContext } from '../../app/context.js';
import {
  itemsOf,
  type List,
  type PlanDto,
  type PlanVersionDetail,
  type RequestDto,
} from '../../panel-kit/dto.js';
import { ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';
import { detailsOf } from './versions.js';

interface JobLite {
  id: string;
  status: string;
  progress: number;
  progressMessage: string | null;
}

export function Operations(p: { ctx: AppContext; plan: PlanDto | null; onChanged(): void }) {
  const { ctx, plan } = p;
  const [reason, setReason] = useState(ctx.t('plans.run.defaultReason'));
  const [job, setJob] = useState<JobLite | null>(null);
  const [requestId, setRequestId] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const candidates = useLoad(
    () =>
      ctx.api.get<List<RequestDto>>('/requests', {
        status: 'submitted,feasible,planned',
        limit: 200,
      }),
    [],
  );
  useEffect(() => {
    if (!job || ['succeeded', 'failed', 'cancelled'].includes(job.status)) return;
    const timer = setTimeout(() => {
      ctx.api.get<JobLite>(`/jobs/${encodeURIComponent(job.id)}`).then(
        (j) => {
          setJob(j);
          if (j.status === 'succeeded') p.onChanged();
        },
        (e: unknown) => setError(e),
      );
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);
  const run = async () => {
    setError(null);
    try {
      setJob(await ctx.api.post<JobLite>('/jobs', { type: 'planning', params: { reason } }));
    } catch (e) {
      setError(e);
    }
  };
  const emergency = async () => {
    if (!plan || !requestId) return;
    setError(null);
    try {
      const v = await ctx.api.post<PlanVersionDetail>(
        `/plans/${encodeURIComponent(plan.id)}/emergency`,
        { requestId, reason },
      );
      setNote(
        ctx.t('plans.emergency.done', {
          n: v.version.version,
          count: detailsOf(v)?.displaced?.length ?? 0,
        }),
      );
      p.onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="plan-ops" data-testid="plan-ops">
      <label>
        {ctx.t('plans.run.reason')}{' '}
        <input
          value={reason}
          maxLength={1000}
          onInput={(e) => setReason((e.target as HTMLInputElement).value)}
        />
      </label>{' '}
      <button
        type="button"
        data-testid="plan-run"
        disabled={!reason.trim()}
        onClick={() => void run()}
      >
        {ctx.t('plans.run')}
      </button>
      {job && (
        <p role="status" data-testid="plan-job">
          {ctx.t('plans.run.status', {
            id: job.id,
            status: job.status,
            percent: Math.round(job.progress * 100),
            message: job.progressMessage ?? '',
          })}
        </p>
      )}
      {plan && (
        <fieldset>
          <legend>{ctx.t('plans.emergency')}</legend>
          <label>
            {ctx.t('plans.emergency.request')}{' '}
            <select
              data-testid="emergency-request"
              value={requestId}
              onChange={(e) => setRequestId((e.target as HTMLSelectElement).value)}
            >
              <option value="">{ctx.t('plans.emergency.pick')}</option>
              {itemsOf(candidates.data).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title} ({r.ownerNation}, P{r.priority})
                </option>
              ))}
            </select>
          </label>{' '}
          <button
            type="button"
            data-testid="emergency-go"
            disabled={!requestId || !reason.trim()}
            onClick={() => void emergency()}
          >
            {ctx.t('plans.emergency.go')}
          </button>
        </fieldset>
      )}
      {note && (
        <p role="status" data-testid="emergency-done">
          {note}
        </p>
      )}
      <ErrorBox ns="plans" ctx={ctx} error={error ?? candidates.error} />
    </section>
  );
}
