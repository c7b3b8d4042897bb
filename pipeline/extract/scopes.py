"""Which plan item (goal, measure or activity) a position of the document falls under.

One analysis per document, built from the plan relation's rows and shared by every relation
that ties what it finds to a plan item (organisations, services, capacity, attendees):
`plan_scopes(document, result)`. An item's scope starts where its row starts (inside a block
too: a slide flattened into one paragraph holds several items) and runs to the next item, a
heading that is no item, or the next section of the minutes ("K bodu 3", "Ad 2)", an agenda
item), also when that is a line inside a block; after a bulleted list of sibling items of
one line each, a paragraph of running text is no detail of the last item. An item without a number scopes to its
parent. A line that names its item itself ("K opatření 4.2: ...") is tied to that item
wherever it stands (`explicit_item`). Item numbers are outlines of figures ("2", "1.3.1") or
start with a capital letter or a Roman numeral ("B", "B.2", "IV", "II.3"), or with capitals glued to
figures ("S1", "S1.2"): `ITEM_NUMBER`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract.common import alternation, body_offset
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.patterns import word_class
from pipeline.extract.text import fold, line_spans

# A plan item's number as written: figures ("2", "1.3.1"), or a capital letter or a Roman
# numeral first ("B", "B.2", "IV", "II.3"); case-sensitive.
ITEM_NUMBER = r"(?:\d+|[A-Z]{1,2}\d+|[IVX]+|[A-Z])(?:\.\d+)*"
_PLAN_NUMBER = re.compile(rf"{ITEM_NUMBER}\.?")
_ITEM_NUMBER = re.compile(ITEM_NUMBER)
# The same over folded (lower-case) text: what it finds counts when the written text is an ITEM_NUMBER.
_FOLDED_NUMBER = r"(?:\d+|[a-z]{1,2}\d+|[ivx]+|[a-z])(?:\.\d+)*"
_YEAR_LIKE = re.compile(r"\d{4,}")
_AGENDA_MARK = re.compile(r"^(?:\d{1,2}|[ivx]{1,4})\s*[.)]\s*")  # "4) Informace poskytovatelů"
# Each plan table with its kind, number column and parent's number column.
PLAN_TABLES = (("activities", "activity", "activity_no", "measure_no"), ("measures", "measure", "measure_no", "goal_no"),
               ("goals", "goal", "goal_no", None))


@dataclass(frozen=True)
class PlanItem:
    """A plan item as the plan relation wrote it: its kind, number, parent's number and where
    its title starts (block, offset)."""

    kind: str
    number: str | None
    parent: str | None
    block_id: int
    start: int

    @property
    def scope(self) -> str | None:
        """The number the lines under it are tied to: its own, else its parent's."""
        return self.number or self.parent


def plan_items(result: Extraction) -> list[PlanItem]:
    """The plan rows of a result as typed items (activities, then measures, then goals)."""
    out = []
    for table, kind, key, parent in PLAN_TABLES:
        for row in result.tables.get(table, []):
            number, above = row.get(key), row.get(parent) if parent else None
            out.append(PlanItem(kind, str(number).rstrip(".") if number else None,
                                str(above).rstrip(".") if above else None, row["block_id"], int(row.get("char_start") or 0)))
    return out


def plan_number(text: str) -> str | None:
    """The text is one plan item number ("1.2.1", "1.2.", "B.2", "III"): the number without
    its trailing dot; None for anything else ("2024", "č. 5", "a)")."""
    value = text.strip()
    if not _PLAN_NUMBER.fullmatch(value):
        return None
    value = value.rstrip(".")
    return None if _YEAR_LIKE.fullmatch(value) else value


def _written(text: str, match: re.Match[str]) -> str | None:
    """The item number a match over `fold(text)` found, as written, if written as one ("B.2", not "b.2")."""
    number = text[match.start(1):match.end(1)]
    return number if _ITEM_NUMBER.fullmatch(number) else None


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str], re.Pattern[str]]:
    """configs/organisations.toml [items]: section markers, a line's reference to its item, and
    an item named anywhere in a sentence (its nouns, the plan labels "akt.", "opatř." and the
    inflected labels of items named in sentences, configs/plan.toml [prose] mention_labels)."""
    cfg = load("organisations")["items"]
    markers = tuple(re.compile(p, re.IGNORECASE) for p in cfg["section_markers"])
    nouns, preps = alternation(cfg["reference_nouns"]), alternation(cfg["reference_prepositions"])
    reference = re.compile(rf"^\s*(?:{preps})\s+(?:{nouns})\s+({_FOLDED_NUMBER})\.?(?=[\s:,;–-]|$)")
    named = alternation([*cfg["reference_nouns"], *word_class("@plan.labels.activity"), *word_class("@plan.labels.measure"),
                         *word_class("@plan.prose.mention_labels.activity"),  # inflected: "doporučuje aktivitu 3.2.1 …"
                         *word_class("@plan.prose.mention_labels.measure")])
    anywhere = re.compile(rf"(?<!\w)(?:{named})\s*({_FOLDED_NUMBER})\.?(?=[\s:,;)–-]|$)")
    return markers, reference, anywhere


