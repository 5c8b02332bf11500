#!/usr/bin/env python3
"""Generates the Sun expectations of test/core/sun.test.ts with Astropy (Debian's python3-astropy),
whose get_sun rests on ERFA (the IAU SOFA library): apparent geocentric position of the Sun in the
Earth-fixed frame (ITRS) and its topocentric elevation at Bamako, without refraction.

Why Astropy and not Skyfield: Skyfield needs a JPL ephemeris file (de421.bsp) that cannot be
downloaded here; ERFA's epv00 needs none.

Conventions shared with Sahelsat: UT1 = UTC (no IERS table is downloaded; Astropy is told to
assume it, as Sahelsat does by default), geometric elevation (pressure 0: no refraction).

Usage (from the repository root):
  python3 scripts/astropy/sun.py > test/fixtures/sun/astropy-sun.json
"""
import json
import sys

import astropy
import numpy as np
import astropy.units as u
from astropy.coordinates import AltAz, EarthLocation, ITRS, get_sun
from astropy.time import Time
from astropy.utils import iers

iers.conf.auto_download = False
iers.conf.iers_degraded_accuracy = "ignore"

import warnings  # noqa: E402

warnings.simplefilter("ignore")

BAMAKO = EarthLocation.from_geodetic(lon=-8.0029 * u.deg, lat=12.6392 * u.deg, height=350 * u.m)


def main():
    # Every 37 days and 5 hours from 2000 to 2050: all seasons and hours of the day.
    start = Time("2000-01-01T00:00:00", scale="utc")
    times = start + np.arange(0, 494) * (37 * 24 + 5) * u.hour
    sun = get_sun(times)
    itrs = sun.transform_to(ITRS(obstime=times))
    altaz = sun.transform_to(AltAz(obstime=times, location=BAMAKO, pressure=0 * u.hPa))
    cart = itrs.cartesian
    out = {
        "generator": "scripts/astropy/sun.py",
        "astropy": astropy.__version__,
        "convention": "apparent geocentric Sun, ITRS (UT1 = UTC), elevation at Bamako without refraction",
        "site": {"latitudeDeg": 12.6392, "longitudeDeg": -8.0029, "altitudeM": 350},
        "samples": [],
    }
    for i, t in enumerate(times):
        out["samples"].append({
            "utc": t.isot + "Z",
            "itrsAu": [round(float(cart.x[i].to(u.au).value), 10), round(float(cart.y[i].to(u.au).value), 10),
                       round(float(cart.z[i].to(u.au).value), 10)],
            "elevationDeg": round(float(altaz.alt[i].deg), 6),
        })
    json.dump(out, sys.stdout, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
