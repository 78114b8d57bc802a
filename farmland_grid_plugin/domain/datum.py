"""GCJ-02 (the offset datum of maps and phone apps in China, 火星坐标) to and from WGS 84, on numpy arrays.

GCJ-02 adds to WGS 84 a deliberate, smoothly varying offset of a few hundred metres, given by the
published polynomial-and-sine formulas on the Krasovsky ellipsoid. The forward direction is that
formula; the inverse has no closed form and is solved by fixed-point iteration to far below a
millimetre. Points outside mainland China's approximate bounding box are not offset by GCJ-02
and are returned unchanged, as the apps themselves do.
"""

import numpy as np

KRASOVSKY_A = 6378245.0  # semi-major axis, m
KRASOVSKY_EE = 0.00669342162296594323  # first eccentricity squared
CHINA_LON = (72.004, 137.8347)
CHINA_LAT = (0.8293, 55.8271)
INVERSE_TOLERANCE = 1e-10  # degrees (about 0.01 mm)
INVERSE_MAX_ITERATIONS = 30


def in_china(lon, lat):
    """True where a point lies in the box where GCJ-02 applies (NaN counts as outside)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return (lon >= CHINA_LON[0]) & (lon <= CHINA_LON[1]) & (lat >= CHINA_LAT[0]) & (lat <= CHINA_LAT[1])


def _offset(lon, lat):
    """(Δlon, Δlat) in degrees that GCJ-02 adds at WGS 84 (lon, lat)."""
    x, y = lon - 105.0, lat - 35.0
    pi = np.pi
    waves_x = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    d_lat = d_lat + waves_x
    d_lat = d_lat + (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    d_lat = d_lat + (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    d_lon = d_lon + waves_x
    d_lon = d_lon + (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    d_lon = d_lon + (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    # The formulas give metres on the Krasovsky ellipsoid; turn them into degrees at this latitude.
    phi = lat / 180.0 * pi
    w = 1.0 - KRASOVSKY_EE * np.sin(phi) ** 2
    sqrt_w = np.sqrt(w)
    d_lat = d_lat * 180.0 / (KRASOVSKY_A * (1.0 - KRASOVSKY_EE) / (w * sqrt_w) * pi)
    d_lon = d_lon * 180.0 / (KRASOVSKY_A / sqrt_w * np.cos(phi) * pi)
    return d_lon, d_lat


def _arrays(lon, lat):
    lon, lat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return lon.copy(), lat.copy()


def wgs84_to_gcj02(lon, lat):
    """(lon, lat) arrays in GCJ-02 of WGS 84 coordinates in degrees; outside China unchanged."""
    lon, lat = _arrays(lon, lat)
    inside = in_china(lon, lat)
    d_lon, d_lat = _offset(lon[inside], lat[inside])
    lon[inside] += d_lon
    lat[inside] += d_lat
    return lon, lat


def gcj02_to_wgs84(lon, lat):
    """(lon, lat) arrays in WGS 84 of GCJ-02 coordinates in degrees; outside China unchanged.

    Iterates w ← w − (gcj(w) − g) from w = g: the offset changes so slowly with position that
    each step gains about five digits; stops when every point moves less than 1e-10°.
    """
    lon, lat = _arrays(lon, lat)
    inside = in_china(lon, lat)
    g_lon, g_lat = lon[inside], lat[inside]
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(INVERSE_MAX_ITERATIONS):
        d_lon, d_lat = _offset(w_lon, w_lat)
        err_lon, err_lat = w_lon + d_lon - g_lon, w_lat + d_lat - g_lat
        w_lon, w_lat = w_lon - err_lon, w_lat - err_lat
        if not err_lon.size or max(np.abs(err_lon).max(), np.abs(err_lat).max()) < INVERSE_TOLERANCE:
            break
    lon[inside] = w_lon
    lat[inside] = w_lat
    return lon, lat
