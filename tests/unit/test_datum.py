"""GCJ-02 ⇄ WGS 84: published reference points, round trips, the size of the offset, points outside China."""

import numpy as np
import pyproj
import pytest

from farmland_grid_plugin.domain.datum import gcj02_to_wgs84, in_china, wgs84_to_gcj02

# (WGS 84 lon, lat, GCJ-02 lon, lat) as published with the open-source implementations of the transform.
REFERENCE = [
    (121.5272106, 31.1774276, 121.531541859215, 31.17530398364597),  # Shanghai
    (113.912316, 22.543847, 113.9171764808363, 22.540796131694766),  # Shenzhen
    (116.377817, 39.911954, 116.38404722455657, 39.91334545536069),  # Beijing
    (116.404, 39.915, 116.41024449916938, 39.91640428150164),  # Beijing, Tiananmen
    (116.39089, 39.90734, 116.39713094, 39.90874107),  # Beijing
]
GEOD = pyproj.Geod(ellps="WGS84")


def test_published_reference_points():
    w_lon, w_lat, g_lon, g_lat = np.array(REFERENCE).T
    lon, lat = wgs84_to_gcj02(w_lon, w_lat)
    np.testing.assert_allclose(lon, g_lon, atol=1e-8)
    np.testing.assert_allclose(lat, g_lat, atol=1e-8)
    lon, lat = gcj02_to_wgs84(g_lon, g_lat)
    np.testing.assert_allclose(lon, w_lon, atol=1e-7)
    np.testing.assert_allclose(lat, w_lat, atol=1e-7)


def test_round_trip_over_china():
    lon, lat = np.meshgrid(np.arange(73.5, 135.0, 0.37), np.arange(18.2, 53.5, 0.29))
    lon, lat = lon.ravel(), lat.ravel()
    assert in_china(lon, lat).all()
    g_lon, g_lat = wgs84_to_gcj02(lon, lat)
    assert (np.hypot(g_lon - lon, g_lat - lat) > 1e-4).all()  # everywhere a real offset
    back_lon, back_lat = gcj02_to_wgs84(g_lon, g_lat)
    assert np.abs(back_lon - lon).max() < 1e-7 and np.abs(back_lat - lat).max() < 1e-7
    assert max(np.abs(back_lon - lon).max(), np.abs(back_lat - lat).max()) < 1e-9  # in fact far better


def test_offset_in_beijing_and_hebei_is_a_few_hundred_metres():
    lon, lat = np.meshgrid(np.linspace(113.5, 119.8, 25), np.linspace(36.1, 42.6, 25))
    lon, lat = lon.ravel(), lat.ravel()
    g_lon, g_lat = wgs84_to_gcj02(lon, lat)
    _, _, metres = GEOD.inv(lon, lat, g_lon, g_lat)
    assert metres.min() > 100 and metres.max() < 700
    back_lon, back_lat = gcj02_to_wgs84(g_lon, g_lat)
    _, _, error = GEOD.inv(lon, lat, back_lon, back_lat)
    assert error.max() < 1e-3  # under a millimetre


def test_outside_china_unchanged():
    lon = np.array([11.885, -94.29, 24.9, 139.7, 72.0, 137.9, 100.0, 100.0])
    lat = np.array([43.467, 39.05, 60.15, 35.7, 30.0, 30.0, 0.5, 56.0])
    assert not in_china(lon, lat).any()
    for convert in (wgs84_to_gcj02, gcj02_to_wgs84):
        out_lon, out_lat = convert(lon, lat)
        np.testing.assert_array_equal(out_lon, lon)
        np.testing.assert_array_equal(out_lat, lat)


def test_shapes_scalars_nan_and_inputs_untouched():
    lon, lat = np.array([116.4, np.nan, 10.0]), np.array([39.9, 30.0, 50.0])
    kept = lon.copy(), lat.copy()
    out_lon, out_lat = gcj02_to_wgs84(lon, lat)
    np.testing.assert_array_equal(lon, kept[0])
    np.testing.assert_array_equal(lat, kept[1])
    assert np.isnan(out_lon[1]) and out_lon[2] == 10.0 and out_lon[0] != 116.4
    s_lon, s_lat = wgs84_to_gcj02(116.4, 39.9)
    assert np.shape(s_lon) == () and float(s_lon) == pytest.approx(float(wgs84_to_gcj02([116.4], [39.9])[0][0]))
    grid = np.full((2, 3), 116.4), np.full((2, 3), 39.9)
    assert wgs84_to_gcj02(*grid)[0].shape == (2, 3)
    empty = gcj02_to_wgs84([], [])
    assert empty[0].shape == (0,) and empty[1].shape == (0,)
