/** Nations' shares against their entitlements, and what the latest version changed. */
import type { AppContext } from '../../app/context.js';
import type { PlanDetails } from '../../panel-kit/dto.js';
import { diffVersions } from './gantt.js';
import { detailsOf, type Versions } from './versions.js';

export function Nations(p: { ctx: AppContext; details: PlanDetails | null }) {
  const { ctx, details } = p;
  if (!details) return <p>{ctx.t('plans.nations.none')}</p>;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return (
    <section data-testid="plan-nations">
      <h3>{ctx.t('plans.nations')}</h3>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{ctx.t('plans.col.nation')}</th>
            <th scope="col">{ctx.t('plans.col.entitlement')}</th>
            <th scope="col">{ctx.t('plans.col.share')}</th>
            <th scope="col">{ctx.t('plans.col.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(details.nations).map(([n, v]) => (
            <tr key={n}>
              <th scope="row">{ctx.t(`plans.common.nation.${n}`)}</th>
              <td>{pct(v.entitlement)}</td>
              <td>
                <span
                  class="bar"
                  style={{ width: `${Math.min(100, v.share * 100)}%` }}
                  aria-hidden="true"
                />
                {pct(v.share)}
              </td>
              <td>{pct(v.satisfaction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {ctx.t('plans.value', {
          value: details.value.toFixed(2),
          bound: details.bound === null ? '—' : details.bound.toFixed(2),
        })}
      </p>
    </section>
  );
}

export function Changes(p: { ctx: AppContext; v: Versions; titles: ReadonlyMap<string, string> }) {
  const { ctx, v } = p;
  const name = (id: string) => p.titles.get(id) ?? id;
  const details = detailsOf(v.current);
  const displaced = details?.displaced ?? [];
  const join = (xs: readonly string[]) => xs.map(name).join(', ');
  if (!v.previous) return <p>{ctx.t('plans.changes.first')}</p>;
  const d = diffVersions(v.previous.acquisitions, v.current.acquisitions);
  const none = displaced.length + d.added.length + d.removed.length + d.moved.length === 0;
  return (
    <section data-testid="plan-changes">
      <h3>{ctx.t('plans.changes')}</h3>
      <ul>
        {displaced.length > 0 && (
          <li>
            {ctx.t('plans.changes.displaced', { list: join(displaced.map((x) => x.requestId)) })}
          </li>
        )}
        {d.added.length > 0 && <li>{ctx.t('plans.changes.added', { list: join(d.added) })}</li>}
        {d.removed.length > 0 && (
          <li>{ctx.t('plans.changes.removed', { list: join(d.removed) })}</li>
        )}
        {d.moved.length > 0 && <li>{ctx.t('plans.changes.moved', { list: join(d.moved) })}</li>}
        {none && <li>{ctx.t('plans.changes.none')}</li>}
      </ul>
    </section>
  );
}
