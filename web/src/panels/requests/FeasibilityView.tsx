/** A feasibility answer: verdict, earliest acquisition and delivery, limits. */
import type { AppContext } from '../../app/context.js';
import type { Feasibility } from '../../panel-kit/dto.js';

export function FeasibilityView(p: { ctx: AppContext; f: Feasibility; testid?: string }) {
  const { ctx, f } = p;
  return (
    <section
      class={`feasibility ${f.feasible ? 'ok' : 'no'}`}
      data-testid={p.testid ?? 'feasibility'}
      aria-live="polite"
    >
      <h4>
        {ctx.t('requests.feasibility.title')}:{' '}
        {ctx.t(f.feasible ? 'requests.feasibility.yes' : 'requests.feasibility.no')}
      </h4>
      <ul>
        <li>
          {f.earliestAcquisition
            ? ctx.t('requests.feasibility.acquisition', {
                at: ctx.formatTime(f.earliestAcquisition.start, { date: true }),
                satellite: f.earliestAcquisition.satelliteId,
                offNadir: f.earliestAcquisition.offNadirDeg.toFixed(1),
              })
            : ctx.t('requests.feasibility.noAcquisition')}
        </li>
        {f.earliestDelivery && (
          <li>
            {ctx.t('requests.feasibility.delivery', {
              at: ctx.formatTime(f.earliestDelivery.at, { date: true }),
              station: f.earliestDelivery.stationId,
            })}
          </li>
        )}
      </ul>
      {f.limits.length > 0 && (
        <>
          <h5>{ctx.t('requests.feasibility.limits')}</h5>
          <ul>
            {f.limits.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One line for the list: “acq. …, delivery …” or “not feasible: …”. */
export function feasibilityShort(ctx: AppContext, f: Feasibility): string {
  if (!f.feasible || !f.earliestAcquisition) {
    return ctx.t('requests.feasibility.shortNo', { limits: f.limits.join('; ') || '—' });
  }
  return ctx.t('requests.feasibility.short', {
    acq: ctx.formatTime(f.earliestAcquisition.start, { date: true }),
    del: f.earliestDelivery ? ctx.formatTime(f.earliestDelivery.at, { date: true }) : '—',
  });
}
