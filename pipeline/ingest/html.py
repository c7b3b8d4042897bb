"""HTML reader: the visible text of a web page as ordered blocks, without the
site around it (scripts, menus, search, cookie bars, "related" boxes, ads).

Minutes on the web are either a saved page (a CMS article, a slide-sharing
transcript) or Word's "Save as HTML". The page is parsed by lxml with a
parser that neither fetches nor executes anything. Charset: BOM, then the
declared <meta> charset, then detection (windows-1250 pages often declare
nothing).

Blocks: p/div/section text -> paragraph; h1-h6 -> heading (level 1-6);
li -> list_item (level = ul/ol depth, label "•" or the ordered number);
td/th -> table_cell with table_id/row/col (nested blocks inside a cell stay
in the cell, joined by \\n). <br> ends a block, except inside a cell. A table
whose cells hold tables or headings, or that has one column, is layout, not
data: its cells are read as ordinary blocks. <pre> is read like a text file,
each line a block (lists and headings typed in it are recognised).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import lxml.html
from lxml import etree

from pipeline.config import load
from pipeline.ingest import txt
from pipeline.ingest.clean import bullet_glyph, clean_text
from pipeline.ingest.encoding import decode, declared_html_charset
from pipeline.model import Block, BlockKind, IngestError, IngestResult

NO_TEXT = "no text: the HTML page has no readable content after removing scripts, menus and boilerplate"
TRUNCATED = ("the page nests elements deeper than the HTML parser allows (2048 levels, usually "
             "thousands of unclosed tags); text after that point is missing")
_NL = "\u2028"  # a hard line break inside a block; survives whitespace collapsing
# Characters lxml refuses in a tree (control characters, non-characters, lone surrogates);
# none is visible, and clean_text would drop them anyway.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; not NBSP, which is visible
_TOKEN = re.compile(r"[\s_-]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HIDDEN = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.I)
_MSO_LEVEL = re.compile(r"mso-list\s*:[^;]*?\blevel(\d)", re.I)
_OL_STYLES = {"decimal": "1", "lower-alpha": "a", "lower-latin": "a", "upper-alpha": "A",
              "upper-latin": "A", "lower-roman": "i", "upper-roman": "I", "none": "none"}
_PRE_TAGS = {"pre", "listing", "xmp", "plaintext"}
_LIST_TAGS = {"ul", "ol", "dir", "menu"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_MAX_SPAN = 100  # rowspan/colspan beyond this are authoring errors, not layout


@dataclass(frozen=True)
class _Rules:
    drop: frozenset[str]  # dropped with their subtree, always
    guarded: frozenset[str]  # dropped unless they hold most of the page
    chrome: frozenset[str]
    content: frozenset[str]
    never_drop: frozenset[str]
    tokens: frozenset[str]
    roles: frozenset[str]
    share: float
    block: frozenset[str]
    word_list: tuple[str, ...]


@dataclass
class _Ctx:
    """The block that inline text currently flows into."""

    kind: BlockKind = "paragraph"
    level: int | None = None
    label: str | None = None  # list label still to be shown ("1.", "•")
    number: str | None = None  # the ordered label's number, to spot text that already shows it
    labelled: bool = False  # the label has been put on a block
    table_id: int | None = None
    row: int | None = None
    col: int | None = None
    word_list: bool = False  # Word list paragraph: label typed in the text
    closes: str | None = None  # what to pop when the element ends: list, table, cell, pre


@dataclass
class _List:
    ordered: bool
    style: str  # "1", "a", "A", "i", "I", "none", "disc"
    counter: int = 1
    step: int = 1


@dataclass
class _Table:
    layout: bool
    table_id: int | None = None
    row: int = -1
    cursor: int = 0
    taken: set[tuple[int, int]] = field(default_factory=set)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    cfg = load("ingest")["html"]
    guarded = frozenset(cfg["guarded_tags"])
    return _Rules(
        drop=frozenset(cfg["drop_tags"]) - guarded,
        guarded=guarded,
        chrome=frozenset(cfg["chrome_tags"]),
        content=frozenset(cfg["content_tags"]),
        never_drop=frozenset(cfg["never_drop"]),
        tokens=frozenset(t.lower() for t in cfg["boilerplate_tokens"]),
        roles=frozenset(r.lower() for r in cfg["boilerplate_roles"]),
        share=float(cfg["content_share"]),
        block=frozenset(cfg["block_tags"]),
        word_list=tuple(cfg["list_paragraph_classes"]),
    )


def read(data: bytes) -> IngestResult:
    """Read an HTML file's bytes into ordered blocks."""
    text, encoding = _decode(data)
    root, truncated = _parse(text)
    warnings = [f"some bytes are not valid {encoding} and show as U+FFFD; letters may be missing"] \
        if "\ufffd" in text else []
    rules = _rules()
    _strip(root, rules)
    walker = _Walker(rules, _words(root))
    walker.run(root)
    if not walker.blocks:
        raise IngestError(NO_TEXT + (f" ({TRUNCATED})" if truncated else ""))
    if truncated:
        return IngestResult(blocks=walker.blocks, n_pages=None, status="partial", error=TRUNCATED,
                            warnings=warnings)
    return IngestResult(blocks=walker.blocks, n_pages=None, warnings=warnings)


