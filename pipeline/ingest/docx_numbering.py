"""Word styles and list numbering: the label Word shows in front of a list item.

Plain converters print "1. 1. 1. 1." for an auto-numbered list because the
numbers are not in the text. Word computes them from `numbering.xml`:
a paragraph's `numPr` (its own, or inherited from its style) names a `num`
instance, which points to an `abstractNum` with per-level start value, number
format and label template ("%1.%2."), optionally overridden per instance.
This module replays those counters in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from pipeline.ingest.clean import bullet_glyph

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"


def wattr(el: etree._Element | None, name: str) -> str | None:
    """A `w:`-namespaced attribute, or None."""
    return None if el is None else el.get(f"{_W}{name}")


def wval(parent: etree._Element | None, child: str) -> str | None:
    """`w:val` of a direct child element, or None."""
    if parent is None:
        return None
    el = parent.find(f"{_W}{child}")
    return wattr(el, "val") if el is not None else None


@dataclass
class Style:
    """What a paragraph style contributes to kind and numbering."""

    style_id: str
    name: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline_level: int | None = None


class Styles:
    """Paragraph styles with `basedOn` inheritance resolved on demand."""

    def __init__(self, styles_el: etree._Element | None) -> None:
        self._styles: dict[str, Style] = {}
        self.default_id: str | None = None
        if styles_el is None:
            return
        for st in styles_el.iter(f"{_W}style"):
            if wattr(st, "type") not in (None, "paragraph"):
                continue
            sid = wattr(st, "styleId") or ""
            ppr = st.find(f"{_W}pPr")
            numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
            ilvl = wval(numpr, "ilvl")
            outline = wval(ppr, "outlineLvl")
            self._styles[sid] = Style(
                style_id=sid,
                name=(wval(st, "name") or sid),
                based_on=wval(st, "basedOn"),
                num_id=wval(numpr, "numId"),
                ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
                outline_level=int(outline) if outline and outline.isdigit() else None,
            )
            if wattr(st, "default") in ("1", "true"):
                self.default_id = sid

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and its ancestors, nearest first (cycles cut)."""
        out: list[Style] = []
        seen: set[str] = set()
        sid = style_id or self.default_id
        while sid and sid not in seen and sid in self._styles:
            seen.add(sid)
            out.append(self._styles[sid])
            sid = self._styles[sid].based_on
        return out

    def name(self, style_id: str | None) -> str:
        chain = self.chain(style_id)
        return chain[0].name if chain else ""

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a style gives its paragraphs, inherited along basedOn."""
        num_id: str | None = None
        ilvl: int | None = None
        for st in self.chain(style_id):
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
        return num_id, ilvl

    def outline_level(self, style_id: str | None) -> int | None:
        for st in self.chain(style_id):
            if st.outline_level is not None:
                return st.outline_level
        return None


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    is_lgl: bool = False
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    pstyle: str | None = None


@dataclass
class _Num:
    abstract_id: str
    overrides: dict[int, Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


def _parse_level(lvl: etree._Element) -> Level:
    start = wval(lvl, "start")
    restart = wval(lvl, "lvlRestart")
    text_el = lvl.find(f"{_W}lvlText")
    fonts = lvl.find(f"{_W}rPr/{_W}rFonts")
    text = wattr(text_el, "val") if text_el is not None else None
    fmt = wval(lvl, "numFmt") or "decimal"
    if fmt == "bullet":
        text = _bullet_text(text or "", wattr(fonts, "ascii") if fonts is not None else None)
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=fmt,
        text=text if text is not None else "",
        is_lgl=lvl.find(f"{_W}isLgl") is not None and wattr(lvl.find(f"{_W}isLgl"), "val") not in ("0", "false"),
        restart=int(restart) if restart and restart.isdigit() else None,
        pstyle=wval(lvl, "pStyle"),
    )


def _bullet_text(text: str, font: str | None) -> str:
    """A bullet's glyph as seen: Symbol/Wingdings code points mapped to Unicode."""
    if font and font.lower().startswith("courier") and text == "o":
        return "◦"
    return bullet_glyph(text) if text else "•"


