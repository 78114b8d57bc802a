"""The workspace store: cases, case events, code registry and evidence (GeoPackage, later PostGIS)."""
