"""Fill new, unfinished messages of a .ts file with the translation the same source text had before.

When code moves to another class, pylupdate files its strings under the new context as unfinished
(at best with a guess); the translation is the same, so it is taken from the previous .ts (any
context) when there is one.
Usage: carry_translations.py OLD.ts NEW.ts  (NEW is rewritten in place).
"""

import re
import sys
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from xml.sax.saxutils import escape

UNFINISHED = re.compile(
    r"(?P<head><source>(?P<source>[^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?)"
    r"<translation type=\"unfinished\">[^<]*</translation>",
    re.S,
)


def known_translations(path):
    known = {}
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.text and translation.get("type") not in ("unfinished", "obsolete"):
            known.setdefault(message.findtext("source"), translation.text)
    return known


def main(old_path, new_path):
    known = known_translations(old_path)
    counts = {"carried": 0, "missing": 0}

    # Edit the text, not a parsed tree, so the file keeps pylupdate's own layout.
    def fill(match):
        text = known.get(unescape(match.group("source")))
        if text is None:
            counts["missing"] += 1
            return match.group(0)
        counts["carried"] += 1
        return match.group("head") + f"<translation>{escape(text)}</translation>"

    content = Path(new_path).read_text(encoding="utf-8")
    content = UNFINISHED.sub(fill, content)
    Path(new_path).write_text(content, encoding="utf-8")
    print(f"{counts['carried']} translations carried over, {counts['missing']} still to translate")


if __name__ == "__main__":
    main(*sys.argv[1:3])