class Numbering:
    """Replays Word's list counters; call `label` once per numbered paragraph, in order."""

    def __init__(self, numbering_el: etree._Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNumId -> numStyleLink style id
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used_nums: set[str] = set()
        if numbering_el is None:
            return
        for absn in numbering_el.iter(f"{_W}abstractNum"):
            aid = wattr(absn, "abstractNumId") or ""
            self._abstract[aid] = {int(wattr(l, "ilvl") or 0): _parse_level(l) for l in absn.iter(f"{_W}lvl")}
            link = wval(absn, "numStyleLink")
            if link:
                self._style_link[aid] = link
        for num in numbering_el.iter(f"{_W}num"):
            nid = wattr(num, "numId") or ""
            entry = _Num(abstract_id=wval(num, "abstractNumId") or "")
            for ov in num.iter(f"{_W}lvlOverride"):
                ilvl = int(wattr(ov, "ilvl") or 0)
                so = wval(ov, "startOverride")
                if so and so.lstrip("-").isdigit():
                    entry.start_overrides[ilvl] = int(so)
                lvl = ov.find(f"{_W}lvl")
                if lvl is not None:
                    entry.overrides[ilvl] = _parse_level(lvl)
            self._nums[nid] = entry

    def _levels(self, num: _Num) -> dict[int, Level]:
        """The abstract's levels, following numStyleLink to the defining abstract."""
        aid = num.abstract_id
        for _ in range(5):
            link = self._style_link.get(aid)
            levels = self._abstract.get(aid, {})
            if levels and not link:
                break
            if link is None:
                break
            linked_num_id, _ = self._styles.numbering(link)
            linked = self._nums.get(linked_num_id or "")
            if linked is None or linked.abstract_id == aid:
                break
            aid = linked.abstract_id
        merged = dict(self._abstract.get(aid, {}))
        merged.update(num.overrides)
        return merged

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level whose `pStyle` is this style (style-linked lists carry no ilvl)."""
        num = self._nums.get(num_id)
        if num is None or style_id is None:
            return None
        for ilvl, lvl in self._levels(num).items():
            if lvl.pstyle == style_id:
                return ilvl
        return None

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """Advance the counters and return the label ("2.", "1.3", "a)", "•"), or None."""
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None
        num = self._nums[num_id]
        levels = self._levels(num)
        if ilvl not in levels:
            return None
        # Every instance of one abstract shares its counters, as Word counts: a start
        # override restarts them where that instance is first used, and the other instances
        # count on from there (LibreOffice writes an ODT item's start value this way). Only
        # an instance that redefines its levels keeps counters of its own.
        key = f"num:{num_id}" if num.overrides else f"abs:{num.abstract_id}"
        counters = self._counters.setdefault(key, [None] * 10)
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            for lv, start in num.start_overrides.items():
                if 0 <= lv < 10:
                    counters[lv] = start - 1
        lvl = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = lvl.start if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
            restart = levels.get(deeper, Level()).restart
            if restart != 0 and (restart is None or restart - 1 >= ilvl):
                counters[deeper] = None
        if lvl.fmt == "none":
            return None
        if lvl.fmt == "bullet":
            return lvl.text or "•"
        label = lvl.text
        for n in range(9, 0, -1):
            token = f"%{n}"
            if token not in label:
                continue
            ref = levels.get(n - 1, Level())
            value = counters[n - 1]
            if value is None:
                value = ref.start
            fmt = "decimal" if (lvl.is_lgl and n - 1 != ilvl) else ref.fmt
            label = label.replace(token, format_number(value, fmt))
        label = label.strip()
        return label or None


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def format_number(value: int, fmt: str) -> str:
    """One counter in Word's number format (decimal, roman, letters...)."""
    if fmt in ("lowerRoman", "upperRoman") and value > 0:
        out, n = "", value
        for arabic, roman in _ROMAN:
            while n >= arabic:
                out, n = out + roman, n - arabic
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # Word repeats the letter: a..z, aa..zz, aaa..
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "decimalEnclosedCircle" and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    return str(value)
