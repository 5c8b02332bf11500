#!/usr/bin/env python3
"""Generates the pass expectations that test/passes/skyfield.test.ts checks our pass finder against.

Oracle: Skyfield (Debian's python3-skyfield), EarthSatellite.find_events, each event then refined
to 1 ms with Skyfield's own altaz (find_events alone stops at half a second).

Conventions shared with Sahelsat's defaults, so that the comparison tests the algorithms rather
than two sets of Earth-orientation data:
  * UT1 = UTC: the timescale is built with delta_t = 69.184 s (= 32.184 s + 37 leap seconds);
    Sahelsat's dut1S defaults to 0 (docs/frames.md explains the ≤ 0.4 km effect).
  * no polar motion (Skyfield's default), geometric elevation (no refraction), WGS-84 sites.

Usage (from the repository root):
  python3 scripts/skyfield/passes.py ../shared/reference/tle/sahel-eo-leo-50.tle \
      > test/fixtures/passes/skyfield-sahel-eo-7d.json
The TLEs are not copied into the fixture: it names the file and the catalogue numbers, and the
test reads the same file from the reference folder.
"""
import json
import sys

import skyfield
from skyfield.api import EarthSatellite, load, wgs84

START = (2026, 3, 19, 0, 0, 0)
DAYS = 7
MIN_EL_DEG = 5.0
SATELLITES = 24  # the first 24 satellites of the file
STATIONS = [
    # id, latitude deg, longitude deg, altitude m  (data/stations.json)
    ("bamako", 12.6392, -8.0029, 350.0),
    ("ouagadougou", 12.3714, -1.5197, 305.0),
    ("niamey", 13.5116, 2.1254, 207.0),
]
TOL_DAYS = 0.001 / 86400.0  # 1 ms


def read_tle(path):
    lines = [l.rstrip("\r\n") for l in open(path) if l.strip()]
    sats = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("1 ") and i + 1 < len(lines) and lines[i + 1].startswith("2 "):
            name = lines[i - 1].strip() if i > 0 and not lines[i - 1].startswith(("1 ", "2 ")) else ""
            sats.append((name, lines[i][:69], lines[i + 1][:69]))
            i += 2
        else:
            i += 1
    return sats


def main():
    path = sys.argv[1]
    ts = load.timescale(delta_t=69.184)
    t0 = ts.utc(*START)
    t1 = ts.tt_jd(t0.tt + DAYS)
    sats = read_tle(path)[:SATELLITES]
    out = {
        "generator": "scripts/skyfield/passes.py",
        "skyfield": skyfield.__version__,
        "timescale": "UT1 = UTC (delta_t = 69.184 s), no polar motion, geometric elevation",
        "tleFile": path.split("/")[-1],
        "startUtc": t0.utc_strftime("%Y-%m-%dT%H:%M:%SZ"),
        "days": DAYS,
        "minElevationDeg": MIN_EL_DEG,
        "satellites": [],
        "stations": [{"id": s[0], "latitudeDeg": s[1], "longitudeDeg": s[2], "altitudeM": s[3]} for s in STATIONS],
        "passes": [],
    }
    for name, l1, l2 in sats:
        sat = EarthSatellite(l1, l2, name, ts)
        out["satellites"].append({"norad": sat.model.satnum, "name": name})
        for sid, lat, lon, alt in STATIONS:
            site = wgs84.latlon(lat, lon, elevation_m=alt)
            diff = sat - site

            def alt_deg(jd):
                return diff.at(ts.tt_jd(jd)).altaz()[0].degrees

            times, events = sat.find_events(site, t0, t1, altitude_degrees=MIN_EL_DEG)
            current = None
            for t, ev in zip(times.tt, events):
                if ev == 0:
                    current = {"aos": refine_root(alt_deg, t, MIN_EL_DEG), "aosCut": False}
                elif ev == 1:
                    if current is None:
                        current = {"aos": t0.tt, "aosCut": True}
                    tca = refine_max(alt_deg, t)
                    if "tca" not in current or alt_deg(tca) > current["maxEl"]:
                        current["tca"] = tca
                        current["maxEl"] = alt_deg(tca)
                elif ev == 2:
                    if current is None:
                        current = {"aos": t0.tt, "aosCut": True}
                    current["los"] = refine_root(alt_deg, t, MIN_EL_DEG)
                    current["losCut"] = False
                    emit(out, ts, diff, sid, sat, current)
                    current = None
            if current is not None:
                current["los"] = t1.tt
                current["losCut"] = True
                emit(out, ts, diff, sid, sat, current)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


def refine_root(f, jd, level):
    """Bisection on f(jd) - level, in the smallest bracket around Skyfield's estimate that holds a
    sign change (find_events' own times were seen several seconds off)."""
    for half_width_s in (3, 10, 30, 60, 120):
        a, b = jd - half_width_s / 86400.0, jd + half_width_s / 86400.0
        fa = f(a) - level
        fb = f(b) - level
        if fa * fb <= 0:
            break
    else:
        raise RuntimeError("no crossing near %r" % jd)
    while b - a > TOL_DAYS:
        m = 0.5 * (a + b)
        fm = f(m) - level
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    root = 0.5 * (a + b)
    assert abs(f(root) - level) < 1e-3, "refinement failed"
    return root


def refine_max(f, jd):
    """Golden-section search for the maximum in a ±120 s bracket (the pass is unimodal there)."""
    g = 0.6180339887498949
    a, b = jd - 120 / 86400.0, jd + 120 / 86400.0
    c = b - g * (b - a)
    d = a + g * (b - a)
    fc, fd = f(c), f(d)
    while b - a > TOL_DAYS:
        if fc > fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = f(d)
    return 0.5 * (a + b)


def emit(out, ts, diff, sid, sat, p):
    def iso(jd):
        return ts.tt_jd(jd).utc_strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def az(jd):
        return diff.at(ts.tt_jd(jd)).altaz()[1].degrees

    if "tca" not in p:  # a pass cut by both window edges without a culmination inside
        p["tca"] = p["aos"]
        p["maxEl"] = diff.at(ts.tt_jd(p["aos"])).altaz()[0].degrees
    out["passes"].append({
        "station": sid,
        "norad": sat.model.satnum,
        "aos": iso(p["aos"]),
        "tca": iso(p["tca"]),
        "los": iso(p["los"]),
        "maxElDeg": round(p["maxEl"], 6),
        "aosAzDeg": round(az(p["aos"]), 4),
        "losAzDeg": round(az(p["los"]), 4),
        "aosCut": p["aosCut"],
        "losCut": p["losCut"],
    })


if __name__ == "__main__":
    main()
