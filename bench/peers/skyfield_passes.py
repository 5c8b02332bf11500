#!/usr/bin/env python3
"""Peer for bench/passes-catalogue.mjs: Skyfield's EarthSatellite.find_events on a subset of a
catalogue, over the three national stations, for N days. Prints one JSON line with the elapsed time.
Run by the benchmark; not a test. Same conventions as scripts/skyfield/passes.py (UT1 = UTC)."""
import json
import sys
import time

from skyfield.api import EarthSatellite, load, wgs84

STATIONS = [(12.6392, -8.0029, 350.0), (12.3714, -1.5197, 305.0), (13.5116, 2.1254, 207.0)]


def main():
    path, every, days, min_el = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    lines = [l.rstrip("\n") for l in open(path)]
    sats = []
    for i in range(0, len(lines) - 2, 3):
        sats.append((lines[i].strip(), lines[i + 1], lines[i + 2]))
    subset = sats[::every]
    ts = load.timescale(delta_t=69.184)
    t0 = ts.utc(2026, 3, 19)
    t1 = ts.tt_jd(t0.tt + days)
    sites = [wgs84.latlon(a, b, elevation_m=c) for a, b, c in STATIONS]
    start = time.perf_counter()
    events = 0
    for name, l1, l2 in subset:
        sat = EarthSatellite(l1, l2, name, ts)
        for site in sites:
            t, e = sat.find_events(site, t0, t1, altitude_degrees=min_el)
            events += int((e == 0).sum())
    elapsed = time.perf_counter() - start
    print(json.dumps({"satellites": len(subset), "stations": len(sites), "days": days, "rises": events, "seconds": elapsed}))


if __name__ == "__main__":
    main()
