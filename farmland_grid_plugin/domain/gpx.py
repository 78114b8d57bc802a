"""GPX files cut short: a phone whose battery died while writing leaves a file that ends mid-point.

An XML reader refuses such a file whole, and every complete track in it would be lost. What was
written before the cut is good data: ``salvage`` keeps the file up to the last complete point (or
track, route, waypoint) and closes the elements still open there, so any GPX reader takes it.
"""

from dataclasses import dataclass
from typing import Optional
from xml.parsers import expat

# Elements after whose end the file is whole again up to that point.
_COMPLETE = {"trkpt", "trkseg", "trk", "rtept", "rte", "wpt", "metadata"}


@dataclass(frozen=True)
class Salvaged:
    """The readable part of a cut GPX file, closed properly, and where reading stopped (1-based line)."""

    data: bytes
    line: int
    error: str


def salvage(data: bytes) -> Optional[Salvaged]:
    """None when ``data`` is well-formed XML; else the part before the first error, its open elements closed."""
    parser = expat.ParserCreate()
    stack = []
    last = {"end": None, "open": []}

    def start(name, _attributes):
        stack.append(name)

    def end(name):
        stack.pop()
        if name.rpartition(":")[2] in _COMPLETE:
            # CurrentByteIndex is where the end tag starts; the kept part runs to its closing '>'.
            last["end"] = data.index(b">", parser.CurrentByteIndex) + 1
            last["open"] = list(stack)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        if last["end"] is None:
            kept = b""
        else:
            closing = "".join(f"</{name}>" for name in reversed(last["open"]))
            kept = data[: last["end"]] + closing.encode("ascii")
        return Salvaged(kept, exc.lineno, expat.ErrorString(exc.code))
    return None
