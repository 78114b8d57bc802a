"""What several algorithms and docks share: reading sources, writing sinks and tables, CRS and areas,
farmland per unit, QR files, layouts, tracks and dashboard inputs.

Services speak QGIS and GDAL but know nothing of Processing parameters: they raise ``DomainError``
with a translatable Message, which the algorithm base turns into a QgsProcessingException.
"""
