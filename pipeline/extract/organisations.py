"""Organisations: one row per (organisation, role, item it is tied to) in a document.

An organisation is found by its shape (pipeline/extract/orgnames.py) and gets a
role from where and how it is named:

- responsible: an "R:"/"Realizátor:"/"Garant:" line, "realizátorem ... je X";
- provider: runs a service or activity ("provozuje", "zajišťuje", a service type
  named with it, a provider list under an item, a service table row);
- applicant: applied for something ("podaly žádost ...:" list, "SML podalo
  žádost", a "Žadatel" column);
- partner: "partnerem je X", provides premises ("zázemí");
- member: a member list or the attendance of the group (present, excused);
- funder: announces calls, finances ("vyhlásil výzvu", "z dotace X kraje",
  "Finanční podpora města");
- mentioned: named, nothing more (also guests and venues).

A responsible or provider role inside a plan item (goal, measure, activity) is a
*tie* to that item. An organisation gets one row per tie, plus one untied row
with its most specific untied role (responsible > applicant > provider > partner
> member > funder); `mentioned` only when it has no other row. Services and
capacity changes read the same document context (`DocOrgs`) to name providers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract import BlockView, Extraction
from pipeline.extract.common import body_offset, fold, label_match, span_row
from pipeline.extract.orgnames import (Mention, find_mentions, flattened_table, ico_valid, lines, sentence_of,
                                       slot_spans, toks, town_noun, word_key, written_oblique)
from pipeline.extract.services import ServiceMention, find_services

ROLE_ORDER = ["responsible", "applicant", "provider", "partner", "member", "funder", "mentioned"]
TIE_ROLES = ("responsible", "provider")
PLAN_ROWS = (("activities", "activity_no", "measure_no"), ("measures", "measure_no", "goal_no"),
             ("goals", "goal_no", None))


@dataclass(frozen=True)
class RoleHit:
    """An organisation mention in a role, tied to a plan item or not."""

    mention: Mention
    role: str
    item_ref: str | None = None


@dataclass(frozen=True)
class _Cues:
    funder_verbs: frozenset[str]
    applicant_verbs: frozenset[str]
    applicant_words: frozenset[str]
    provider_verbs: frozenset[str]
    responsible_verbs: frozenset[str]
    partner_words: frozenset[str]
    partner_before: frozenset[str]
    not_providers: tuple[tuple[str, ...], ...]
    money_owner: frozenset[str]
    section_markers: tuple[re.Pattern[str], ...]
    table_roles: dict[str, tuple[str, ...]]
    attendance: dict[str, list[str]]


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """The cue words of configs/organisations.toml [roles] and configs/attendance.toml labels."""
    cfg = load("organisations")
    roles = cfg["roles"]
    attendance = load("attendance")["labels"]
    plan_table = load("plan")["table"]
    return _Cues(
        funder_verbs=frozenset(w.lower() for w in roles["funder_verbs"]),
        applicant_verbs=frozenset(w.lower() for w in roles["applicant_verbs"]),
        applicant_words=frozenset(w.lower() for w in roles["applicant_words"]),
        provider_verbs=frozenset(w.lower() for w in roles["provider_verbs"]),
        responsible_verbs=frozenset(w.lower() for w in roles["responsible_verbs"]),
        partner_words=frozenset(w.lower() for w in roles["partner_words"]),
        partner_before=frozenset(fold(w) for w in roles["partner_before"]),
        not_providers=tuple(tuple(word_key(w) for w in p.split()) for p in roles["not_providers"]),
        money_owner=frozenset(w.lower() for w in cfg["context"]["region_actor_before"]),
        section_markers=tuple(re.compile(p, re.IGNORECASE) for p in roles["section_markers"]),
        table_roles={"number": tuple(fold(h) for h in plan_table["number"]),
                     "service": tuple(fold(h) for h in plan_table["service"]),
                     "organisation": tuple(fold(h) for h in roles["table_organisation"]),
                     "applicant": tuple(fold(h) for h in roles["table_applicant"]),
                     "responsible": tuple(fold(h) for h in roles["table_responsible"]),
                     "partner": tuple(fold(h) for h in roles["table_partner"]),
                     "ico": tuple(fold(h) for h in roles["table_ico"]),
                     "person": tuple(fold(h) for h in load("attendance")["tables"]["name_headers"])},
        attendance={k: list(attendance[k]) for k in ("present", "excused", "absent", "guest", "member_list")},
    )


# --------------------------------------------------------------------------- plan items by position


class ItemIndex:
    """Which plan item (goal, measure or activity number) a position in the document falls under.

    Built from the plan rows and their spans: an item's scope starts where its row starts
    (inside a block too: a slide flattened into one paragraph holds several items) and runs
    to the next item, a heading that is no item, or the next section of the minutes
    ("K bodu 3", "Ad 2)", an agenda item). An item without a number scopes to its parent."""

    def __init__(self, blocks: Sequence[BlockView], result: Extraction):
        self.starts: dict[int, list[tuple[int, str]]] = {}
        for table, key, parent in PLAN_ROWS:
            for row in result.tables.get(table, []):
                number = row.get(key) or (row.get(parent) if parent else None)
                if number:
                    self.starts.setdefault(row["block_id"], []).append(
                        (int(row.get("char_start") or 0), str(number).rstrip(".")))
        for items in self.starts.values():
            items.sort()
        agenda = {fold(str(r.get("title", ""))).strip() for r in result.tables.get("agenda_items", [])}
        self.entry: dict[int, str | None] = {}
        current: str | None = None
        for block in blocks:
            if block.block_id not in self.starts and (block.kind == "heading" or _section_break(block, agenda)):
                current = None
            self.entry[block.block_id] = current
            if block.block_id in self.starts:
                current = self.starts[block.block_id][-1][1]

    def at(self, block: BlockView, pos: int = 0) -> str | None:
        """The number of the plan item whose scope holds character `pos` of `block`."""
        current = self.entry.get(block.block_id)
        for start, number in self.starts.get(block.block_id, []):
            if start <= pos:
                current = number
        return current

    def block_of(self, number: str) -> int | None:
        """The block where the plan item with this number starts."""
        for block_id, items in self.starts.items():
            if any(n == number for _, n in items):
                return block_id
        return None


def _section_break(block: BlockView, agenda: set[str]) -> bool:
    """A line that opens another section of the minutes ("K bodu 3", "Ad 2)", "4. Různé")."""
    text = block.text.strip()
    body_raw = block.text[body_offset(block):].strip()
    if any(p.match(text) or p.match(body_raw) for p in cues().section_markers):
        return True
    body = fold(body_raw).strip().rstrip(":")
    return bool(body) and body in agenda and len(body) < 80


# --------------------------------------------------------------------------- tables


@dataclass
class _Table:
    columns: dict[int, str]  # col -> number, service, organisation, applicant, responsible, partner, ico, person
    rows: dict[int, dict[int, BlockView]]


def _tables(blocks: Sequence[BlockView]) -> dict[int, _Table]:
    """Tables of cells, with the kind of each column read from the header row."""
    grouped: dict[int, dict[int, dict[int, BlockView]]] = {}
    for block in blocks:
        if block.kind == "table_cell" and block.table_id is not None:
            grouped.setdefault(block.table_id, {}).setdefault(block.row or 0, {})[block.col or 0] = block
    tables = {}
    for table_id, rows in grouped.items():
        header = rows.get(min(rows), {})
        columns = {col: kind for col, cell in header.items() if (kind := _header_kind(cell.text))}
        tables[table_id] = _Table(columns, rows)
    return tables


def _header_kind(text: str) -> str | None:
    folded = fold(text).strip().rstrip(":")
    if not folded:
        return None
    for kind in ("ico", "applicant", "responsible", "partner", "person", "number", "service", "organisation"):
        for header in cues().table_roles[kind]:
            if folded == header or folded.startswith(header + " ") or folded.startswith(header + "/"):
                return kind
    return None


# --------------------------------------------------------------------------- the document context


class DocOrgs:
    """A document's organisation mentions with everything the three extractors ask of them:
    sentences, plan items, tables, service mentions and who provides them."""

    def __init__(self, blocks: Sequence[BlockView], result: Extraction):
        self.blocks = list(blocks)
        self.by_id = {b.block_id: b for b in blocks}
        self.order = {b.block_id: i for i, b in enumerate(blocks)}
        self.mentions = find_mentions(blocks, result)
        self.in_block: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.in_block.setdefault(m.block_id, []).append(m)
        self.items = ItemIndex(blocks, result)
        self.tables = _tables(blocks)
        self.result = result
        self._services: dict[int, list[ServiceMention]] = {}

    # ---- services

    def services_in(self, block: BlockView) -> list[ServiceMention]:
        """Service-type mentions of a block, leaving out those inside an organisation's name."""
        if block.block_id not in self._services:
            own = [(m.start, m.end) for m in self.in_block.get(block.block_id, [])]
            self._services[block.block_id] = [
                s for s in find_services(block.text) if not any(a <= s.start and s.end <= b for a, b in own)]
        return self._services[block.block_id]

    def can_provide(self, m: Mention) -> bool:
        """Public offices, councils, police and regions fund or decide; they run no service here."""
        if m.kind in ("region",):
            return False
        keys = tuple(word_key(w) for w in m.key.split())
        return not any(keys[:len(p)] == p for p in cues().not_providers)

    def providers_of(self, block: BlockView, start: int, end: int) -> list[str]:
        """Organisations (canonical names) that the text gives as providing what is named at
        block.text[start:end]: the nearest organisation before it in its sentence with those
        coordinated with it, else the nearest after it; in a table row the organisation cell;
        in a sub-list the organisation that alone makes up the parent item."""
        row_orgs = self._row_orgs(block)
        if row_orgs is not None:
            return row_orgs
        s_start, s_end = sentence_of(block.text, start)
        inside = [m for m in self.in_block.get(block.block_id, [])
                  if s_start <= m.start < s_end and self.can_provide(m) and not self._money_owner(block, m)
                  and not self._funder_in_sentence(block, m) and not self._partner_before(block, m)]
        before = [m for m in inside if m.end <= start]
        if before:
            picked = [before[-1]]
            for m in reversed(before[:-1]):
                gap = block.text[m.end:picked[-1].start]
                if re.fullmatch(r"\s*(?:,|a|i|a také)\s*", gap):
                    picked.append(m)
                else:
                    break
            return list(dict.fromkeys(m.key for m in reversed(picked)))
        after = [m for m in inside if m.start >= end]
        if after:
            return [after[0].key]
        parent = self.parent_item_org(block)
        return [parent.key] if parent else []

    def row_cells(self, block: BlockView) -> list[BlockView]:
        """The other cells of a table cell's row (empty outside tables)."""
        if block.kind != "table_cell" or block.table_id not in self.tables:
            return []
        row = self.tables[block.table_id].rows.get(block.row or 0, {})
        return [cell for col, cell in sorted(row.items()) if cell.block_id != block.block_id]

    def row_number(self, block: BlockView) -> str | None:
        """The plan number in a table row's number column ("1.1.2")."""
        table = self.tables.get(block.table_id) if block.kind == "table_cell" else None
        if not table:
            return None
        for col, cell in table.rows.get(block.row or 0, {}).items():
            if table.columns.get(col) == "number" and re.fullmatch(r"\d+(?:\.\d+)*\.?", cell.text.strip()):
                return cell.text.strip().rstrip(".")
        return None

    def _row_orgs(self, block: BlockView) -> list[str] | None:
        """For a table cell: the organisations of its row (None when not in a table)."""
        if block.kind != "table_cell" or block.table_id not in self.tables:
            return None
        table = self.tables[block.table_id]
        row = table.rows.get(block.row or 0, {})
        orgs = []
        for col, cell in row.items():
            if table.columns.get(col) in ("organisation", "applicant", "responsible", "partner") or not table.columns:
                orgs.extend(m.key for m in self.in_block.get(cell.block_id, []) if self.can_provide(m))
        return list(dict.fromkeys(orgs))

    def parent_item_org(self, block: BlockView) -> Mention | None:
        """For a sub-list item: the organisation that alone makes up the list item above it
        ("• Kopretina Valašsko, z. ú." above "◦ Denní stacionář se stěhuje ...")."""
        if block.kind != "list_item" or not block.level:
            return None
        index = self.order[block.block_id]
        for prev in reversed(self.blocks[:index]):
            if prev.kind != "list_item" or not prev.level:
                return None
            if prev.level < block.level:
                found = self.in_block.get(prev.block_id, [])
                body = prev.text[body_offset(prev):]
                if len(found) == 1 and len(re.sub(r"\(.*?\)", "", body).strip()) <= len(found[0].written) + 3:
                    return found[0]
                return None
        return None

    # ---- cues

    def _words(self, block: BlockView, start: int, end: int) -> list[str]:
        return [t.lower for t in toks(block.text[start:end])]

    def _money_owner(self, block: BlockView, m: Mention) -> bool:
        """A town or region named as the owner of money, a call or a project right after
        the word for it: "z dotace Olomouckého kraje", "Finanční podpora města"."""
        if m.kind not in ("region", "town") and not town_noun(m.key):
            return False
        before = re.findall(r"\w+", block.text[max(0, m.start - 40):m.start].lower())[-1:]
        return any(w in cues().money_owner for w in before)

    def _funder_in_sentence(self, block: BlockView, m: Mention) -> bool:
        """The mention is who funds or calls in its sentence: written in the nominative, with a
        funding verb in its own clause, or in its sentence when the mention opens it."""
        verbs = cues().funder_verbs
        if written_oblique(m):
            return False  # "podpořilo Charitu X": the one funded, not the funder
        if any(w in verbs for w in self._words(block, *self._comma_clause(block, m))):
            return True
        s_start, s_end = sentence_of(block.text, m.start)
        opens = not block.text[s_start:m.start].strip(" •◦▪-–\t")
        return opens and any(w in verbs for w in self._words(block, s_start, s_end))

    def sentence_roles(self, block: BlockView, m: Mention) -> list[str]:
        """Roles the cue words around a mention give it: funder and applicant words in its
        sentence, responsible and provider verbs and partner words in its own clause."""
        c = cues()
        if self._money_owner(block, m):
            return ["funder"]
        if self._partner_before(block, m):
            return ["partner"]
        s_start, s_end = sentence_of(block.text, m.start)
        words = set(self._words(block, s_start, s_end))
        roles = []
        if self._funder_in_sentence(block, m):
            roles.append("funder")
        if words & c.applicant_verbs and words & c.applicant_words:
            roles.append("applicant")
        c_start, c_end = self._comma_clause(block, m)
        clause = set(self._words(block, c_start, c_end))
        runs_service = any(c_start <= sm.start < c_end for sm in self.services_in(block))
        if clause & c.responsible_verbs and self.can_provide(m) and not runs_service:
            roles.append("responsible")  # "projekt realizuje X"; "X realizuje službu" provides
        if clause & c.provider_verbs and self.can_provide(m):
            roles.append("provider")
        if clause & c.partner_words:
            roles.append("partner")
        return roles

    def _partner_before(self, block: BlockView, m: Mention) -> bool:
        """Named as the one worked with: "ve spolupráci se společností X" (not "doporučila
        spolupráci s X", a wish)."""
        before = fold(block.text[max(0, m.start - 50):m.start])
        return any(re.search(rf"\b{re.escape(p)}\s+(?:s|se)\s+(?:\w+\s+)?$", before) for p in cues().partner_before)

    def _comma_clause(self, block: BlockView, m: Mention) -> tuple[int, int]:
        """The clause of a mention: between the commas, semicolons or colons around it, not
        counting those inside organisation names ("Sdružení Betlém Kyjov, z. s.")."""
        text = block.text
        inside = [(o.start, o.end) for o in self.in_block.get(block.block_id, [])]

        def free(pos: int) -> bool:
            return not any(a <= pos < b for a, b in inside)

        s_start, s_end = sentence_of(text, m.start)
        start = max([p + 1 for p in range(s_start, m.start) if text[p] in ",;:" and free(p)], default=s_start)
        end = min([p for p in range(m.end, s_end) if text[p] in ",;:" and free(p)], default=s_end)
        return start, end

    # ---- roles

    def role_hits(self) -> list[RoleHit]:
        """Every (mention, role, tie) the document gives."""
        hits: list[RoleHit] = []
        for block in self.blocks:
            found = self.in_block.get(block.block_id, [])
            if not found:
                continue
            slots = slot_spans(block)
            flat = self._flat_table(block)
            for m in found:
                hits.extend(self._mention_hits(block, m, slots, self._context_role(block, m), flat))
        return hits

    def _mention_hits(self, block: BlockView, m: Mention, slots: list[tuple[int, int, str]],
                      context: str | None, flat: dict[int, tuple[str, str | None]] | None) -> list[RoleHit]:
        for start, end, role in slots:
            if start <= m.start < end:
                return [self._hit(block, m, role)]
        if block.kind == "table_cell" and block.table_id in self.tables:
            table_hits = self._table_hits(block, m)
            if table_hits is not None:
                return table_hits
        if flat is not None and m.block_id == block.block_id and m.start in flat:
            role, number = flat[m.start]
            return [RoleHit(m, role, number if role in TIE_ROLES else None)]
        if context:
            return [RoleHit(m, context)]
        roles = self.sentence_roles(block, m)
        if m.kind in ("list", "bare") or self._in_provider_line(block, m) or self._provides_service(block, m):
            roles.append("provider")
        if "funder" in roles and self._money_owner(block, m):
            roles = ["funder"]
        intro = self._list_intro_role(block)
        if intro and self._opens_item(block, m):
            roles.append(intro)
        if not roles:
            return [RoleHit(m, "mentioned")]
        return [self._hit(block, m, role) for role in dict.fromkeys(roles)]

    def _hit(self, block: BlockView, m: Mention, role: str) -> RoleHit:
        return RoleHit(m, role, self.items.at(block, m.start) if role in TIE_ROLES else None)

    def _provides_service(self, block: BlockView, m: Mention) -> bool:
        """The mention is the provider of a service type named in its sentence (or sub-list)."""
        if not self.can_provide(m):
            return False
        s_start, s_end = sentence_of(block.text, m.start)
        for service in self.services_in(block):
            if s_start <= service.start < s_end and m.key in self.providers_of(block, service.start, service.end):
                return True
        return self._parent_of_services(block, m)

    def _parent_of_services(self, block: BlockView, m: Mention) -> bool:
        """An organisation alone in a list item whose sub-items name service types."""
        if block.kind != "list_item":
            return False
        index = self.order[block.block_id]
        for nxt in self.blocks[index + 1:]:
            if nxt.kind != "list_item" or (nxt.level or 0) <= (block.level or 0):
                return False
            parent = self.parent_item_org(nxt)
            if parent is not None and parent.key == m.key and self.services_in(nxt):
                return True
        return False

    def _in_provider_line(self, block: BlockView, m: Mention) -> bool:
        """A list line that gives an organisation with a figure or a service inside a plan item
        ("• Charita Ostrava – 1 úvazek, terénní programy")."""
        if block.kind != "list_item" or self.items.at(block, m.start) is None:
            return False
        text = block.text[body_offset(block):]
        if not text.lstrip().startswith(m.written[:3]) and fold(text).find(fold(m.written)) > 3:
            return False
        return bool(re.search(r"\d", text.replace(m.written, ""))) or bool(self.services_in(block))

    def _opens_item(self, block: BlockView, m: Mention) -> bool:
        """The mention is the first words of its list item (the item's subject)."""
        first = self.in_block.get(block.block_id, [])
        return bool(first) and first[0] is m and m.start <= body_offset(block) + 3

    def _list_intro_role(self, block: BlockView) -> str | None:
        """Applicant for the items of a list introduced by an application ("podaly žádost
        neziskové organizace:", "Vyjádření k zařazení ... pro tyto organizace:")."""
        if block.kind != "list_item":
            return None
        index = self.order[block.block_id]
        for prev in reversed(self.blocks[:index]):
            if prev.text.rstrip().endswith(":"):
                words = {t.lower for t in toks(prev.text)}
                c = cues()
                return "applicant" if words & c.applicant_words or words & c.applicant_verbs else None
            if prev.kind == "list_item" and (prev.level or 0) >= (block.level or 0):
                continue  # a sibling (lists whose levels a converter lost are flat)
            return None
        return None

    def _context_role(self, block: BlockView, m: Mention) -> str | None:
        """member in a member list or the attendance (present, excused, absent) of the line
        or table the mention is in; mentioned for guests."""
        c = cues()
        for start, end in lines(block.text):
            if not start <= m.start < end:
                continue
            line = block.text[start:end]
            if start == 0:
                line = line[body_offset(block):]
            if label_match(line, c.attendance["guest"]):
                return "mentioned"
            if any(label_match(line, c.attendance[key]) for key in ("present", "excused", "absent")):
                return "member"
        if self._under_member_list(block) or self._in_attendance_table(block):
            return "member"
        return None

    def _under_member_list(self, block: BlockView) -> bool:
        """In a member list: the block opens with "Seznam členů ...", or follows such a title
        line (a slide number before it allowed) with only list items or cells between."""
        index = self.order[block.block_id]
        if self._member_title(block):
            return True
        for prev in reversed(self.blocks[:index]):
            if prev.kind in ("list_item", "table_cell") and not self._member_title(prev):
                if re.fullmatch(r"\W*\d+\W*", prev.text.strip()):
                    continue  # a bare slide number
                if block.kind in ("list_item", "table_cell"):
                    continue
                return False
            return self._member_title(prev) and len(prev.text.split()) <= 8
        return False

    def _member_title(self, block: BlockView) -> bool:
        text = re.sub(r"^\s*\d+\.?\s+", "", block.text[body_offset(block):])
        return bool(label_match(text, cues().attendance["member_list"]))

    def _in_attendance_table(self, block: BlockView) -> bool:
        table = self.tables.get(block.table_id) if block.kind == "table_cell" else None
        return bool(table and "person" in table.columns.values())

    def _table_hits(self, block: BlockView, m: Mention) -> list[RoleHit] | None:
        """The role a table column gives: applicant (Žadatel), responsible (Realizátor), partner,
        provider (an organisation column beside a service column), member (beside names)."""
        table = self.tables[block.table_id]
        kind = table.columns.get(block.col or 0)
        kinds = set(table.columns.values())
        number = self.row_number(block)
        if kind in ("applicant", "partner"):
            return [RoleHit(m, kind)]
        if kind == "responsible":
            return [RoleHit(m, "responsible", number or self.items.at(block, m.start))]
        if kind == "organisation" and "person" in kinds:
            return [RoleHit(m, "member")]
        if kind == "organisation" and "service" in kinds:
            return [RoleHit(m, "provider", number)]
        return None

    def _flat_table(self, block: BlockView) -> dict[int, tuple[str, str | None]] | None:
        """A service table a transcript flattened into one paragraph ("Opatření č. Název
        organizace Druh služby 1.1. Podané ruce, o.s. Kontaktní centrum 1.2. ..."): the first
        organisation of each numbered row is its provider, tied to the row's number; a later
        one with a legal form starts a row without number (its number cell was empty)."""
        if not flattened_table(block.text):
            return None
        found = self.in_block.get(block.block_id, [])
        rows = [(m.start(), m.group(1)) for m in re.finditer(r"(?<!\S)(\d+(?:\.\d+)+)\.?(?=\s)", block.text)]
        if not rows or not found:
            return None
        out: dict[int, tuple[str, str | None]] = {}
        for index, (start, number) in enumerate(rows):
            stop = rows[index + 1][0] if index + 1 < len(rows) else len(block.text)
            in_row = [m for m in found if start <= m.start < stop]
            for k, m in enumerate(in_row):
                if k == 0:
                    out[m.start] = ("provider", number)
                elif m.legal_form:
                    out[m.start] = ("provider", None)
                else:
                    out[m.start] = ("mentioned", None)
        return out


