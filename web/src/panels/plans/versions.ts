/** The latest plan version and the one before it, with the planner's details when present. */
import type { AppContext } from '../../app/context.js';
import type { PlanDetails, PlanDto, PlanVersionDetail } from '../../panel-kit/dto.js';

export function detailsOf(v: PlanVersionDetail | null): PlanDetails | null {
  return v?.version.details ?? v?.details ?? null;
}

export interface Versions {
  plan: PlanDto;
  current: PlanVersionDetail;
  previous: PlanVersionDetail | null;
}

export async function loadVersions(ctx: AppContext, plan: PlanDto): Promise<Versions> {
  const base = `/plans/${encodeURIComponent(plan.id)}/versions`;
  const n = plan.latestVersion;
  const [current, previous] = await Promise.all([
    ctx.api.get<PlanVersionDetail>(`${base}/${n}`),
    n > 1 ? ctx.api.get<PlanVersionDetail>(`${base}/${n - 1}`) : Promise.resolve(null),
  ]);
  return { plan, current, previous };
}
