/**
 * CCSDS Orbit Ephemeris Message 2.0 in KVN (CCSDS 502.0-B-2 §5): a header, one metadata block,
 * and one line per state `epoch x y z vx vy vz` (km, km/s).
 */
import { formatIsoUtc } from '../core/time.js';
import type { Instant } from '../core/time.js';

export interface OemState {
  readonly t: Instant;
  readonly positionKm: readonly [number, number, number];
  readonly velocityKmS: readonly [number, number, number];
}

export interface OemSegment {
  readonly objectName: string;
  readonly objectId: string;
  /** CCSDS reference frame name, e.g. TEME or ITRF. */
  readonly refFrame: string;
  readonly states: readonly OemState[];
  readonly comments?: readonly string[];
}

function epoch(t: Instant): string {
  return formatIsoUtc(t).replace('Z', '');
}

/** Writes OEM 2.0 KVN text for one or more segments. */
export function formatOem(segments: readonly OemSegment[], creationMs: Instant): string {
  const out: string[] = [
    'CCSDS_OEM_VERS = 2.0',
    `CREATION_DATE = ${epoch(creationMs)}`,
    'ORIGINATOR = SAHELSAT',
    '',
  ];
  for (const s of segments) {
    if (s.states.length === 0) continue;
    out.push('META_START');
    out.push(`OBJECT_NAME = ${s.objectName || 'UNKNOWN'}`);
    out.push(`OBJECT_ID = ${s.objectId || 'UNKNOWN'}`);
    out.push('CENTER_NAME = EARTH');
    out.push(`REF_FRAME = ${s.refFrame}`);
    out.push('TIME_SYSTEM = UTC');
    out.push(`START_TIME = ${epoch(s.states[0]!.t)}`);
    out.push(`STOP_TIME = ${epoch(s.states[s.states.length - 1]!.t)}`);
    out.push('META_STOP');
    out.push('');
    for (const c of s.comments ?? []) out.push(`COMMENT ${c}`);
    for (const st of s.states) {
      const p = st.positionKm.map((v) => v.toFixed(6));
      const v = st.velocityKmS.map((x) => x.toFixed(9));
      out.push(`${epoch(st.t)} ${p.join(' ')} ${v.join(' ')}`);
    }
    out.push('');
  }
  return out.join('\n');
}
