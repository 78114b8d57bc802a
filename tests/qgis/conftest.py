"""Fixtures for tests that need QGIS: the registered provider and a generated sample county."""

import contextlib
import gc
import types

import pytest
from qgis.core import QgsApplication

from sample_county.county import CountyConfig, generate_county

SMALL_COUNTY = CountyConfig(townships=3, villages=4, groups=3, parcels=1500, photos=2, track_weeks=1)


@pytest.fixture(scope="session", autouse=True)
def _release_failed_runs(qgis_app):
    """Free what failed algorithm runs still hold before QGIS exits.

    QGIS 3.22's processing exception handler fetches the Python error and never releases it, so the
    frames of a failed run (processing.run down to processAlgorithm) keep their parameters, layers
    among them, alive. Destroyed at interpreter exit, after exitQgis, those layers crash the process.
    """
    yield
    for obj in gc.get_objects():
        if isinstance(obj, types.FrameType):
            with contextlib.suppress(RuntimeError):  # a frame still executing cannot be cleared
                obj.clear()
    gc.collect()


_registered = []  # Python must keep the provider alive: the registry does not own its Python half.


@pytest.fixture
def provider(qgis_processing):
    """The farmlandgrid provider, registered anew if a test (of the plugin) removed it."""
    from farmland_grid_plugin.processing.provider import FarmlandGridProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("farmlandgrid") is None:
        _registered.append(FarmlandGridProvider())
        registry.addProvider(_registered[-1])
    return registry.providerById("farmlandgrid")


@pytest.fixture(scope="session")
def county(tmp_path_factory):
    return generate_county(tmp_path_factory.mktemp("county"), SMALL_COUNTY)


@pytest.fixture(scope="session")
def county_config():
    return SMALL_COUNTY


@pytest.fixture(scope="session")
def postgis():
    from .postgis import PostgisServer

    server = PostgisServer().start()
    yield server
    server.stop()
