# Farmland Grid Supervision — build, test and demo on Debian 12 (QGIS 3.22 LTR from Debian).
SHELL := /bin/bash
PLUGIN := farmland_grid_plugin
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := python3-qgis qgis-providers qgis xvfb python3-pyproj python3-gdal \
                qttools5-dev-tools pyqt5-dev-tools poppler-utils imagemagick fonts-wqy-microhei python3-matplotlib \
                python3-scipy python3-pil \
                postgresql-15 postgresql-15-postgis-3 python3-psycopg2 parallel
# Environment every QGIS-side command runs with: headless Qt, Debian's PROJ data, the venv's shapely
# visible to qgis_process.bin (it runs the system Python), and the plugin found from this tree.
export QT_QPA_PLATFORM ?= offscreen
export PROJ_DATA ?= /usr/share/proj
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)
QGIS_ENV := PYTHONPATH=$(CURDIR)/$(VENV)/lib/python3.11/site-packages QGIS_PLUGINPATH=$(CURDIR)
TS := $(PLUGIN)/resources/i18n/farmland_grid_zh_CN.ts
QM := $(TS:.ts=.qm)
# Translations of new strings (source<TAB>translation), merged by update-ts: NEW_TRANSLATIONS=file.tsv
NEW_TRANSLATIONS ?=
SOURCES := $(shell find $(PLUGIN) -name '*.py' -not -path '*/__pycache__/*')
VERSION := $(shell sed -n 's/^version=//p' $(PLUGIN)/metadata.txt)

.PHONY: setup test demo demo-postgis bench lint package translations update-ts screenshots clean

## setup: install QGIS from Debian and the venv (idempotent)
setup: .setup-done

.setup-done: requirements-dev.txt Makefile
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  echo "Installing QGIS and tools from Debian…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	fi
	@[ -x $(PY) ] || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	@touch $@

## translations: compile the zh_CN translation (.qm) QGIS loads
translations: $(QM)

$(QM): $(TS) | .setup-done
	lrelease -silent $< -qm $@

## update-ts: extract new strings from the sources into the .ts file (then translate them)
update-ts: .setup-done
	cp $(TS) build-previous.ts
	pylupdate5 -noobsolete $(SOURCES) -ts $(TS)
	$(PY) scripts/carry_translations.py build-previous.ts $(TS) $(wildcard $(NEW_TRANSLATIONS))
	rm -f build-previous.ts

## test: the whole test suite (unit + QGIS)
test: .setup-done translations
	$(PY) -m pytest -q tests

## demo: generate the sample county and run every algorithm on it with qgis_process
demo: .setup-done translations
	$(QGIS_ENV) $(PY) scripts/demo.py demo-output

## demo-postgis: the demo, then its workspace steps against a throw-away PostgreSQL workspace (a server of its own)
demo-postgis: .setup-done translations
	$(QGIS_ENV) $(PY) scripts/demo.py --postgis demo-output

## bench: benchmarks on generated counties of 100k and 500k parcels against the native chain
bench: .setup-done translations
	$(QGIS_ENV) $(PY) bench/bench.py --sizes 100000,500000 --out bench-output

## screenshots: README tour pictures from a real QGIS desktop under Xvfb (after make demo)
screenshots: .setup-done translations
	$(QGIS_ENV) bash scripts/screenshots.sh demo-output docs/screenshots

lint: .setup-done
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## package: a zip QGIS's "Install from ZIP" accepts, with compiled translations
package: translations
	rm -rf build/package && mkdir -p build/package dist
	cp -r $(PLUGIN) build/package/
	find build/package -name '__pycache__' -prune -exec rm -rf {} +
	rm -f build/package/$(PLUGIN)/resources/i18n/*.ts
	cd build/package && ../../$(PY) -m zipfile -c ../../dist/$(PLUGIN)-$(VERSION).zip $(PLUGIN)
	@echo "dist/$(PLUGIN)-$(VERSION).zip"

clean:
	rm -rf build dist demo-output bench-output $(QM)
