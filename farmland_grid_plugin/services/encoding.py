"""Text encodings of the files offices really have.

A roster or targets table saved by Excel in China is GBK (no BOM), and so is many a Shapefile
without a ``.cpg``. GDAL hands such bytes to QGIS undecoded, QGIS decodes them as UTF-8, and every
Chinese name turns into U+FFFD without a word. The rule here: a file whose text decodes as UTF-8 is
UTF-8; otherwise it is GB18030 (a superset of GBK and GB2312), and the run says it guessed.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from qgis.core import QgsProviderRegistry, QgsVectorLayer

UTF8, GB18030 = "UTF-8", "GB18030"
AUTO = ""
#: what a user may force (advanced parameter): automatic, or one of these
CHOICES = (AUTO, UTF8, GB18030)
_SAMPLE_BYTES = 32 * 1024 * 1024  # tables are small; a huge file is judged on its first 32 MiB
_TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
# DBF language driver ids that GDAL already recodes from (GBK, Big5 and the like): leave them to it.
_DBF_DECLARED = {0x4D, 0x4E, 0x4F, 0x7A, 0x78}


@dataclass(frozen=True)
class EncodingGuess:
    """The encoding a file's text was read in; ``guessed`` when it was not declared by the file."""

    path: str
    encoding: str
    guessed: bool


def _decodes_as_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A sample cut in the middle of a character is still UTF-8.
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True


def _dbf_text(dbf: Path) -> Optional[bytes]:
    """The record bytes of a DBF whose encoding is not declared (no .cpg, no language driver id)."""
    if dbf.with_suffix(".cpg").exists() or dbf.with_suffix(".CPG").exists():
        return None
    with open(dbf, "rb") as handle:
        header = handle.read(32)
        if len(header) < 32 or header[29] in _DBF_DECLARED:
            return None
        handle.seek(int.from_bytes(header[8:10], "little"))
        return handle.read(_SAMPLE_BYTES)


def text_bytes(path: Path) -> Optional[bytes]:
    """The undeclared text of a CSV or Shapefile that GDAL passes to QGIS undecoded; None for other files."""
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        with open(path, "rb") as handle:
            return handle.read(_SAMPLE_BYTES)
    if suffix in (".shp", ".dbf"):
        dbf = path.with_suffix(".dbf")
        return _dbf_text(dbf) if dbf.exists() else None
    return None


def guess_encoding(path: Path) -> Optional[EncodingGuess]:
    """UTF-8 (with or without BOM) when the file's text decodes so, else GB18030; None when GDAL decodes it."""
    data = text_bytes(path)
    if data is None:
        return None
    if data.startswith(b"\xef\xbb\xbf") or _decodes_as_utf8(data):
        return EncodingGuess(str(path), UTF8, False)
    return EncodingGuess(str(path), GB18030, True)


def layer_file(layer: QgsVectorLayer) -> Optional[Path]:
    """The file behind an OGR layer, or None for other providers."""
    if layer is None or layer.providerType() != "ogr":
        return None
    path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path", "")
    return Path(path) if path and Path(path).is_file() else None


def reencoded_layer(layer: QgsVectorLayer, forced: str = AUTO) -> tuple:
    """``(layer, guess)``: a copy of ``layer`` reading its text in the right encoding when that differs from
    the encoding QGIS would use, else ``layer`` itself; ``guess`` is None when nothing had to be decided."""
    path = layer_file(layer)
    if path is None:
        return layer, None
    guess = EncodingGuess(str(path), forced, False) if forced else guess_encoding(path)
    if guess is None or guess.encoding.upper() == (layer.dataProvider().encoding() or UTF8).upper():
        return layer, guess if guess is not None and guess.guessed else None
    copy = QgsVectorLayer(layer.source(), layer.name(), "ogr")
    copy.setProviderEncoding(guess.encoding)
    copy.setSubsetString(layer.subsetString())
    return copy, guess
