"""pdfminer's view of a page's fonts, for the fast layer to borrow.

pdfium places glyphs exactly like pdfminer, but three things it cannot give
the way pdfminer (and so pdfplumber) does:

- the descent that sets a char's top and bottom: pdfminer takes the font
  descriptor's /Descent as written (0 in LibreOffice exports), pdfium
  invents one from the glyphs when it is 0 — enough to split a line in two;
- the font name with its subset tag ("BAAAAA+Arial"), which list-label rules
  compare; pdfium drops the tag;
- which Unicode text the font's maps can produce at all: pdfium guesses
  text for glyphs pdfminer cannot map (a Czech file with a non-Unicode
  CMap comes out scrambled), so a char outside the font's alphabet means
  the fast layer must not be trusted on that page.

Building pdfminer's font objects reads only the font dictionaries and their
ToUnicode maps (cached per document), not the page's content stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFType3Font
from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, resolve1
from pdfminer.psparser import PSLiteral, literal_name
from pdfplumber.page import fix_fontname_bytes

_MAX_FORM_DEPTH = 8


@dataclass(frozen=True)
class FontInfo:
    """What the fast layer needs of one font, as pdfminer sees it."""

    name: str | None  # pdfminer's font name; None when two subsets share the base name
    descent: float  # pdfminer's descent per unit of font size (negative)
    alphabet: frozenset[str]  # every char the font's Unicode maps can produce


def strip_subset(name: str) -> str:
    """"BAAAAA+Arial" -> "Arial": the subset tag is six capitals and a plus."""
    return name[7:] if len(name) > 7 and name[6] == "+" and name[:6].isupper() else name


class PageFonts:
    """The fonts a page's resources (and its forms' resources) name, by base
    name without subset tag — the one name pdfium and pdfminer share."""

    def __init__(self, rsrcmgr: Any, resources: Any,
                 alphabets: dict[int, tuple[PDFFont, frozenset[str]]]):
        self._by_name: dict[str, list[PDFFont]] = {}
        self._alphabets = alphabets  # per pdfminer font object, shared by the document
        self._collect(rsrcmgr, resources, set(), 0)

    def match(self, base_name: str) -> FontInfo | str:
        """pdfminer's font info for a pdfium font's base name, or why there is none."""
        found = self._by_name.get(strip_subset(base_name))
        if not found:
            return "font not matched"
        if any(isinstance(f, PDFType3Font) or f.is_vertical() for f in found):
            return "Type3 or vertical font"
        if any(isinstance(f, PDFCIDFont) and not f.unicode_map for f in found):
            return "font without Unicode map"
        descents = {f.get_descent() for f in found}
        if len(descents) > 1:
            return "font metrics differ"
        names = {_fontname(f.fontname) for f in found}
        if not all(names) or len({strip_subset(n) for n in names}) > 1:
            return "font names differ"
        alphabet = frozenset().union(*(self._alphabet(f) for f in found))
        return FontInfo(names.pop() if len(names) == 1 else None, descents.pop(), alphabet)

    def _collect(self, rsrcmgr: Any, resources: Any, seen: set[int], depth: int) -> None:
        res = dict_value(resources)
        for spec in dict_value(res.get("Font", {})).values():
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            spec = dict_value(spec)
            font = rsrcmgr.get_font(objid, spec)
            found = self._by_name.setdefault(strip_subset(_name(spec.get("BaseFont"))), [])
            if all(f is not font for f in found):
                found.append(font)
        if depth >= _MAX_FORM_DEPTH:
            return
        for ref in dict_value(res.get("XObject", {})).values():
            key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
            xobj = resolve1(ref)
            if key in seen or not isinstance(xobj, PDFStream):
                continue
            seen.add(key)
            if _name(xobj.get("Subtype")) == "Form" and xobj.get("Resources") is not None:
                self._collect(rsrcmgr, resolve1(xobj.get("Resources")), seen, depth + 1)

    def _alphabet(self, font: PDFFont) -> frozenset[str]:
        """Chars pdfminer can output for this font: ToUnicode map plus encoding."""
        cached = self._alphabets.get(id(font))
        if cached is None or cached[0] is not font:  # the font is kept: ids stay unique
            texts: list[str] = []
            cmap = getattr(font, "unicode_map", None)
            texts += getattr(cmap, "cid2unichr", {}).values()
            texts += (getattr(font, "cid2unicode", None) or {}).values()
            cached = (font, frozenset("".join(t for t in texts if isinstance(t, str))))
            self._alphabets[id(font)] = cached
        return cached[1]


def _fontname(name: Any) -> str:
    """The name pdfplumber gives a char's font ("" when it is not a name)."""
    if isinstance(name, bytes):
        return fix_fontname_bytes(name)
    return name if isinstance(name, str) else ""


def _name(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = literal_name(value)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value if isinstance(value, str) else ""
