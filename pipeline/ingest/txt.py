"""Plain-text reader: one non-empty line is one block.

TXT minutes are exports (Word "save as text", markdown-ish converters), so a
line's shape is all the structure there is: a bullet or a typed number makes
a list item, `#` a heading, indentation the list depth. Markdown emphasis
markers are conversion artefacts and go. The line classifier is public
because the HTML reader runs `<pre>` text and Word list paragraphs through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from pipeline.config import load
from pipeline.ingest.clean import bullet_glyph, clean_text
from pipeline.ingest.encoding import decode
from pipeline.model import Block, BlockKind, IngestError, IngestResult

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?$")
_BOLD = re.compile(r"\*\*|__(?=\w)|(?<=\w)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_HYPHENATED = re.compile(r"[^\W\d_]-$")  # a letter, then the hyphen that ends the line
_DATE = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")
_INDENT = re.compile(r"^[ \t\u00a0\u3000]*")


@dataclass(frozen=True)
class ListMarker:
    """A list label found at the start of a line."""

    label: str  # as a reader sees it: "•", "✓", "1.", "1/", "a)"
    rest: str  # the line after the label
    ordered: bool
    ambiguous: bool = False  # a marker that is also a word ("o"): needs context


@dataclass(frozen=True)
class _Rules:
    bullets: tuple[str, ...]  # longest first, so "- ✓" style combos are tried whole
    need_space: frozenset[str]
    ambiguous: frozenset[str]
    aliases: dict[str, str]
    numbered: re.Pattern[str]
    months: frozenset[str]
    tab_width: int


@dataclass
class _Line:
    """One classified non-empty line, before list levels are known."""

    indent: int
    kind: BlockKind
    text: str
    label: str | None = None
    level: int | None = None
    ambiguous: bool = False
    plain: str = ""  # the text as a paragraph, if an ambiguous marker is rejected


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    cfg = load("ingest")
    txt = cfg["txt"]
    numbered = "|".join([cfg["list_markers"]["numbered"], *txt["extra_numbered"]])
    return _Rules(
        bullets=tuple(sorted((b for b in cfg["list_markers"]["bullets"] if b), key=len, reverse=True)),
        need_space=frozenset(txt["bullets_need_space"]),
        ambiguous=frozenset(txt["ambiguous_bullets"]),
        aliases=dict(txt["bullet_aliases"]),
        # the lookahead lets the engine try the next alternative ("1/" after "1" fails)
        numbered=re.compile(rf"^(?:{numbered})(?=\s|(?<=[.)/])[^\W\d_])"),
        months=frozenset(m.lower() for m in txt["months"]),
        tab_width=int(txt["tab_width"]),
    )


def read(data: bytes) -> IngestResult:
    """Read a plain-text file's bytes into ordered blocks."""
    text, encoding = decode(data)
    blocks = blocks_from_lines(text.splitlines())
    if not blocks:
        raise IngestError("empty text file: it decodes to nothing visible (only whitespace or "
                          "invisible characters); check that the export did not fail")
    warnings = []
    if "\ufffd" in text:
        warnings.append(f"some bytes are not valid {encoding} and show as U+FFFD; "
                        "re-save the file as UTF-8 if letters are missing")
    return IngestResult(blocks=blocks, warnings=warnings)


def blocks_from_lines(lines: Iterable[str]) -> list[Block]:
    """Classify lines into blocks; list levels come from indentation (1 = top)."""
    parsed = [_parse(line) for line in join_hyphenated(fixed_width_tables(list(lines)))]
    _resolve_ambiguous(parsed)
    blocks: list[Block] = []
    indents: list[int] = []  # indentation of the open list levels
    for line in parsed:
        if line is None:
            continue  # blank lines neither end a list nor make a block
        if line.kind != "list_item":
            indents.clear()
            blocks.append(Block(kind=line.kind, text=line.text, level=line.level))
            continue
        while indents and indents[-1] > line.indent:
            indents.pop()
        if not indents or indents[-1] < line.indent:
            indents.append(line.indent)
        blocks.append(Block(kind="list_item", text=line.text, level=len(indents), label=line.label))
    return blocks


_RULE = re.compile(r"\s*[-=]{3,}(?:\s+[-=]{3,})+\s*")


def fixed_width_tables(lines: list[str]) -> list[str]:
    """A table a text export aligned with spaces, under a rule of dashes per column
    ("Žadatel      Služba" / "-------  ------" / rows): its cells joined by tabs, as other
    exports write tables (clean_text would fold the aligning spaces into one); the rule goes.
    The rows run to the first blank line."""
    out = list(lines)
    for i, line in enumerate(lines):
        if i == 0 or not _RULE.fullmatch(line) or not lines[i - 1].strip():
            continue
        starts = [m.start() for m in re.finditer(r"[-=]+", line)]
        out[i - 1] = _cut_columns(lines[i - 1], starts)
        out[i] = ""
        for j in range(i + 1, len(lines)):
            if not lines[j].strip():
                break
            out[j] = _cut_columns(lines[j], starts)
    return out


