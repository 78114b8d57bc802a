"""Fill new, unfinished messages of a .ts file with the translation the same source text had before.

When code moves to another class, pylupdate files its strings under the new context as unfinished
(at best with a guess); the translation is the same, so it is taken from the previous .ts (any
context) when there is one.
Usage: carry_translations.py OLD.ts NEW.ts [EXTRA.tsv …]  (NEW is rewritten in place); each EXTRA
file gives translations of new strings, one ``source<TAB>translation`` a line (``\n`` for a newline).
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


def extra_translations(paths):
    extra = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                source, text = line.split("\t", 1)
                extra[source.replace("\\n", "\n")] = text.replace("\\n", "\n")
    return extra


def main(old_path, new_path, *extra_paths):
    known = {**known_translations(old_path), **extra_translations(extra_paths)}
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
    main(*sys.argv[1:])