# --------------------------------------------------------------------------- rows


def assemble(hits: Sequence[RoleHit]) -> list[RoleHit]:
    """The rows of the table from all role hits: per organisation one row per tie (role,
    item), plus one row with its most specific untied role; `mentioned` only alone."""
    by_org: dict[str, list[RoleHit]] = {}
    for hit in hits:
        by_org.setdefault(hit.mention.key, []).append(hit)
    rows: list[RoleHit] = []
    for org_hits in by_org.values():
        ties = {}
        for hit in org_hits:
            if hit.role in TIE_ROLES and hit.item_ref:
                ties.setdefault((hit.role, hit.item_ref), hit)
        untied = [h for h in org_hits if not (h.role in TIE_ROLES and h.item_ref) and h.role != "mentioned"]
        rows.extend(ties.values())
        if untied:
            best = min(untied, key=lambda h: (ROLE_ORDER.index(h.role), h.mention.block_id, h.mention.start))
            rows.append(RoleHit(best.mention, best.role, None))
        elif not ties:
            first = min(org_hits, key=lambda h: (h.mention.block_id, h.mention.start))
            rows.append(RoleHit(first.mention, "mentioned", None))
    return rows


def _holds(m: Mention) -> bool:
    """The mention's text shows the organisation's name: every word of the name starts like a
    word as written ("městem Prostějovem" shows "Město Prostějov"; a bare "města" does not)."""
    written = fold(m.written).split()
    return all(any(w[:4] == x[:4] for x in written) for w in fold(m.key).split())