def _cut_columns(line: str, starts: list[int]) -> str:
    """The line's cells at the column starts, joined by tabs."""
    bounds = starts[1:] + [len(line)]
    cells = [line[a:b].strip() for a, b in zip([0] + starts[1:], bounds)]
    return "\t".join(cells).rstrip("\t")


def join_hyphenated(lines: list[str]) -> list[str]:
    """Rejoin a word split at a line end ("sociál-" + "ních"): the split is a
    line-wrapping artefact when the next line goes on in lower case."""
    out: list[str] = []
    for line in lines:
        nxt = line.strip()
        if out and _HYPHENATED.search(out[-1].rstrip()) and nxt[:1].islower() \
                and list_marker(clean_text(nxt)) is None:
            out[-1] = out[-1].rstrip()[:-1] + nxt
        else:
            out.append(line)
    return out


def strip_markdown(text: str) -> str:
    """Drop markdown bold/italic markers left by converters (**x**, *x*, __x__)."""
    return _ITALIC.sub(r"\1", _BOLD.sub("", text))


def list_marker(text: str) -> ListMarker | None:
    """The bullet or typed number a (stripped) line starts with, if any."""
    return _bullet(text) or _number(text)


def _bullet(text: str) -> ListMarker | None:
    rules = _rules()
    for marker in rules.bullets:
        if not text.startswith(marker):
            continue
        rest = text[len(marker):]
        spaced = rest[:1].isspace()
        if marker in rules.need_space and not spaced:
            continue
        glyph, rest = marker, rest.strip()
        inner = _inner_bullet(rest) if spaced else None
        if inner:  # "- ✓ text": the dash is the converter's, the check mark is the document's
            glyph, rest = inner, rest[len(inner):].strip()
        label = rules.aliases.get(glyph) or bullet_glyph(glyph)
        ambiguous = glyph in rules.ambiguous and not text[len(marker):].startswith("\t")
        return ListMarker(label=label, rest=rest, ordered=False, ambiguous=ambiguous)
    return None


def _inner_bullet(rest: str) -> str | None:
    """A symbol bullet right after an outer marker ("- ✓ x"); words like "o" do not count."""
    for marker in _rules().bullets:
        if rest.startswith(marker) and not marker.isalnum() and rest[len(marker):][:1].isspace():
            return marker
    return None


def _number(text: str) -> ListMarker | None:
    rules = _rules()
    match = rules.numbered.match(text)
    if not match:
        return None
    label, rest = match.group(0), text[match.end():]
    if not label.endswith((".", ")", "/")) and "." not in label:
        return None  # a bare number ("2018 ...") is not a label
    if any(part.startswith("0") and len(part) > 1 for part in label.rstrip(".)/").split(".")[1:]):
        return None  # "10.00", "1.000": a time or an amount
    if not rest[:1].isspace() and not (label.endswith((".", ")", "/")) and rest[:1].isupper()):
        return None  # "1.Úvod" is a label, "1.1.2018" and "2)x" are not
    rest = rest.strip()
    first = re.split(r"[\s,.;:]", rest, maxsplit=1)[0].lower()
    if not rest or _DATE.match(text) or first in rules.months:
        return None  # "12. dubna 2018", "1. 1. 2018": a date
    return ListMarker(label=label, rest=rest, ordered=True)


def _parse(raw: str) -> _Line | None:
    indent = _indent_width(raw)
    content = clean_text(strip_markdown(raw)).strip()
    if not content:
        return None
    heading = _HEADING.match(content)
    if heading and heading.group(2).strip("# \t"):
        return _Line(indent, "heading", heading.group(2).strip(), level=len(heading.group(1)))
    marker = list_marker(content)
    if marker:
        return _Line(indent, "list_item", f"{marker.label} {marker.rest}", label=marker.label,
                     ambiguous=marker.ambiguous and indent == 0, plain=content)
    return _Line(indent, "paragraph", content)


def _indent_width(raw: str) -> int:
    lead = _INDENT.match(raw).group(0)  # type: ignore[union-attr]  # the pattern matches any string
    return sum(_rules().tab_width if ch == "\t" else 1 for ch in lead)


def _resolve_ambiguous(lines: list[_Line | None]) -> None:
    """Keep an "o ..." line as a list item only beside another list item."""
    present = [line for line in lines if line is not None]
    for i, line in enumerate(present):
        if not (line.kind == "list_item" and line.ambiguous):
            continue
        neighbours = present[max(i - 1, 0):i] + present[i + 1:i + 2]
        if not any(n.kind == "list_item" for n in neighbours):
            line.kind, line.text, line.label = "paragraph", line.plain, None