def _decode(data: bytes) -> tuple[str, str]:
    """BOM, then the declared charset, then detection; returns (text, encoding)."""
    declared = declared_html_charset(data)
    if declared and re.match(r"(?i)(utf-?16|utf-?32|ucs-?2|unicode)", declared):
        declared = "utf-8"  # WHATWG: the <meta> was readable as ASCII, so the file is not UTF-16
    text, encoding = decode(data, declared)
    return _NOT_XML.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n")), encoding


def _parse(text: str) -> tuple[etree._Element, bool]:
    """Parse the text re-encoded as UTF-8 (a <meta> that lies cannot re-decode it).
    Returns (root, whether the parser stopped early at its depth limit).

    huge_tree lifts libxml2's nesting limit from 256 to 2048: pages with hundreds of
    unclosed <font> tags are real, and past the limit libxml2 drops the rest of the
    page. HTML parsing expands no entities, so there is no bomb to guard against."""
    if not text.strip():
        raise IngestError(NO_TEXT)
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                                  remove_pis=True, recover=True, default_doctype=False, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise IngestError(f"{NO_TEXT} (the parser found no document: {exc})") from None
    truncated = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, truncated


def _strip(root: etree._Element, rules: _Rules) -> None:
    """Remove what is never visible: scripts, styles, images, forms' controls, hidden elements."""
    doomed = [el for el in root.iter(etree.Element)
              if _tag(el) not in rules.never_drop and (_tag(el) in rules.drop or _hidden(el))]
    for el in doomed:
        el.drop_tree()  # keeps the tail text, which belongs to the parent


