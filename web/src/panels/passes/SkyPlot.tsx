/** Polar sky plot (SVG) of one pass: zenith at the centre, horizon on the outer circle, north up. */
import type { AppContext } from '../../app/context.js';
import { polarXY, type SkyPoint } from './sky.js';

const R = 100;

export function SkyPlot(p: {
  ctx: AppContext;
  track: readonly SkyPoint[];
  nowMs: number;
  caption: string;
}) {
  const { ctx, track } = p;
  const pts = track.map((s) => polarXY(s.azimuthDeg, s.elevationDeg, R));
  const path = pts
    .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`)
    .join(' ');
  const first = pts[0];
  const last = pts[pts.length - 1];
  const current =
    track.length > 1 && p.nowMs >= track[0]!.t && p.nowMs <= track[track.length - 1]!.t
      ? track.reduce((best, s) => (Math.abs(s.t - p.nowMs) < Math.abs(best.t - p.nowMs) ? s : best))
      : null;
  const cur = current ? polarXY(current.azimuthDeg, current.elevationDeg, R) : null;
  return (
    <figure class="skyplot" data-testid="skyplot">
      <svg viewBox="-120 -120 240 240" role="img" aria-label={p.caption} width="240" height="240">
        {[0, 30, 60].map((el) => (
          <circle key={el} r={(R * (90 - el)) / 90} class="sky-ring" fill="none" />
        ))}
        <line x1={-R} y1={0} x2={R} y2={0} class="sky-ring" />
        <line x1={0} y1={-R} x2={0} y2={R} class="sky-ring" />
        <text x={0} y={-R - 6} text-anchor="middle" class="sky-label">
          {ctx.t('passes.sky.north')}
        </text>
        <text x={R + 8} y={4} text-anchor="middle" class="sky-label">
          {ctx.t('passes.sky.east')}
        </text>
        <text x={0} y={R + 14} text-anchor="middle" class="sky-label">
          {ctx.t('passes.sky.south')}
        </text>
        <text x={-R - 8} y={4} text-anchor="middle" class="sky-label">
          {ctx.t('passes.sky.west')}
        </text>
        <text x={3} y={(-R * 60) / 90 + 10} class="sky-tick">
          30°
        </text>
        <text x={3} y={(-R * 30) / 90 + 10} class="sky-tick">
          60°
        </text>
        <path d={path} class="sky-track" fill="none" data-testid="skyplot-track" />
        {first && (
          <g>
            <circle cx={first[0]} cy={first[1]} r={3} class="sky-aos" />
            <text x={first[0] + 5} y={first[1] - 4} class="sky-tick">
              {ctx.t('passes.sky.aos')}
            </text>
          </g>
        )}
        {last && (
          <g>
            <circle cx={last[0]} cy={last[1]} r={3} class="sky-los" />
            <text x={last[0] + 5} y={last[1] - 4} class="sky-tick">
              {ctx.t('passes.sky.los')}
            </text>
          </g>
        )}
        {cur && <circle cx={cur[0]} cy={cur[1]} r={5} class="sky-now" data-testid="skyplot-now" />}
      </svg>
      <figcaption>{p.caption}</figcaption>
    </figure>
  );
}
