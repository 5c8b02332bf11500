/**
 * The feasibility answer as the API gives it, in the caller's language: a verdict sentence
 * ("feasible: next access of … at …; delivery at … at …" or "infeasible because …"), the binding
 * reasons, and the per-satellite limits as secondary detail (why some passes or strips of a
 * satellite are excluded; they do not make a feasible request infeasible).
 */
import type { Lang } from '../../i18n/index.js';
import { serverMessages as m } from '../messages.js';
import type { FeasibilityOutput } from './computations.js';
import type { FeasibilityLimitCode } from './planner-api.js';

const limitText = (lang: Lang, c: FeasibilityLimitCode): string => m(lang, `limit.${c}`);

export function feasibilityAnswer(f: FeasibilityOutput, lang: Lang) {
  const reasons = f.reasons.map((code) => ({ code, message: limitText(lang, code) }));
  const area = f.reasons.filter((c) => c !== 'no-downlink').map((c) => limitText(lang, c));
  let summary: string;
  if (!f.feasible || !f.earliestAcquisition) {
    summary = m(lang, 'feasibility.infeasible', { reasons: area.join('; ') });
  } else {
    const a = f.earliestAcquisition;
    const parts = [
      m(lang, 'feasibility.feasible', {
        satellite: a.satelliteId,
        at: a.start,
        offNadir: a.offNadirDeg.toFixed(1),
      }),
      f.earliestDelivery
        ? m(lang, 'feasibility.delivery', {
            at: f.earliestDelivery.at,
            satellite: f.earliestDelivery.satelliteId,
            station: f.earliestDelivery.stationId,
          })
        : m(lang, 'feasibility.no-delivery', { reason: limitText(lang, 'no-downlink') }),
    ];
    if (f.coverableFraction < 1 - 1e-9)
      parts.push(
        m(lang, 'feasibility.partial', {
          percent: (f.coverableFraction * 100).toFixed(1),
          reasons: area.join('; '),
        }),
      );
    summary = parts.join('; ');
  }
  return {
    feasible: f.feasible,
    summary,
    earliestAcquisition: f.earliestAcquisition,
    earliestDelivery: f.earliestDelivery,
    coverableFraction: f.coverableFraction,
    reasons,
    satelliteLimits: f.satelliteLimits.map((x) => ({
      satelliteId: x.satelliteId,
      reasons: x.codes.map((code) => ({ code, message: limitText(lang, code) })),
    })),
    opportunities: [...f.opportunities],
  };
}
