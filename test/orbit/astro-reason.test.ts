/**
 * A second oracle: the AstroReason-Bench Skyfield fixtures (../shared/reference/astro-reason/
 * sgp4_skyfield_fixture, Skyfield 1.54 with its own Earth-orientation data and JPL DE421):
 * geocentric distance (frame-free: tests SGP4 alone), sub-satellite points (tests TEME → ITRF →
 * geodetic; UT1 − UTC is unknown to us, ≤ 0.1 s in 2025 ≈ 50 m), visibility windows (our pass
 * finder) and sunlit windows (our shadow search with the point-Sun model Skyfield uses).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { itrfToGeodetic } from '../../src/core/geodetic.js';
import { temeToItrf } from '../../src/core/frames.js';
import { parseIsoUtc } from '../../src/core/time.js';
import { parseTle } from '../../src/io/tle.js';
import { findShadowIntervals } from '../../src/orbit/eclipses.js';
import { createPropagator, type Propagator } from '../../src/orbit/propagator.js';
import { findPasses } from '../../src/passes/find-passes.js';
import { METRE, referencePath } from '../support/reference.js';

const DIR = referencePath('astro-reason', 'sgp4_skyfield_fixture');
const cases = readdirSync(DIR).filter((d) => d.startsWith('case_'));

/** A minimal reader for the fixture's flat YAML lists of `key: value` maps. */
function readYamlList(text: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const line of text.split('\n')) {
    const m = /^(- )?\s*([a-z_0-9]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1]) out.push({});
    out[out.length - 1]![m[2]!] = m[3]!.trim();
  }
  return out;
}

interface Window {
  start_utc: string;
  end_utc: string;
}

describe.each(cases)('AstroReason Skyfield fixture %s', (c) => {
  const sats = readYamlList(readFileSync(`${DIR}/${c}/satellites.yaml`, 'utf8'));
  const targets = readYamlList(readFileSync(`${DIR}/${c}/targets.yaml`, 'utf8'));
  const states = JSON.parse(readFileSync(`${DIR}/${c}/orbital_states.json`, 'utf8'));
  const visibility = JSON.parse(readFileSync(`${DIR}/${c}/visibility_windows.json`, 'utf8'));
  const illumination = JSON.parse(readFileSync(`${DIR}/${c}/illumination_windows.json`, 'utf8'));
  const props = new Map<string, Propagator>();
  for (const s of sats) {
    // Some of the fixture's lines carry a wrong checksum (the generator does not check them).
    const r = parseTle(`${s.tle_line1}\n${s.tle_line2}\n`, { ignoreChecksum: true });
    expect(r.errors).toEqual([]);
    props.set(s.id!, createPropagator(r.entries[0]!.elements));
  }
  const times: number[] = states.timestamps_utc.map((t: string) => parseIsoUtc(t));
  const startMs = parseIsoUtc(illumination.metadata.horizon_start_utc);
  const endMs = parseIsoUtc(illumination.metadata.horizon_end_utc);

  it('reproduces geocentric distance within 1 m and sub-satellite points within 100 m', () => {
    let worstR = 0;
    let worstH = 0;
    for (const s of states.satellites) {
      const prop = props.get(s.id)!;
      times.forEach((t, i) => {
        const st = prop.at(t);
        expect(st.ok).toBe(true);
        if (!st.ok) return;
        const r = Math.hypot(st.positionKm.x, st.positionKm.y, st.positionKm.z);
        worstR = Math.max(worstR, Math.abs(r - s.geocentric_distance_m[i] / 1000));
        const g = itrfToGeodetic(temeToItrf(st, t).positionKm);
        const dLat = (g.latitudeDeg - s.subpoint_latitude_deg[i]) * 111.32;
        const dLon =
          (((g.longitudeDeg - s.subpoint_longitude_deg[i] + 540) % 360) - 180) *
          111.32 *
          Math.cos((g.latitudeDeg * Math.PI) / 180);
        worstH = Math.max(worstH, Math.hypot(dLat, dLon));
        expect(Math.abs(g.altitudeKm - s.subpoint_altitude_m[i] / 1000)).toBeLessThan(20 * METRE);
      });
    }
    expect(worstR).toBeLessThan(1 * METRE);
    expect(worstH).toBeLessThan(100 * METRE);
  });

  // The fixture's windows come from its 30-min state samples: a pass appears there only when one
  // of those instants falls inside it. Every fixture window must match one of our passes (edges
  // within 2 s), and every pass of ours absent from the fixture must contain no sample instant.
  it('finds every visibility window (edges within 2 s), and only passes between samples besides', () => {
    let compared = 0;
    let extra = 0;
    for (const v of visibility.satellite_to_target) {
      const t = targets.find((x) => x.id === v.target_id)!;
      // Slant-range limits are a sensor constraint (imaging access), not a station mask.
      if (t.max_slant_range_m !== 'null') continue;
      const station = {
        id: t.id!,
        name: t.id!,
        nation: '',
        latitudeDeg: Number(t.latitude_deg),
        longitudeDeg: Number(t.longitude_deg),
        altitudeM: Number(t.altitude_m),
        minElevationDeg: Number(t.min_elevation_deg),
      };
      const ours = findPasses(props.get(v.satellite_id)!, [station], { startMs, endMs }).passes;
      const unmatched = new Set(ours);
      for (const w of v.windows as Window[]) {
        const a = parseIsoUtc(w.start_utc);
        const b = parseIsoUtc(w.end_utc);
        const p = ours.find((x) => Math.abs(x.aosMs - a) < 2000 && Math.abs(x.losMs - b) < 2000);
        expect(p, `${v.satellite_id} → ${v.target_id} ${w.start_utc}`).toBeDefined();
        unmatched.delete(p!);
        compared++;
      }
      for (const p of unmatched) {
        expect(times.some((t) => t >= p.aosMs && t < p.losMs)).toBe(false);
        extra++;
      }
    }
    expect(compared).toBeGreaterThan(0);
    expect(extra).toBeGreaterThanOrEqual(0);
  });

  it('finds the same sunlit windows with the point-Sun shadow model (edges within 3 s)', () => {
    for (const s of illumination.satellites) {
      const shadows = findShadowIntervals(props.get(s.satellite_id)!, {
        startMs,
        endMs,
        model: 'centre',
      });
      // sunlit = complement of shadow within the horizon
      const sunlit: [number, number][] = [];
      let cursor = startMs;
      for (const sh of shadows) {
        if (sh.start > cursor) sunlit.push([cursor, sh.start]);
        cursor = sh.end;
      }
      if (cursor < endMs) sunlit.push([cursor, endMs]);
      expect(sunlit.length, s.satellite_id).toBe(s.sunlit_windows.length);
      sunlit.forEach(([a, b], k) => {
        const w = s.sunlit_windows[k] as Window;
        expect(Math.abs(a - parseIsoUtc(w.start_utc))).toBeLessThan(3000);
        expect(Math.abs(b - parseIsoUtc(w.end_utc))).toBeLessThan(3000);
      });
    }
  });
});
