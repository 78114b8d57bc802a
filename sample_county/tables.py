"""The roster of responsible persons and the target table, as a county hands them over in CSV."""

import csv

import numpy as np

from farmland_grid_plugin.domain.area import SQM_PER_MU
from farmland_grid_plugin.domain.unitcode import LEVEL_COUNTY, LEVEL_GROUP, LEVEL_TOWNSHIP, LEVEL_VILLAGE

from .units import bottom_cell_codes, person_name, phone_number

ROLE_CHIEF = "总责任人"
ROLE_DEPUTY = "副总责任人"
ROLE_RESPONSIBLE = "责任人"
ROLE_FIELD_KEEPER = "田管员"
DEPUTY_SHARE = 0.3


def _write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def write_roster(path, config, units, rng):
    """Responsible persons of every cell; returns bottom-cell grid code → 田管员 name."""
    rows = []

    def add(code, name, level, role):
        person = person_name(rng)
        rows.append((code, name, level, person, role, phone_number(rng)))
        return person

    for role in (ROLE_CHIEF, ROLE_RESPONSIBLE):
        add(config.county_code, config.county_name, LEVEL_COUNTY, role)
    cell_codes = bottom_cell_codes(units)
    field_keepers = {}
    for t, (t_code, t_name) in enumerate(zip(units.township_codes, units.township_names)):
        for role in (ROLE_CHIEF, ROLE_RESPONSIBLE):
            add(t_code, t_name, LEVEL_TOWNSHIP, role)
        for v in np.flatnonzero(units.village_township == t):
            v_code, v_name = units.village_codes[v], units.village_names[v]
            add(v_code, v_name, LEVEL_VILLAGE, ROLE_RESPONSIBLE)
            if rng.random() < DEPUTY_SHARE:
                add(v_code, v_name, LEVEL_VILLAGE, ROLE_DEPUTY)
            for c in np.flatnonzero(units.cell_village == v):
                # A village without groups is its own bottom cell and has the field keeper itself.
                level = LEVEL_GROUP if units.cell_numbers[c] else LEVEL_VILLAGE
                field_keepers[cell_codes[c]] = add(cell_codes[c], units.cell_names[c], level, ROLE_FIELD_KEEPER)
    _write_csv(path, ("unit_code", "unit_name", "level", "person", "role", "phone"), rows)
    return field_keepers


def write_targets(path, config, units, parcels, pbf, village, rng):
    columns = parcels["columns"]
    township = units.village_township[village]
    farmland = parcels["farmland"]
    n = config.townships
    farmland_mu = np.bincount(township[farmland], columns["TBDLMJ"][farmland], minlength=n) / SQM_PER_MU
    pbf_mu = np.bincount(township[pbf["index"]], pbf["columns"]["JBNTMJ"], minlength=n) / SQM_PER_MU
    codes = [config.county_code, *units.township_codes]
    names = [config.county_name, *units.township_names]
    actual = np.column_stack([np.r_[farmland_mu.sum(), farmland_mu], np.r_[pbf_mu.sum(), pbf_mu]])
    targets = actual * rng.uniform(0.97, 1.03, actual.shape)
    rows = [(c, m, f"{f:.2f}", f"{p:.2f}") for c, m, (f, p) in zip(codes, names, targets)]
    _write_csv(path, ("unit_code", "unit_name", "farmland_target_mu", "pbf_target_mu"), rows)
