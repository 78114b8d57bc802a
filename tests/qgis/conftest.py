"""Fixtures for tests that need QGIS: the registered provider and a generated sample county."""

import pytest
from farmland_grid_plugin.sample.county import CountyConfig, generate_county
from qgis.core import QgsApplication

SMALL_COUNTY = CountyConfig(townships=3, villages=4, groups=3, parcels=1500, photos=2, track_weeks=1)


@pytest.fixture(scope="session")
def provider(qgis_processing):
    from farmland_grid_plugin.processing.provider import FarmlandGridProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("farmlandgrid") is None:
        registry.addProvider(FarmlandGridProvider())
    return registry.providerById("farmlandgrid")


@pytest.fixture(scope="session")
def county(tmp_path_factory):
    return generate_county(tmp_path_factory.mktemp("county"), SMALL_COUNTY)


@pytest.fixture(scope="session")
def county_config():
    return SMALL_COUNTY
