"""Cut GPX files: everything complete before the cut is kept, well-formed, and the line of the cut named."""

import xml.etree.ElementTree as ET

import pytest

from farmland_grid_plugin.domain.gpx import salvage

from ..corpus import CORPUS

CORPUS_FILES = sorted((CORPUS / "gpx").glob("*.gpx"))

TRACK = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>巡田 1</name><trkseg>
    <trkpt lat="34.1" lon="109.1"><time>2026-03-02T01:00:00Z</time></trkpt>
    <trkpt lat="34.2" lon="109.2"><time>2026-03-02T01:01:00Z</time></trkpt>
  </trkseg></trk>
  <trk><name>巡田 2</name><trkseg>
    <trkpt lat="34.3" lon="109.3"><time>2026-03-02T02:00:00Z</time></trkpt>
    <trkpt lat="34.4" lon="109.4"><time>2026-03-02T02:01:00Z</time></trkpt>
    <trkpt lat="34.5" lon="109.5"><time>2026-03-02T02:02:00Z</time></trkpt>
  </trkseg></trk>
</gpx>
"""
NS = {"g": "http://www.topografix.com/GPX/1/1"}


def points(data):
    root = ET.fromstring(data)
    return [[p.get("lat") for p in trk.iterfind(".//g:trkpt", NS)] for trk in root.iterfind("g:trk", NS)]


def test_corpus_files_are_whole():
    assert len(CORPUS_FILES) >= 20
    for path in CORPUS_FILES:
        assert salvage(path.read_bytes()) is None, path.name


def test_a_file_cut_inside_a_point_keeps_the_complete_points_and_tracks():
    data = TRACK.encode("utf-8")
    cut = data[: data.index(b"34.5") + 10]  # inside the last point
    result = salvage(cut)
    assert points(result.data) == [["34.1", "34.2"], ["34.3", "34.4"]]
    assert result.line == 10
    assert "巡田 2".encode() in result.data


def test_every_cut_keeps_exactly_the_points_written_before_it():
    data = TRACK.encode("utf-8")
    for end in range(len(data) - 8, 0, -7):
        result = salvage(data[:end])
        assert result is not None
        kept = sum(len(t) for t in points(result.data)) if result.data else 0  # nothing before the first point
        written = data[:end].count(b"</trkpt>")
        assert kept == written, end


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_cut_corpus_files_stay_readable(path):
    data = path.read_bytes()
    result = salvage(data[: len(data) * 2 // 3])
    assert result is not None and result.line >= 1
    assert not result.data or ET.fromstring(result.data) is not None  # empty, or well-formed