def _tag(el: etree._Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _hidden(el: etree._Element) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


def _words(el: etree._Element) -> int:
    return sum(len(t.split()) for t in el.itertext())


def _tokens(el: etree._Element) -> set[str]:
    """class/id words, split at -, _, white space and camelCase ("mainNav" -> main, nav)."""
    tokens: set[str] = set()
    for value in (el.get("class") or "", el.get("id") or ""):
        for name in value.split():
            tokens.add(name.lower())
            tokens.update(t.lower() for t in _TOKEN.split(_CAMEL.sub("-", name)) if t)
    return tokens


class _Walker:
    """One pass over the tree in document order, turning text into blocks."""

    def __init__(self, rules: _Rules, total_words: int) -> None:
        self.rules = rules
        self.total_words = max(total_words, 1)
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.stack: list[_Ctx] = [_Ctx()]
        self.lists: list[_List] = []
        self.tables: list[_Table] = []
        self.n_tables = 0
        self.cell: _Ctx | None = None  # the data cell being filled, if any
        self.pre = 0  # depth of <pre> elements
        self.pending: _Ctx | None = None  # a list item whose label no block has shown yet

    def run(self, root: etree._Element) -> None:
        """Walk with an explicit stack: pages nest deeper than Python's recursion limit."""
        todo: list[tuple[etree._Element, str | None]] = [(root, None)]
        while todo:
            el, entered_as = todo.pop()
            if entered_as is not None:
                self._leave(el, entered_as)
                self._text(el.tail)
                continue
            tag = _tag(el)
            if not tag or self._skip(el, tag):
                self._text(el.tail)  # the tail is the parent's text
                continue
            if tag == "br":
                self._break()
                self._text(el.tail)
                continue
            todo.append((el, self._enter(el, tag)))
            self._text(el.text)
            todo.extend((child, None) for child in reversed(el))
        self._flush()

    def _enter(self, el: etree._Element, tag: str) -> str:
        """Start an element; returns how it was entered: inline, block or cell_block."""
        if tag not in self.rules.block:
            return "inline"  # its text joins the current block
        if self.cell is not None:
            self._enter_cell_block(el, tag)
            return "cell_block"
        self._flush()
        self.stack.append(self._open(el, tag))
        return "block"

    def _leave(self, el: etree._Element, entered_as: str) -> None:
        if entered_as == "cell_block":
            self._leave_cell_block(_tag(el))
        elif entered_as == "block":
            self._flush()
            self._close(self.stack.pop())

    def _text(self, text: str | None) -> None:
        if text:
            self.buf.append(text.replace("\r\n", "\n").replace("\n", _NL) if self.pre else text)

    def _break(self) -> None:
        if self.cell is not None or self.pre:
            self.buf.append(_NL)
        else:
            self._flush()

    def _skip(self, el: etree._Element, tag: str) -> bool:
        """Site chrome: guarded tags, page-level header/footer, boilerplate class/id/role."""
        rules = self.rules
        if tag in rules.never_drop:
            return False
        if tag in rules.guarded:
            return _words(el) < rules.share * self.total_words
        if tag in rules.chrome and not any(_tag(a) in rules.content for a in el.iterancestors()):
            return True
        roles = set((el.get("role") or "").lower().split())
        if "main" in roles:
            return False  # <div role="main"> is <main>
        if _tokens(el) & rules.tokens or roles & rules.roles:
            return not self._is_wrapper(el)
        return False

    def _is_wrapper(self, el: etree._Element) -> bool:
        """A chrome-looking element that holds the page's content (e.g. "has-sidebar" on the content div)."""
        if el.find(".//main") is not None or el.find(".//article") is not None \
                or el.find(".//*[@role='main']") is not None:
            return True
        return _words(el) >= self.rules.share * self.total_words

    # -- blocks ----------------------------------------------------------------

    def _open(self, el: etree._Element, tag: str) -> _Ctx:
        if tag in _HEADINGS:
            return _Ctx("heading", level=_HEADINGS[tag])
        if tag == "li":
            return self._list_item(el)
        if tag in _LIST_TAGS:
            self.lists.append(_list_state(el, tag))
            self.pending = None  # an item that opens with a sublist shows no text of its own
            return _Ctx(closes="list")
        if tag == "table":
            self.tables.append(self._table_state(el))
            return _Ctx(closes="table")
        if tag == "tr" and self.tables and not self.tables[-1].layout:
            self.tables[-1].row += 1
            self.tables[-1].cursor = 0
        if tag in {"td", "th"} and self.tables and not self.tables[-1].layout:
            return self._cell(el)
        if tag in _PRE_TAGS:
            self.pre += 1
            return _Ctx(closes="pre")
        if tag in {"p", "div"} and self._is_word_list(el):
            match = _MSO_LEVEL.search(el.get("style") or "")
            return _Ctx(level=int(match.group(1)) if match else 1, word_list=True)
        return _Ctx()

    def _close(self, ctx: _Ctx) -> None:
        if ctx.closes == "list":
            self.lists.pop()
        elif ctx.closes == "table":
            self.tables.pop()
        elif ctx.closes == "cell":
            self.cell = None
        elif ctx.closes == "pre":
            self.pre -= 1
        if self.pending is ctx:
            self.pending = None

    def _list_item(self, el: etree._Element) -> _Ctx:
        label, number = _next_label(el, self.lists[-1] if self.lists else None)
        ctx = _Ctx("list_item", level=max(len(self.lists), 1), label=label, number=number)
        self.pending = ctx
        return ctx

    def _table_state(self, el: etree._Element) -> _Table:
        if _is_layout_table(el):
            return _Table(layout=True)
        self.n_tables += 1
        return _Table(layout=False, table_id=self.n_tables - 1)

    def _cell(self, el: etree._Element) -> _Ctx:
        table = self.tables[-1]
        row = max(table.row, 0)
        col = table.cursor
        while (row, col) in table.taken:
            col += 1
        rowspan, colspan = _span(el.get("rowspan")), _span(el.get("colspan"))
        table.taken.update((r, c) for r in range(row, row + rowspan) for c in range(col, col + colspan))
        table.cursor = col + colspan
        self.cell = _Ctx("table_cell", table_id=table.table_id, row=row, col=col, closes="cell")
        return self.cell

    def _enter_cell_block(self, el: etree._Element, tag: str) -> None:
        """Blocks inside a data cell stay in the cell, one per line."""
        self.buf.append(_NL)
        if tag in _LIST_TAGS:
            self.lists.append(_list_state(el, tag))
        if tag == "li":
            label, _ = _next_label(el, self.lists[-1] if self.lists else None)
            if label:
                self.buf.append(label + " ")
        if tag in _PRE_TAGS:
            self.pre += 1

    def _leave_cell_block(self, tag: str) -> None:
        if tag in _PRE_TAGS:
            self.pre -= 1
        if tag in _LIST_TAGS:
            self.lists.pop()
        self.buf.append(_NL)

    def _is_word_list(self, el: etree._Element) -> bool:
        classes = (el.get("class") or "").split()
        if any(c.startswith(self.rules.word_list) for c in classes):
            return True
        return bool(_MSO_LEVEL.search(el.get("style") or ""))

    # -- emitting --------------------------------------------------------------

    def _flush(self) -> None:
        if not self.buf:
            return
        raw = "".join(self.buf)
        self.buf.clear()
        ctx = self.stack[-1]
        if self.pre and self.cell is None:
            self.blocks.extend(txt.blocks_from_lines(raw.split(_NL)))
            return
        text = clean_text(_SPACE.sub(" ", raw).replace(_NL, "\n"))
        if text:
            self._emit(ctx, text)

    def _emit(self, ctx: _Ctx, text: str) -> None:
        if ctx.word_list:
            self.blocks.append(_word_list_block(text, ctx.level))
            return
        kind, level, label = ctx.kind, ctx.level, None
        owner = ctx if ctx.kind == "list_item" and not ctx.labelled else None
        if owner is None and self.pending is not None and ctx.kind in {"paragraph", "heading"}:
            owner = self.pending  # <li><p>text</p></li>: the paragraph shows the item's label
        if owner is not None:
            owner.labelled = True
            if self.pending is owner:
                self.pending = None
            label = owner.label
            if kind == "paragraph":
                kind, level = "list_item", owner.level
            if label:
                text = _with_label(label, owner.number, text)
        self.blocks.append(Block(kind=kind, text=text, level=level, label=label,
                                 table_id=ctx.table_id, row=ctx.row, col=ctx.col))


def _list_state(el: etree._Element, tag: str) -> _List:
    """Numbering of a ul/ol from its type, start, reversed and list-style."""
    style_match = _LIST_STYLE.search(el.get("style") or "")
    css = style_match.group(1).lower() if style_match else ""
    if tag != "ol":
        return _List(ordered=False, style="none" if css == "none" else "disc")
    style = _OL_STYLES.get(css) or (el.get("type") if el.get("type") in {"1", "a", "A", "i", "I"} else "1")
    items = sum(1 for child in el if _tag(child) == "li")
    reverse = el.get("reversed") is not None
    start = _int(el.get("start"))
    counter = start if start is not None else (items if reverse else 1)
    return _List(ordered=True, style=style, counter=counter, step=-1 if reverse else 1)


def _next_label(el: etree._Element, lst: _List | None) -> tuple[str | None, str | None]:
    """(label, number) of the next item; an li outside any list gets a bullet."""
    if lst is None:
        return "•", None
    if not lst.ordered:
        return (None, None) if lst.style == "none" else ("•", None)
    value = _int(el.get("value"))
    if value is not None:
        lst.counter = value
    n, lst.counter = lst.counter, lst.counter + lst.step
    if lst.style == "none":
        return None, None
    item_type = el.get("type")
    number = _format_number(n, item_type if item_type in {"1", "a", "A", "i", "I"} else lst.style)
    return f"{number}.", number


def _format_number(n: int, style: str) -> str:
    if n <= 0 or style == "1":
        return str(n)
    if style in {"a", "A"}:
        letters = ""
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters if style == "a" else letters.upper()
    roman = ""
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        roman += numeral * count
    return roman if style == "i" else roman.upper()


def _with_label(label: str, number: str | None, text: str) -> str:
    """Put the label before the text unless the text already starts with it."""
    if number is not None:
        if text == number or text.startswith(number) and text[len(number)] in ".)":
            return text
    elif text.startswith(label):
        return text
    return f"{label} {text}"


def _word_list_block(text: str, level: int | None) -> Block:
    """A Word list paragraph: the label is typed text ("·  Text", "1.  Text")."""
    marker = txt.list_marker(text)
    if marker:
        label, rest = marker.label, marker.rest
    else:
        head, _, rest = text.partition(" ")
        if not (0 < len(head) <= 2 and not head.isalnum() and rest):
            return Block(kind="paragraph", text=text)
        label = bullet_glyph(head)
    return Block(kind="list_item", text=f"{label} {rest.strip()}", level=level, label=label)


def _is_layout_table(el: etree._Element) -> bool:
    """A table used to lay out a page rather than hold data."""
    if (el.get("role") or "").lower() in {"presentation", "none"}:
        return True
    rows = [tr for tr in el.iter("tr") if next(tr.iterancestors("table"), None) is el]
    cells = [c for tr in rows for c in tr if _tag(c) in {"td", "th"}]
    if max((sum(1 for c in tr if _tag(c) in {"td", "th"}) for tr in rows), default=0) <= 1:
        return True
    nested = ("table", *_HEADINGS)
    return any(cell.find(f".//{t}") is not None for cell in cells for t in nested)


def _int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _span(value: str | None) -> int:
    n = _int(value)
    return min(n, _MAX_SPAN) if n and n > 0 else 1