def explicit_item(text: str) -> str | None:
    """The plan number a line opens with when it names its item: "K opatření 4.2: ...",
    "ke cíli 1 ...", "U aktivity 1.1.2 ...", "K prioritě B:"; None for anything else."""
    match = _patterns()[1].match(fold(text))
    return _written(text, match) if match else None


@lru_cache(maxsize=1)
def _labelled() -> re.Pattern[str]:
    labels = alternation([*word_class("@plan.labels.activity"), *word_class("@plan.labels.measure")])
    return re.compile(rf"^\s*(?:[-–•]\s+)?(?:{labels})\s+(\d+(?:\.\d+)+)\.?(?=\s)")


def labelled_item(text: str) -> str | None:
    """The dotted number of a block that opens with an activity or measure label the plan
    relation left without a row ("Aktivita 1.3.1 Zřízení ... – realizátor: X" whose number
    the plan had already taken): the block's mentions are tied to that item, not to the
    item above it."""
    match = _labelled().match(fold(text))
    return _written(text, match) if match else None


_SENTENCE_END = re.compile(r"[.!?]\s*$")
_BULLETED = re.compile(r"\s*[–—•·▪◦*-]\s")  # a bullet typed before an item ("– Opatření 1.2 ...")


def _running_text(block: BlockView) -> bool:
    """A paragraph of running text (a long sentence ending with a full stop), no detail line of
    an item ("Realizátor: X", "navýšení o 2 místa")."""
    return block.kind == "paragraph" and not block.label and len(block.text.split()) >= 12 \
        and _SENTENCE_END.search(block.text) is not None


def section_break(block: BlockView, agenda: set[str]) -> bool:
    """A block that opens another section of the minutes ("K bodu 3", "Ad 2)", "4. Různé")."""
    return _breaks(block.text, agenda) or _breaks(block.text[body_offset(block):], agenda)


def _breaks(line: str, agenda: set[str]) -> bool:
    """A line that opens another section of the minutes: a section marker or an agenda item."""
    text = line.strip()
    if any(p.match(text) for p in _patterns()[0]):
        return True
    body = fold(text).strip().rstrip(":")
    if body in agenda:
        return bool(body) and len(body) < 80
    body = _AGENDA_MARK.sub("", body)
    return bool(body) and body in agenda and len(body) < 80


