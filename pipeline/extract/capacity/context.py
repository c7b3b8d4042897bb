"""Where a figure stands in its document: the list around it, the titles above it, the plan
item, organisation and service it belongs to. Read from what earlier relations found (plan
items, organisations, services), never by searching the text for their names again."""

from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

from pipeline.extract.capacity.change import adds_service
from pipeline.extract.capacity.columns import Columns
from pipeline.extract.capacity.figures import Block, has_cue, rules
from pipeline.extract.common import nearest_lower
from pipeline.extract.model import Annotated, BlockView, Extraction
from pipeline.extract.organisations.context import DocOrgs
from pipeline.extract.organisations.mention import Mention
from pipeline.extract.organisations.tables import ACTOR_KINDS, header_kind
from pipeline.extract.spans.services import find_services
from pipeline.extract.text import fold

RUNS = {"responsible", "provider", "applicant", "member"}  # roles of those whose capacity it can be


def nearest(mentions: Sequence[Any], start: int, end: int, pos: int) -> Any:
    """Of the mentions in text[start:end], the nearest one before `pos`, else the first after it."""
    inside = [m for m in mentions if start <= m.start < end]
    before = [m for m in inside if m.end <= pos]
    return before[-1] if before else inside[0] if inside else None


class Context:
    """What the figures of a document read from around them: lists, titles, organisations."""

    def __init__(self, document: Annotated, result: Extraction):
        self.document = document
        self.doc = DocOrgs.shared(document, result)
        self._parsed: dict[int, Block] = {}
        self.columns = Columns(self.doc, self.parsed)
        self.blocks = list(document)
        self.result = result
        self.services_by_org = self._services_by_org()
        # The list structure, found once for the document: per block, the index of its list's
        # intro line (-1: none) and of the first block after its run of list items (-1: none).
        levels = [(b.level or 0) if b.kind == "list_item" else None for b in self.blocks]
        keys = [-1 if level is None else level for level in levels]
        self._intro = nearest_lower(keys, levels)
        self._run_end = nearest_lower(keys, levels, backwards=False)
        self._units: dict[int, frozenset[str]] = {}  # block id -> the units its own figures state
        self._sibling_units: dict[tuple[int, int, int | None], Counter[str]] = {}
        self._roles: dict[str, set[str]] | None = None
        self._orgs_by_item: dict[str, list[str]] | None = None

    def parsed(self, block: BlockView) -> Block:
        """The block's tokens and figures, read once."""
        found = self._parsed.get(block.block_id)
        if found is None:
            found = self._parsed[block.block_id] = Block(block, self.document.doc(block))
        return found

    def _services_by_org(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for row in self.result.tables.get("services", []):
            if row.get("organisation"):
                out.setdefault(row["service_type"], set()).add(row["organisation"])
        return out

    def _run(self, block: BlockView) -> tuple[int, int]:
        """The run of list items of `block`'s level or deeper that holds it: (first, after last)."""
        index = self.doc.order[block.block_id]
        end = self._run_end[index]
        return self._intro[index] + 1, len(self.blocks) if end < 0 else end

    def _units_of(self, block: BlockView) -> frozenset[str]:
        units = self._units.get(block.block_id)
        if units is None:
            units = frozenset(f.unit for f in self.parsed(block).figures.values() if f.unit)
            self._units[block.block_id] = units
        return units

    def sibling_unit(self, block: BlockView) -> str | None:
        """The unit the other lines of the list (its items of the same level) state ("1
        úvazek"), when they agree. The units of a list are counted once, not once per line."""
        lo, hi = self._run(block)
        counts = self._sibling_units.get((lo, hi, block.level))
        if counts is None:
            counts = Counter(u for b in self.blocks[lo:hi] if b.level == block.level for u in self._units_of(b))
            self._sibling_units[(lo, hi, block.level)] = counts
        own = self._units_of(block)
        units = {unit for unit, n in counts.items() if n - (unit in own) > 0}
        return units.pop() if len(units) == 1 else None

    def title_blocks(self, block: BlockView, pos: int) -> list[BlockView]:
        """The blocks that title a figure: the other cells of its table row, the list's intro
        line, the plan item's title, and the titles of the item's parents."""
        out = list(self.doc.row_cells(block))
        caption = self._caption(block)
        if caption is not None:
            out.append(caption)
        index = self.doc.order[block.block_id]
        if block.kind == "list_item" and self._intro[index] >= 0:
            out.append(self.blocks[self._intro[index]])  # the block before the list's run
        number = self.doc.items.at(block, pos)
        while number:
            block_id = self.doc.items.block_of(number)
            if block_id is not None and block_id != block.block_id:
                out.append(self.doc.by_id[block_id])
            number = number.rsplit(".", 1)[0] if "." in number else None
        return out

    def _caption(self, block: BlockView) -> BlockView | None:
        """The heading or paragraph right above a two-column label|value table, for a cell of it:
        the title of the one item the table describes ("2.3. Rozšíření pečovatelské služby o
        terénní formu" over "Kapacita" | "1,5 úvazku", "Aktivita Vyčlenění bytů ..." over
        "Plánovaná kapacita" | "2 byty")."""
        if block.table_id is None:
            return None
        index = self.doc.order[block.block_id]
        while index > 0 and self.blocks[index - 1].table_id == block.table_id:
            index -= 1
        end = index
        while end < len(self.blocks) and self.blocks[end].table_id == block.table_id:
            end += 1
        if any((b.col or 0) > 1 for b in self.blocks[index:end]):
            return None  # a table of more columns: its rows are several items
        above = self.blocks[index - 1] if index > 0 else None
        return above if above is not None and above.table_id is None \
            and above.kind in ("heading", "paragraph") else None

    def _item_starts_in(self, block: BlockView) -> bool:
        """A plan item starts in the block (its title line, a line that names its item)."""
        items = self.doc.items
        return block.block_id in items.named or block.block_id in items.named_lines or block.block_id in items.events

    def item_line(self, block: BlockView) -> bool:
        """The block is a plan item's own line (its title line), not a line under it."""
        return self._item_starts_in(block)

    def item_ref(self, block: BlockView, pos: int) -> str | None:
        """The plan item of a figure: the number of its table row, else the item whose scope holds
        it, else the one its sentence (over ";") names. A sentence that names another item than the one whose
        scope it only lies under speaks of that one ("PS doporučuje aktivitu 3.2.1 převést do
        plánu 2020; MČ vyčlení další 2 byty" in the discussion after activity 3.3.1)."""
        items = self.doc.items
        row = self.doc.row_number(block)
        if row:
            return row
        at, named = items.at(block, pos), items.referenced(block, pos)
        start, _ = self.parsed(block).sentence(pos)
        while named is None and block.text[:start].rstrip().endswith(";"):
            before = len(block.text[:start].rstrip()) - 1  # a clause of the same sentence, after ";"
            start, _ = self.parsed(block).sentence(before)
            named = items.referenced(block, before)
        if at and named and named != at and not self._item_starts_in(block):
            return named
        index = self.doc.order[block.block_id]
        if not at and not named and block.kind == "list_item" and self._intro[index] >= 0:
            intro = self.blocks[self._intro[index]]  # "Aktivity k opatření 5.2 na rok 2024:" above the list
            named = items.referenced(intro, max(0, len(intro.text.rstrip()) - 1))
        return at or named

    def tied_item_in_sentence(self, block: BlockView, pos: int, organisation: str | None) -> str | None:
        """The one plan item the figure's organisation is tied to (responsible or provider) in the
        figure's own sentence, for a figure outside every item's scope: "Naopak opatření 3.3 ...
        zůstalo nenaplněno. ..., že realizátor opatření, Charita X, plánoval ... pro 8 klientů"
        (the organisations relation tied Charita X to 3.3 in that sentence)."""
        if not organisation:
            return None
        key = fold(organisation)
        s_start, s_end = self.parsed(block).sentence(pos)
        found = {row["item_ref"] for row in self.result.tables.get("organisations", [])
                 if row.get("block_id") == block.block_id and row.get("item_ref")
                 and s_start <= row.get("char_start", -1) < s_end
                 and row.get("role") in ("responsible", "provider") and fold(str(row.get("name"))) == key}
        return found.pop() if len(found) == 1 else None

    def inherited_change(self, block: BlockView, pos: int) -> str | None:
        """The change the title above a figure names ("Navýšit kapacitu ..." -> increase; a title
        that extends something by a service names something new: "Rozšíření pečovatelské služby
        o terénní pečovatelskou službu")."""
        titles = self.title_blocks(block, pos)
        for title in titles[:2 + len(self.doc.row_cells(block)) + (self._caption(block) is not None)]:
            b = self.parsed(title)
            if adds_service(b, 0, len(title.text)):
                return "new"
            words = b.words(0, len(title.text))
            for kind in ("new", "decrease", "increase"):
                if has_cue(words, kind):
                    return kind
        return None

    def item_creates(self, block: BlockView, pos: int) -> bool:
        """The plan item the figure falls under names something new in its title ("Aktivita
        4.1.3 Zřízení domu na půl cesty")."""
        number = self.doc.items.at(block, pos)
        title = self.doc.items.title_of(number, self.doc.by_id) if number else None
        block_id = self.doc.items.block_of(number) if title is not None else None
        if block_id is None:
            return False
        start = self.doc.by_id[block_id].text.find(title)  # type: ignore[arg-type]
        return has_cue(self.parsed(self.doc.by_id[block_id]).words(start, start + len(title)), "new")

    def organisation(self, block: BlockView, pos: int, item_ref: str | None, service: str | None) -> str | None:
        """Whose capacity it is: an organisation in the figure's clause that runs things
        (nearest before, else after), the organisation of the parent list item or of the table
        row, the organisation responsible for or providing the plan item (the one that provides
        the row's service when there are several), any organisation in the clause that can run a
        service ("kapacita služby X, příspěvkové organizace, bude snížena" names X only as its
        subject), one named earlier in the block (one that runs things first), else the one the
        list item just above names."""
        roles = self._org_roles()
        s_start, s_end = self._item_cut(block, pos, *self.parsed(block).clause(pos))
        providers = self._in_own_item([m for m in self.doc.in_block.get(block.block_id, []) if self.doc.can_provide(m)],
                                      block, pos, item_ref)
        found = [m for m in providers if roles.get(m.key, set()) & RUNS]
        near = nearest(found, s_start, s_end, pos)
        if near is not None:
            return near.key
        parent = self.doc.parent_item_org(block)
        if parent is not None:
            return parent.key
        row = [m.key for cell in self.doc.row_cells(block) for m in self.doc.in_block.get(cell.block_id, [])
               if roles.get(m.key, set()) & RUNS]
        if row:
            return row[0]
        labelled = self._labelled_org(block)
        if labelled:
            return labelled
        merged = self._merged_row_org(block, roles)
        if merged:
            return merged
        # an office responsible for the item (a regional office as "gestor") runs no service: no owner
        tied = [name for name in self._item_orgs_here(item_ref, block) if self.doc.name_can_provide(name)]
        if service and len(tied) > 1:
            providing = [o for o in tied if o in self.services_by_org.get(service, set())]
            if providing:
                return providing[0]
        if tied:
            return tied[0]
        if item_ref is not None and self._item_starts_in(block):
            # "A.1.1 Navýšení ... o 1 úvazek. Garant: Spolek X, z. s.": the rest of the item's own line
            end = min((start for start, _ in self.doc.items.events.get(block.block_id, []) if start > pos),
                      default=len(block.text))
            later = [m for m in found if pos <= m.start < end]
            if later:
                return later[0].key
        near = nearest(providers, s_start, s_end, pos)
        if near is not None:
            return near.key  # the provider the clause names, whatever role the document gives it
        earlier = [m for m in found if m.end <= pos] or [m for m in providers if m.end <= pos]
        if earlier:
            return earlier[-1].key
        previous = self._previous_item(block)
        if previous is not None:
            named = list(dict.fromkeys(m.key for m in self.doc.in_block.get(previous.block_id, [])
                                       if roles.get(m.key, set()) & RUNS))
            if len(named) == 1:
                return named[0]
        return self._previous_paragraph_org(block, pos, roles) or self._town_by_noun(block, pos, roles)

    def _town_by_noun(self, block: BlockView, pos: int, roles: dict[str, set[str]]) -> str | None:
        """The municipality a clause names by its common noun as the subject ("Starosta obce X
        sdělil, že obec letos vyčlení 2 byty": "obec"): the one organisation of the document whose
        name is that noun and a place ("Obec X", the realizátor of the item on its flats)."""
        c_start, _ = self.parsed(block).clause(pos)
        nouns = set(self.parsed(block).words(c_start, pos)) & rules().town_nouns
        if not nouns:
            return None
        named = [name for name in roles if name.split()[0].lower() in nouns and len(name.split()) > 1]
        return named[0] if len(named) == 1 else None

    def _item_cut(self, block: BlockView, pos: int, start: int, end: int) -> tuple[int, int]:
        """The clause of a figure cut where a plan item starts or ends inside it: items run together
        on one line without a full stop between ("... realizátor: Spolek X Opatření 1.3 Navýšení ... o 8
        lůžek – realizátor: Domov Y") name each its own organisation."""
        events = [at for at, _ in self.doc.items.events.get(block.block_id, [])]
        start = max([start] + [at for at in events if at <= pos])
        end = min([end] + [at for at in events if at > pos])
        return start, end

    def _in_own_item(self, mentions: list[Mention], block: BlockView, pos: int,
                     item_ref: str | None) -> list[Mention]:
        """In a block that holds several plan items (a paragraph into which a transcript ran
        "Opatření 1.1 … – realizátor: X Opatření 1.2 … s kapacitou 4 klientů – realizátor bude
        upřesněn"), only the organisations under the figure's own item: X is no owner of 1.2's figure."""
        items = self.doc.items
        if item_ref is None or sum(1 for _, number in items.events.get(block.block_id, []) if number) < 2:
            return mentions
        scope = items.at(block, pos)
        return [m for m in mentions if items.at(block, m.start) == scope]

    def _previous_paragraph_org(self, block: BlockView, pos: int, roles: dict[str, set[str]]) -> str | None:
        """The organisation of the paragraph before, for a paragraph that names none of its own
        before the figure but goes on with it: the sentence runs on from the paragraph before
        (that one ends without a full stop, this one starts in lower case: "... vzal na vědomí
        žádost Charity X o příspěvek na" / "provoz odlehčovací služby s kapacitou 8 lůžek"), or
        the paragraph refers back to it by a noun for it ("navrhuje organizace snížit kapacitu
        ..."). The last organisation that runs things of the running-on sentence, else the one
        organisation that runs things in the paragraph before."""
        previous = self._paragraph_before(block)
        if previous is None or any(m.start < pos for m in self.doc.in_block.get(block.block_id, [])):
            return None
        named = [m for m in self.doc.in_block.get(previous.block_id, [])
                 if roles.get(m.key, set()) & RUNS and self.doc.can_provide(m)]
        if named and self._runs_on(previous, block):
            return named[-1].key
        refers = any(w.startswith(rules().refers_back) for w in self.parsed(block).words(0, pos))
        keys = list(dict.fromkeys(m.key for m in named))
        return keys[0] if refers and len(keys) == 1 else None

    def _labelled_org(self, block: BlockView) -> str | None:
        """In a two-column label|value table ("Popis opatření" | "Zřízení ... ve 2 bytech",
        "Realizátor" | "Spolek Lípa, z. s."), the organisation of the row its label names as the one
        who runs it (responsible, applicant, organisation): the label gives the role."""
        found = self.doc.tables.locate(block, 0)
        if not found or found[0].grid.width != 2 or found[1].col == 0:
            return None
        grid = found[0].grid
        for row in grid.order:
            label, value = grid.cell(row, 0), grid.cell(row, 1)
            if label is None or value is None or header_kind(label.text) not in ACTOR_KINDS:
                continue
            named = [m.key for m in self.doc.in_block.get(value.block.block_id, [])
                     if value.start <= m.start < value.end]
            if named:
                return named[0]
        return None

    def _paragraph_before(self, block: BlockView) -> BlockView | None:
        """The paragraph or list item right before a paragraph or list item (outside tables)."""
        index = self.doc.order[block.block_id]
        if block.kind not in ("paragraph", "list_item") or block.table_id is not None or index == 0:
            return None
        previous = self.blocks[index - 1]
        return previous if previous.kind in ("paragraph", "list_item") and previous.table_id is None else None

    @staticmethod
    def _runs_on(previous: BlockView, block: BlockView) -> bool:
        """One sentence broken over two blocks: the first ends without what ends a sentence, the
        second starts in lower case."""
        text, after = previous.text.rstrip(), block.text.lstrip()
        return bool(text) and text[-1] not in rules().sentence_ends and after[:1].islower()

    def _merged_row_org(self, block: BlockView, roles: dict[str, set[str]]) -> str | None:
        """The organisation of the row above whose organisation cell is merged over this row's."""
        above = self.doc.merged_into(block)
        if above is None:
            return None
        table = self.doc.tables.locate(block, 0)[0]  # type: ignore[index]
        named = [m.key for cell in table.rows[above].values() if table.columns.get(cell.col) in ACTOR_KINDS
                 for m in self.doc.in_block.get(cell.block.block_id, []) if roles.get(m.key, set()) & RUNS]
        return named[0] if named else None

    def _previous_item(self, block: BlockView) -> BlockView | None:
        """The list item right before a list item of the same level: terse minutes go on with
        the figures of what the line before named ("- X připravuje chráněné bydlení" / "- 2 byty,
        celkem 6 míst")."""
        index = self.doc.order[block.block_id]
        if block.kind != "list_item" or index == 0:
            return None
        previous = self.blocks[index - 1]
        return previous if previous.kind == "list_item" and previous.level == block.level else None

    def _org_roles(self) -> dict[str, set[str]]:
        """Each organisation's roles in the document (read once: the table is complete here)."""
        if self._roles is None:
            self._roles = {}
            for row in self.result.tables.get("organisations", []):
                self._roles.setdefault(row["name"], set()).add(row["role"])
        return self._roles

    def _item_orgs_here(self, item_ref: str | None, block: BlockView) -> list[str]:
        """The organisations tied to the plan item, of the item the block lies in when the
        number names several items (measures that restart at "Opatření 1" under every priority:
        the "Realizátor:" under this "Opatření 1", not under the others)."""
        tied = self._item_orgs(item_ref)
        starts = sorted({self.doc.order[item.block_id] for item in self.doc.items.items
                         if item.number == item_ref and item.block_id in self.doc.order})
        if len(tied) < 2 or len(starts) < 2:
            return tied

        def occurrence(index: int) -> int:
            return max((s for s in starts if s <= index), default=-1)

        here = occurrence(self.doc.order[block.block_id])
        names = {r["name"] for r in self.result.tables.get("organisations", [])
                 if r.get("item_ref") == item_ref and r["block_id"] in self.doc.order
                 and occurrence(self.doc.order[r["block_id"]]) == here}
        return [name for name in tied if name in names] or tied

    def _item_orgs(self, item_ref: str | None) -> list[str]:
        if not item_ref:
            return []
        if self._orgs_by_item is None:
            rows: dict[str, list[dict]] = {}
            for row in self.result.tables.get("organisations", []):
                if row.get("item_ref"):
                    rows.setdefault(row["item_ref"], []).append(row)
            self._orgs_by_item = {}
            for ref, tied in rows.items():
                tied.sort(key=lambda r: (r["role"] != "responsible", r["block_id"], r["char_start"]))
                self._orgs_by_item[ref] = list(dict.fromkeys(r["name"] for r in tied))
        return self._orgs_by_item.get(item_ref, [])

    def service(self, block: BlockView, pos: int) -> str | None:
        """Which service: one named right after the figure's unit, one named in the figure's
        sentence (nearest before, else after), in
        its block before it, in the field lines above it, in the list item just above, or in the
        titles above it."""
        services = self.doc.services_in(block)
        after = self._service_after(block, pos, services)
        if after is not None:
            return after
        near = nearest(services, *self.parsed(block).sentence(pos), pos)
        if near is not None:
            return near.service_type
        earlier = [s for s in services if s.end <= pos]
        if earlier:
            return earlier[-1].service_type
        previous = self._paragraph_before(block)
        if previous is not None and self._runs_on(previous, block) and self.doc.services_in(previous):
            return self.doc.services_in(previous)[-1].service_type  # "... komunita X, kterou" / "spolek provozuje, ..."
        field = self._field_service(block, pos)
        if field:
            return field
        previous = self._previous_item(block)
        if previous is not None and self.doc.services_in(previous):
            return self.doc.services_in(previous)[-1].service_type
        for title in self.title_blocks(block, pos):
            found = self.doc.services_in(title)
            if found:
                return found[0].service_type
        return None

    @staticmethod
    def service_of_name(organisation: str | None) -> str | None:
        """The service an organisation's name begins with ("Domov pro seniory Lhota", "Denní
        stacionář Jasan", "Pečovatelská služba Horní Ves"): a facility named after what it runs
        runs that service, so a capacity of that organisation that names no other service is of
        this one. A service later in the name ("Středisko rané péče X", "Spolek pro chráněné
        bydlení") qualifies the name and is not taken."""
        if not organisation:
            return None
        found = find_services(organisation)
        return found[0].service_type if found and found[0].start == 0 else None

    def _service_after(self, block: BlockView, pos: int, services: Sequence[Any]) -> str | None:
        """The service named right after the figure's unit ("16 lůžek v domově se zvláštním
        režimem"): figure, unit, a preposition, the service."""
        b = self.parsed(block)
        i = b.at(pos)
        for s in services:
            if s.start > pos:
                between = b.lower[i + 1:b.at(s.start)]
                if len(between) == 2 and between[1] in rules().service_after:
                    return s.service_type
                return None
        return None

    def _field_service(self, block: BlockView, pos: int) -> str | None:
        """The service named in the lines just above a figure under the same plan item, below
        its title: "Plán: terénní program – navýšení o 0,5 úvazku" above "Skutečnost:
        navýšeno o 0,3 úvazku" (the achieved figure of the planned one)."""
        item = self.doc.items.at(block, pos)
        if item is None or block.table_id is not None:
            return None
        title = self.doc.items.block_of(item)
        index = self.doc.order[block.block_id]
        for prev in reversed(self.blocks[max(0, index - 3):index]):
            if prev.block_id == title or prev.kind == "heading" or prev.table_id is not None \
                    or self.doc.items.at(prev, 0) != item:
                return None
            found = self.doc.services_in(prev)
            if found:
                return found[-1].service_type
        return None
