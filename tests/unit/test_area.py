import numpy as np
import pyproj
import pytest
import shapely

from farmland_grid_plugin.domain.area import SQM_PER_MU, EllipsoidalArea, planar_areas, sqm_to_mu
from farmland_grid_plugin.domain.messages import DomainError

GK39 = pyproj.CRS.from_epsg(4527).to_wkt()
CGCS2000 = pyproj.CRS.from_epsg(4490).to_wkt()


def geodesic_area(geom, crs_wkt):
    """Independent reference: pyproj's geodesic polygon area on the CRS's ellipsoid."""
    crs = pyproj.CRS.from_wkt(crs_wkt)
    to_geo = pyproj.Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
    lonlat = shapely.transform(geom, lambda c: np.column_stack(to_geo.transform(c[:, 0], c[:, 1])))
    geod = pyproj.Geod(a=crs.ellipsoid.semi_major_metre, rf=crs.ellipsoid.inverse_flattening)
    return abs(geod.geometry_area_perimeter(lonlat)[0])


def test_mu_conversion():
    assert SQM_PER_MU == pytest.approx(666.6666667)
    np.testing.assert_allclose(sqm_to_mu([10000.0, 666.6666666666666]), [15.0, 1.0])


def test_ellipsoidal_areas_match_geodesic_reference_in_gauss_kruger():
    rng = np.random.default_rng(1)
    centres = np.column_stack([39_480_000 + rng.uniform(0, 60_000, 20), 4_230_000 + rng.uniform(0, 60_000, 20)])
    geoms = np.array([shapely.Point(x, y).buffer(rng.uniform(20, 400), 8) for x, y in centres], dtype=object)
    calc = EllipsoidalArea(GK39)
    got = calc.areas(geoms)
    expected = [geodesic_area(g, GK39) for g in geoms]
    np.testing.assert_allclose(got, expected, rtol=1e-7)
    # Gauss-Krüger scale distortion makes planar areas differ measurably 20 km off the central meridian.
    assert not np.allclose(planar_areas(geoms), expected, rtol=1e-5)
    assert calc.label == "ellipsoidal:CGCS2000"


def test_ellipsoidal_areas_on_geographic_cgcs2000():
    square = shapely.box(117.0, 38.0, 117.01, 38.01)
    got = EllipsoidalArea(CGCS2000).areas([square, None, shapely.Polygon()])
    assert got[0] == pytest.approx(geodesic_area(square, CGCS2000), rel=1e-7)
    assert got[1] == 0 and got[2] == 0


def test_no_crs_is_a_clear_error():
    with pytest.raises(DomainError, match="no coordinate reference system"):
        EllipsoidalArea("")
