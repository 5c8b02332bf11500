#!/usr/bin/env python3
"""Developer tool: build a global ITU-R map directory (our float32 + JSON layout, docs/telecom.md)
from the .npz copies of ITU's maps that the ITU-Rpy project keeps in itur/data/ (values + lat/lon
meshgrids per map). Used to run the map-dependent ITU validation rows locally
(SAHELSAT_ITUR_GLOBAL_MAPS=DIR npm test); the maps are ITU-R data and are never committed.

Usage: python3 scripts/npz-to-itur-maps.py ITURPY_DATA_DIR OUT_DIR
"""
import json
import sys
from pathlib import Path

import numpy as np

SRC, OUT = Path(sys.argv[1]), Path(sys.argv[2])


def load(p):
    return np.load(SRC / p)["arr_0"].astype(np.float64)


def write(name, rec, unit, data, lat, lon, interp, p=None):
    lat, lon, data = np.asarray(lat), np.asarray(lon), np.asarray(data)
    lats, lons = lat[:, 0], lon[0, :]
    if lats[0] < lats[-1]:
        data, lats = data[::-1, :], lats[::-1]
    if lons[0] > lons[-1]:
        raise SystemExit(f"{name}: longitudes decrease")
    rows, cols = data.shape
    out = OUT / f"{name}.f64"
    out.parent.mkdir(parents=True, exist_ok=True)
    data.astype("<f8").tofile(out)  # float64: the validation rows need more than float32's 7 digits
    header = dict(name=name.split("/")[1], recommendation=rec, unit=unit, p_percent=p, file=out.name,
                  dtype="float64", byte_order="little-endian", row_order="north-to-south", rows=rows, cols=cols,
                  lat_first=float(lats[0]), lon_first=float(lons[0]),
                  lat_step=float(abs(lats[1] - lats[0])), lon_step=float(lons[1] - lons[0]),
                  interpolation=interp, nan_count=int(np.isnan(data).sum()))
    (OUT / f"{name}.json").write_text(json.dumps(header, indent=1))


for m in range(1, 13):
    write(f"p837-7/mt_month{m:02d}", "ITU-R P.837-7", "mm", load(f"837/v7_mt_month{m:02d}.npz"),
          load("837/v7_lat_mt.npz"), load("837/v7_lon_mt.npz"), "bilinear")
    write(f"p1510-1/t_month{m:02d}", "ITU-R P.1510-1", "K", load(f"1510/v1_t_month{m:02d}.npz"),
          load("1510/v1_lat.npz"), load("1510/v1_lon.npz"), "bilinear")
write("p1510-1/t_annual", "ITU-R P.1510-1", "K", load("1510/v1_t_annual.npz"), load("1510/v1_lat.npz"),
      load("1510/v1_lon.npz"), "bilinear")
write("p839-4/h0", "ITU-R P.839-4", "km", load("839/v4_esa0height.npz"), load("839/v4_esalat.npz"),
      load("839/v4_esalon.npz"), "bilinear")
write("p1511-1/topo_0dot5", "ITU-R P.1511-1", "km", load("1511/v1_topo_0dot5.npz"), load("1511/v1_lat.npz"),
      load("1511/v1_lon.npz"), "bicubic")
write("p836-6/topo_0dot5", "ITU-R P.836-6", "km", load("836/v6_topo_0dot5.npz"), load("836/v6_topolat.npz"),
      load("836/v6_topolon.npz"), "bicubic")
for stem in ["01", "02", "03", "05", "1", "2", "3", "5", "10", "20", "30", "50", "60", "70", "80", "90", "95", "99"]:
    for kind, unit in [("v", "kg/m2"), ("rho", "g/m3"), ("vsch", "km")]:
        write(f"p836-6/{kind}_{stem}", "ITU-R P.836-6", unit, load(f"836/v6_{kind}_{stem}.npz"),
              load("836/v6_lat.npz"), load("836/v6_lon.npz"), "bilinear")
    write(f"p453-13/nwet_{stem}", "ITU-R P.453-13", "N-units", load(f"453/v13_nwet_annual_{stem}.npz"),
          load("453/v13_lat_n.npz"), load("453/v13_lon_n.npz"), "bilinear")
for stem in ["001", "002", "003", "005", "01", "02", "03", "05", "1", "2", "3", "5", "10", "20", "30", "50",
             "60", "70", "80", "90", "95", "99", "100", "ml", "sl", "pl"]:
    name = stem if stem in ("ml", "sl", "pl") else f"l_{stem}"
    write(f"p840-9/{name}", "ITU-R P.840-9", "kg/m2", load(f"840/v9_{name}.npz"), load("840/v9_lat.npz"),
          load("840/v9_lon.npz"), "bilinear")
print("ok")
