<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../processing/base.py" line="65"/>
        <source>Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {available}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="53"/>
        <source>Level lengths must be four increasing whole numbers for county, township, village and group (such as 6,9,12,15), got {text!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="79"/>
        <source>The unit code is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="82"/>
        <source>Unit code {code!r} has a non-digit character {char!r} at position {pos}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="89"/>
        <source>Unit code {code!r} starts with {prefix!r}, which is no province code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="106"/>
        <source>Unit code {code!r} has {length} characters; expected {full} (or at least {village}, down to the village)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="115"/>
        <source>city</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="115"/>
        <source>county</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="115"/>
        <source>township</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="115"/>
        <source>village</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="123"/>
        <source>Unit code {code!r} has a {part} part of zeros (characters {start}–{end})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="149"/>
        <source>Unit code {code!r} names a unit below the villager group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="160"/>
        <source>Unit code {code!r} has {length} characters; a grid code has {lengths} or {full}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="138"/>
        <source>Parcel {id} has no geometry; it is left out of the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="153"/>
        <source>Parcel {id} has an invalid geometry ({reason}); it was repaired and used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="176"/>
        <source>Parcel {id} has no usable area value; its geometry area is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="204"/>
        <source>Parcel {id}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="233"/>
        <source>Boundary {id}: {error}; the boundary is not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="283"/>
        <source>Parcel {id} has unit code {code} but lies in boundary {boundary}; it is counted in {boundary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="328"/>
        <source>Farmland of parcel {id} ({code}) lies outside every boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="409"/>
        <source>Parcels overlap inside cell {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="539"/>
        <source>Cells {code} and {other} overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="568"/>
        <source>Cell {code} reaches outside its parent {parent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="593"/>
        <source>Roster row {id}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="605"/>
        <source>Roster row {id} names unit {code}, which has no grid cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="625"/>
        <source>Cell {code} ({name}) has no responsible person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/area.py" line="42"/>
        <source>The layer has no coordinate reference system, so no ellipsoidal area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../domain/area.py" line="46"/>
        <source>The CRS {name!r} has no ellipsoid, so no ellipsoidal area</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DelineateGridAlgorithm</name>
    <message>
        <location filename="../../processing/delineate_grid.py" line="101"/>
        <source>Delineate supervision grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="104"/>
        <source>Supervision grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="110"/>
        <source>Builds the grid cells of the county, township, village and villager-group levels from land-survey parcels (DLTB), and checks the grid.

Inputs: the parcel layer; its location-unit code field (ZLDWDM, 19 characters); its land-class field (DLBM) and the classes counted as farmland (0101,0102,0103; K/A suffixes are ignored); the area field (TBDLMJ, m², the official net area; leave it empty to measure the geometry ellipsoidally on the layer CRS's ellipsoid, or planar). Cells are dissolved from parcels on code prefixes of 6, 9, 12 and 15 characters; a group part of 000 makes the village the bottom cell. Optional official boundaries (e.g. CJDCQ, code field ZLDWDM) replace the dissolved cells and assign parcels by location. An optional roster (CSV or table: unit_code, person, role, phone) gives responsible persons.

Outputs: grid cells with grid_code, level (3–6), parent_code, unit_name, farmland_mu (亩; 1 亩 = 666.67 m²), parcel counts, area_method and persons; and an issues layer listing gaps, overlaps, cells outside their parent, code mismatches, cells without a responsible person, invalid codes and invalid geometries, each with its area in 亩. Clean input gives an empty issues layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="127"/>
        <source>Parcels (DLTB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="130"/>
        <source>Location unit code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="133"/>
        <source>Land class field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="134"/>
        <source>Farmland land classes (comma separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="139"/>
        <source>Area field in m² (empty: measure geometry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Geometry area method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Ellipsoidal (layer CRS ellipsoid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Planar (layer CRS units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="157"/>
        <source>Unit name field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="158"/>
        <source>Parcel identifier field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="159"/>
        <source>Code prefix lengths of county, township, village, group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="164"/>
        <source>Roster of responsible persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169"/>
        <source>Roster unit code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169"/>
        <source>Roster person field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169"/>
        <source>Roster role field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169"/>
        <source>Roster phone field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169"/>
        <source>Roster unit name field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="177"/>
        <source>Official boundaries (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="182"/>
        <source>Boundary code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="185"/>
        <source>Boundary name field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="188"/>
        <source>Smallest gap or overlap reported (m²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="197"/>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="198"/>
        <source>Grid issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="199"/>
        <source>Number of cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="200"/>
        <source>Number of issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="201"/>
        <source>Farmland in the county cells (亩)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="206"/>
        <source>The parcel layer could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="213"/>
        <source>Name at least one farmland land class, such as 0101,0102,0103</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="228"/>
        <source>Planar areas of a geographic CRS are in square degrees; choose the ellipsoidal method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="230"/>
        <source>Reading parcels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="260"/>
        <source>Delineating cells…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="343"/>
        <source>Boundaries are in {0}; they are reprojected to the parcels&apos; {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="359"/>
        <source>No roster given: responsible persons are not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="391"/>
        <source>Level {0} ({1}): {2} cells, {3:.2f} 亩 farmland</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="397"/>
        <source>Issue {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="399"/>
        <source>No issues found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FarmlandGridPlugin</name>
    <message>
        <location filename="../../plugin.py" line="40"/>
        <source>Farmland Grid Supervision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="40"/>
        <source>Missing Python packages, please install: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="47"/>
        <source>Farmland Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="49"/>
        <source>Delineate supervision grid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="68"/>
        <source>&amp;Farmland Grid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FarmlandGridProvider</name>
    <message>
        <location filename="../../processing/provider.py" line="15"/>
        <source>Farmland grid supervision</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
