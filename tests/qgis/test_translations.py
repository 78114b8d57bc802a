"""The zh_CN translation covers every user-visible string and keeps every placeholder."""

import string
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "farmland_grid_plugin" / "resources" / "i18n" / "farmland_grid_zh_CN.ts"


def messages(path):
    root = ET.parse(path).getroot()
    return {
        (ctx.findtext("name"), m.findtext("source")): m.find("translation")
        for ctx in root.iter("context")
        for m in ctx.iter("message")
    }


def placeholders(text):
    return sorted(f"{name}!{conv}" for _, name, _, conv in string.Formatter().parse(text) if name is not None)


def test_ts_file_is_up_to_date_with_the_sources(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "farmland_grid_plugin").rglob("*.py"))
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)], check=True, capture_output=True)
    assert set(messages(fresh)) == set(messages(TS)), "run `make update-ts` and translate the new strings"


def test_every_string_is_translated_with_the_same_placeholders():
    found = messages(TS)
    assert len(found) > 50
    for (context, source), translation in found.items():
        assert translation.get("type") != "unfinished" and translation.text, (context, source)
        assert placeholders(translation.text) == placeholders(source), (context, source)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in translation.text), (context, source)
