/**
 * Plans panel: Gantt per satellite of the latest version (acquisitions and downlinks) following
 * the shared clock, each nation's share against its entitlement, what the last version changed
 * (emergency displacements and the diff with the previous version); operators can run planning
 * and an emergency re-plan.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AppContext, Panel } from '../../app/context.js';
import { itemsOf, type List, type PlanDto, type RequestDto } from '../../panel-kit/dto.js';
import { onScreen } from '../../panel-kit/onscreen.js';
import { Busy, ErrorBox } from '../../panel-kit/ui.js';
import { useLoad } from '../../panel-kit/use-load.js';
import { Gantt } from './GanttChart.js';
import { Operations } from './Operations.js';
import { Changes, Nations } from './Summary.js';
import { detailsOf, loadVersions } from './versions.js';

function PlansPanel({ ctx }: { ctx: AppContext }) {
  const nowMs = ctx.time.now.value;
  const plans = useLoad(() => ctx.api.get<PlanDto[]>('/plans'), []);
  const [planId, setPlanId] = useState<string | null>(null);
  const all = itemsOf(plans.data)
    .slice()
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const plan = all.find((x) => x.id === planId) ?? all[0] ?? null;
  const versions = useLoad(
    () => (plan ? loadVersions(ctx, plan) : Promise.resolve(null)),
    [plan?.id, plan?.latestVersion],
  );
  useEffect(() => {
    const off = ctx.live.onEvent((e) => {
      if (e.type === 'plan.version') plans.reload();
    });
    return off;
  }, []);
  useEffect(() => {
    onScreen(ctx).plan.value = versions.data?.current ?? null;
  }, [versions.data]);
  const v = versions.data;
  // request titles, to name requests in the Gantt and the changes (ids when not visible)
  const requests = useLoad(
    () => ctx.api.get<List<RequestDto>>('/requests', { limit: 500 }),
    [v?.current.version.version],
  );
  const titles = new Map((requests.data?.items ?? []).map((r) => [r.id, r.title]));
  return (
    <div class="panel plans-panel">
      <Busy ns="plans" ctx={ctx} when={plans.loading || versions.loading} />
      <ErrorBox ns="plans" ctx={ctx} error={plans.error ?? versions.error} retry={plans.reload} />
      {plans.data && all.length === 0 && <p>{ctx.t('plans.none')}</p>}
      {all.length > 1 && (
        <label>
          {ctx.t('plans.pick')}{' '}
          <select
            value={plan?.id ?? ''}
            onChange={(e) => setPlanId((e.target as HTMLSelectElement).value)}
          >
            {all.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {v && (
        <>
          <p>
            {ctx.t('plans.version', {
              n: v.current.version.version,
              total: v.plan.latestVersion,
              at: ctx.formatTime(v.current.version.createdAt, { date: true }),
              by: v.current.version.createdBy,
              reason: v.current.version.reason,
            })}
          </p>
          <Gantt ctx={ctx} v={v} nowMs={nowMs} titles={titles} />
          <Nations ctx={ctx} details={detailsOf(v.current)} />
          <Changes ctx={ctx} v={v} titles={titles} />
        </>
      )}
      {ctx.may('plan') && <Operations ctx={ctx} plan={plan} onChanged={plans.reload} />}
    </div>
  );
}

export const panel: Panel = {
  id: 'plans',
  titleKey: 'plans.title',
  visible: () => true,
  Component: PlansPanel,
};
