"""The dashboard as people see it: tables of texts, matplotlib charts in a Chinese font, the HTML
report and its PDF. Everything but ``pdf`` is free of Qt, so it is tested without QGIS."""