def with_shown_name(rows: list[RoleHit], mentions: Sequence[Mention]) -> list[RoleHit]:
    """Point each row at a mention that shows its name: a row whose role came from a bare
    or abbreviated mention ("Finanční podpora města", "KÚLK") takes the provenance of the
    organisation's first mention written out."""
    out = []
    for row in rows:
        if not _holds(row.mention):
            shown = next((m for m in mentions if m.key == row.mention.key and _holds(m)), None)
            if shown is not None:
                row = RoleHit(shown, row.role, row.item_ref)
        out.append(row)
    return out


def _row(block: BlockView, hit: RoleHit) -> dict:
    m = hit.mention
    ico = m.ico
    return span_row(block, m.start, m.end, name=m.key, ico=ico, ico_valid=ico_valid(ico) if ico else None,
                    legal_form=m.legal_form, role=hit.role, item_ref=hit.item_ref)


def _table_icos(doc: DocOrgs) -> dict[str, str]:
    """IČO given in a table column beside an organisation ("Žadatel | IČO | ...")."""
    icos: dict[str, str] = {}
    for table in doc.tables.values():
        ico_cols = [col for col, kind in table.columns.items() if kind == "ico"]
        if not ico_cols:
            continue
        for row in table.rows.values():
            value = row.get(ico_cols[0])
            digits = re.sub(r"\s", "", value.text) if value else ""
            if not re.fullmatch(r"\d{6,10}", digits):
                continue
            for col, cell in row.items():
                for m in doc.in_block.get(cell.block_id, []):
                    icos.setdefault(m.key, digits)
    return icos


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append the organisation rows of one document to result.tables["organisations"]."""
    doc = DocOrgs(blocks, result)
    icos = _table_icos(doc)
    rows = []
    for hit in with_shown_name(assemble(doc.role_hits()), doc.mentions):
        row = _row(doc.by_id[hit.mention.block_id], hit)
        if row["ico"] is None and hit.mention.key in icos:
            row["ico"] = icos[hit.mention.key]
            row["ico_valid"] = ico_valid(row["ico"])
        rows.append(row)
    rows.sort(key=lambda r: (doc.order[r["block_id"]], r["char_start"], ROLE_ORDER.index(r["role"])))
    result.tables["organisations"].extend(rows)
