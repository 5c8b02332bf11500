/** Instants as people read them: UTC by default (suffix "UTC"), local time on demand. */

const pad = (n: number) => String(n).padStart(2, '0');

export interface FormatOptions {
  seconds?: boolean;
  date?: boolean;
}

/** `2026-11-29 22:45 UTC` (UTC) or `2026-11-29 23:45` (local); `date: false` drops the day. */
export function formatInstant(ms: number | string, utc: boolean, opts: FormatOptions = {}): string {
  const t = typeof ms === 'string' ? Date.parse(ms) : ms;
  if (!Number.isFinite(t)) return '—';
  const d = new Date(t);
  const [y, mo, da, h, mi, s] = utc
    ? [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
      ]
    : [
        d.getFullYear(),
        d.getMonth() + 1,
        d.getDate(),
        d.getHours(),
        d.getMinutes(),
        d.getSeconds(),
      ];
  const day = opts.date === false ? '' : `${y}-${pad(mo)}-${pad(da)} `;
  const clock = `${pad(h)}:${pad(mi)}${opts.seconds ? `:${pad(s)}` : ''}`;
  return `${day}${clock}${utc ? ' UTC' : ''}`;
}