class PlanScopes:
    """The plan items of a document and the scope of each: which item a position falls under
    (`at`), the blocks under any item (`in_plan`), where an item starts (`block_of`, `title_of`)."""

    def __init__(self, blocks: Sequence[BlockView], result: Extraction):
        self.items = plan_items(result)
        self.starts: dict[int, list[tuple[int, str]]] = {}
        for item in self.items:
            if item.scope:
                self.starts.setdefault(item.block_id, []).append((item.start, item.scope))
        for found in self.starts.values():
            found.sort()
        # number -> where its items start, in the order of `starts` (looked up per figure and mention)
        self.where: dict[str, list[tuple[int, int]]] = {}
        for block_id, found in self.starts.items():
            for start, n in found:
                self.where.setdefault(n, []).append((block_id, start))
        agenda = {fold(str(r.get("title", ""))).strip() for r in result.tables.get("agenda_items", [])}
        item_blocks = {item.block_id for item in self.items}
        self.entry: dict[int, str | None] = {}
        self.named: dict[int, str] = {}
        # Inside a block: (position, number or None at a section break) in order, and the
        # lines that name their item (start, end, number).
        self.events: dict[int, list[tuple[int, str | None]]] = {}
        self.named_lines: dict[int, list[tuple[int, int, str]]] = {}
        self.in_plan: set[int] = set()
        current: str | None = None
        inside = False
        kinds: dict[int, set[str]] = {}
        for item in self.items:
            kinds.setdefault(item.block_id, set()).add(item.kind)
        listed: list[str] = []  # the kinds of the one-line bulleted item blocks just listed one after another
        for block in blocks:
            breaks = block.kind == "heading" or section_break(block, agenda)
            inside = block.block_id in item_blocks or (inside and not breaks)
            if inside:
                self.in_plan.add(block.block_id)
            if block.block_id not in self.starts and (breaks or (len(listed) >= 2 and _running_text(block))):
                current = None  # a bulleted list of sibling items without details ends where running text goes on
            one = kinds.get(block.block_id, set())
            bulleted = len(one) == 1 and "\n" not in block.text.strip() and _BULLETED.match(block.text) is not None
            listed = [*listed, *one] if bulleted and (not listed or listed[-1] in one) else []
            self.entry[block.block_id] = current
            events = self._events(block, agenda)
            if events:
                self.events[block.block_id] = events
                current = events[-1][1]
            elif (named := explicit_item(block.text[body_offset(block):])) is not None:
                self.named[block.block_id] = named
            elif (named := labelled_item(block.text[body_offset(block):])) is not None:
                self.named[block.block_id] = current = named  # an item written again heads what follows it

    def _events(self, block: BlockView, agenda: set[str]) -> list[tuple[int, str | None]]:
        """The item starts of a block and, in a block of several lines, the section breaks
        and the lines that name their item."""
        events: list[tuple[int, str | None]] = list(self.starts.get(block.block_id, []))
        text = block.text
        events += [(end, None) for pos, _ in events if (end := _sentence_scope_end(text, pos)) is not None]
        spans = [(s, e) for s, e in line_spans(text) if text[s:e].strip()] if "\n" in text else []
        if len(spans) > 1:
            item_lines = {start for start, end in spans for pos, _ in events if start <= pos < end}
            for start, end in spans[1:]:
                line = text[start:end]
                if start in item_lines:
                    continue
                if _breaks(line, agenda):
                    events.append((start, None))
                elif (named := explicit_item(line)) is not None:
                    self.named_lines.setdefault(block.block_id, []).append((start, end, named))
        events.sort(key=lambda e: e[0])
        return events

    def at(self, block: BlockView, pos: int = 0) -> str | None:
        """The number of the plan item whose scope holds character `pos` of `block`."""
        if block.block_id in self.named:
            return self.named[block.block_id]
        for start, end, number in self.named_lines.get(block.block_id, []):
            if start <= pos < end:
                return number
        current = self.entry.get(block.block_id)
        for start, number in self.events.get(block.block_id, []):
            if start <= pos:
                current = number
        return current

    def referenced(self, block: BlockView, pos: int) -> str | None:
        """The plan item the sentence of `pos` refers to by its number ("V rámci aktivity 3.1.1
        navýšil X ...", "viz akt. 4.1.1"), when exactly one item of the plan is named so."""
        # the one sentence splitter lives in the organisations package, whose __init__ imports this module
        from pipeline.extract.sentences import sentence_of

        start, end = sentence_of(block.text, pos)
        sentence = block.text[start:end]
        found = {number.rstrip(".") for m in _patterns()[2].finditer(fold(sentence)) if (number := _written(sentence, m))}
        found &= self.where.keys()
        return found.pop() if len(found) == 1 else None

    def title_of(self, number: str, blocks_by_id: dict[int, BlockView]) -> str | None:
        """The line where the plan item with this number starts (its title)."""
        for block_id, start in self.where.get(number, ()):
            if block_id in blocks_by_id:
                text = blocks_by_id[block_id].text
                end = text.find("\n", start)
                return text[start:end if end >= 0 else len(text)]
        return None

    def block_of(self, number: str) -> int | None:
        """The block where the plan item with this number starts."""
        found = self.where.get(number)
        return found[0][0] if found else None


def _sentence_scope_end(text: str, pos: int) -> int | None:
    """An item named in a sentence inside a line of running text, opening it ("... za rok 2010.
    Aktivita 2.1.1 Zřízení ... – splněno, ...") or inside it ("... návrh plánu. Do návrhu byla
    doplněna priorita 3 Podpora pečujících osob. Řídící skupina ..."), scopes to its sentence: the
    end of that sentence when the sentence opens after other text of its line and more text
    follows on the line, else None. `pos` is where the title starts, after the label and number."""
    from pipeline.extract.sentences import sentence_of

    line_start = text.rfind("\n", 0, pos) + 1
    start, end = sentence_of(text, pos)
    if start <= line_start or not text[line_start:start].strip():
        return None
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    return end if end < line_end and text[end:line_end].strip() else None



def plan_scopes(blocks: Sequence[BlockView], result: Extraction) -> PlanScopes:
    """The plan scopes of a document, built once and kept in the annotated document's memo
    (relations running after the plan relation share it)."""
    memo = getattr(blocks, "memo", None)
    if memo is None:
        return PlanScopes(blocks, result)
    if "plan_scopes" not in memo:
        memo["plan_scopes"] = PlanScopes(blocks, result)
    return memo["plan_scopes"]
