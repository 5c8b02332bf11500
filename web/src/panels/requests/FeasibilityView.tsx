/**
 * A feasibility answer: the verdict first (feasible: what sets the earliest acquisition and the
 * delivery; infeasible: the binding reasons), then, folded away and labelled as such, the
 * per-satellite limits (why some passes or strips are excluded: detail, not the verdict).
 */
import type { AppContext } from '../../app/context.js';
import type { Feasibility } from '../../panel-kit/dto.js';

export function FeasibilityView(p: { ctx: AppContext; f: Feasibility; testid?: string }) {
  const { ctx, f } = p;
  const partial = f.feasible && f.coverableFraction < 1;
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
      {f.feasible && f.earliestAcquisition ? (
        <ul data-testid="feasibility-verdict">
          <li>
            {ctx.t('requests.feasibility.acquisition', {
              at: ctx.formatTime(f.earliestAcquisition.start, { date: true }),
              satellite: f.earliestAcquisition.satelliteId,
              offNadir: f.earliestAcquisition.offNadirDeg.toFixed(1),
            })}
          </li>
          <li>
            {f.earliestDelivery
              ? ctx.t('requests.feasibility.delivery', {
                  at: ctx.formatTime(f.earliestDelivery.at, { date: true }),
                  satellite: f.earliestDelivery.satelliteId,
                  station: f.earliestDelivery.stationId,
                })
              : ctx.t('requests.feasibility.noDelivery')}
          </li>
          {partial && (
            <li>
              {ctx.t('requests.feasibility.partial', {
                percent: (f.coverableFraction * 100).toFixed(1),
              })}
            </li>
          )}
        </ul>
      ) : (
        <p data-testid="feasibility-verdict">{ctx.t('requests.feasibility.because')}</p>
      )}
      {f.reasons.length > 0 && (
        <ul data-testid="feasibility-reasons">
          {f.reasons.map((r) => (
            <li key={r.code}>{r.message}</li>
          ))}
        </ul>
      )}
      {f.satelliteLimits.length > 0 && (
        <details data-testid="feasibility-detail">
          <summary>{ctx.t('requests.feasibility.detail')}</summary>
          <ul>
            {f.satelliteLimits.map((x) => (
              <li key={x.satelliteId}>
                {x.satelliteId}: {x.reasons.map((r) => r.message).join('; ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** One line for the list: “acq. …, delivery …” or “not feasible: …”. */
export function feasibilityShort(ctx: AppContext, f: Feasibility): string {
  if (!f.feasible || !f.earliestAcquisition) {
    return ctx.t('requests.feasibility.shortNo', {
      limits: f.reasons.map((r) => r.message).join('; ') || '—',
    });
  }
  return ctx.t('requests.feasibility.short', {
    acq: ctx.formatTime(f.earliestAcquisition.start, { date: true }),
    del: f.earliestDelivery ? ctx.formatTime(f.earliestDelivery.at, { date: true }) : '—',
  });
}
