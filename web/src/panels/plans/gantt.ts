/**
 * Gantt layout of a plan version: one lane per satellite with its acquisitions and downlinks,
 * placed as fractions of the shown window; and what changed between two versions.
 */

export interface AcquisitionLike {
  readonly id: string;
  readonly satelliteId: string;
  readonly requestId: string | null;
  readonly start: string;
  readonly end: string;
}
export interface DownlinkLike {
  readonly satelliteId: string;
  readonly stationId: string;
  readonly start: string;
  readonly end: string;
  readonly volumeGb?: number;
}

export interface Bar {
  readonly kind: 'acquisition' | 'downlink';
  readonly key: string;
  /** Left edge and width as fractions of the window (clipped to 0…1). */
  readonly x: number;
  readonly w: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly label: string;
  readonly changed: boolean;
}
export interface Lane {
  readonly satelliteId: string;
  readonly bars: readonly Bar[];
}

/** Bars of `items` inside [startMs, endMs), one lane per satellite, lanes sorted by id. */
export function ganttLanes(
  acquisitions: readonly AcquisitionLike[],
  downlinks: readonly DownlinkLike[],
  startMs: number,
  endMs: number,
  changedIds: ReadonlySet<string> = new Set(),
): Lane[] {
  const span = endMs - startMs;
  const lanes = new Map<string, Bar[]>();
  const place = (
    kind: Bar['kind'],
    key: string,
    sat: string,
    s: string,
    e: string,
    label: string,
    changed: boolean,
  ) => {
    const a = Date.parse(s);
    const b = Date.parse(e);
    if (!(b > startMs && a < endMs) || span <= 0) return;
    const x = Math.max(0, (a - startMs) / span);
    const x2 = Math.min(1, (b - startMs) / span);
    const bars = lanes.get(sat) ?? [];
    bars.push({ kind, key, x, w: x2 - x, startMs: a, endMs: b, label, changed });
    lanes.set(sat, bars);
  };
  for (const a of acquisitions) {
    place(
      'acquisition',
      a.id,
      a.satelliteId,
      a.start,
      a.end,
      a.requestId ?? '—',
      changedIds.has(a.id),
    );
  }
  downlinks.forEach((d, i) =>
    place('downlink', `dl-${i}`, d.satelliteId, d.start, d.end, d.stationId, false),
  );
  return [...lanes.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([satelliteId, bars]) => ({ satelliteId, bars: bars.sort((p, q) => p.x - q.x) }));
}

export interface VersionDiff {
  /** Requests served by the new version and not the old. */
  readonly added: readonly string[];
  /** Requests served by the old version and no longer. */
  readonly removed: readonly string[];
  /** Requests served by both, with a different satellite or start. */
  readonly moved: readonly string[];
}

function byRequest(acqs: readonly AcquisitionLike[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of [...acqs].sort((p, q) => p.start.localeCompare(q.start))) {
    if (a.requestId && !m.has(a.requestId)) m.set(a.requestId, `${a.satelliteId}@${a.start}`);
  }
  return m;
}

/** What changed between two versions, compared request by request (first acquisition of each). */
export function diffVersions(
  previous: readonly AcquisitionLike[],
  current: readonly AcquisitionLike[],
): VersionDiff {
  const a = byRequest(previous);
  const b = byRequest(current);
  const added = [...b.keys()].filter((k) => !a.has(k)).sort();
  const removed = [...a.keys()].filter((k) => !b.has(k)).sort();
  const moved = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).sort();
  return { added, removed, moved };
}
