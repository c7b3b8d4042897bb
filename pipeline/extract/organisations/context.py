"""The organisation context of a document (`DocOrgs`), shared by the organisation, service
and capacity extractors: the mentions block by block, the plan item a position falls
under, the tables, the service types named in each block, and who provides them.

Who provides a service named somewhere (`providers_of`), first answer wins:

0. nobody, when its clause names it as missing ("v regionu chybí noclehárna");
1. in a table row: the organisations of the row's organisation columns;
2. in its sentence: the nearest organisation before it, with those coordinated with it
   ("X a Y poskytují ..."), else the nearest one after it; not a funder, a partner, the
   owner of money ("z dotace kraje"), the party dealt with ("jednání s městem X") nor the
   affiliation of a speaker when the service is in what the speaker reports about
   another organisation ("Eva Malá (X) sdělila, že smlouva s obcí Y na ... se připravuje");
3. in a sub-list: the organisation that alone makes up the list item above;
4. in a paragraph: the one organisation that an earlier sentence of the paragraph names
   as its subject ("Ředitel uvedl, že Dům X od ledna opraví pavilon. Kapacita domova
   pro seniory se tím sníží o 4 lůžka").

The service extractor then gives a mention still without a provider to the one
organisation responsible for its plan item (`responsible_for`); that gives no role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from pipeline.config import load
from pipeline.extract import annotate
from pipeline.extract.model import Annotated, BlockView, Extraction
from pipeline.extract.common import body_offset, nearest_lower
from pipeline.extract.text import fold
from pipeline.extract.scopes import plan_number, plan_scopes as ItemIndex
from pipeline.extract.organisations.lexicon import grammar, is_verb, lex, word_key
from pipeline.extract.organisations.mention import Mention
from pipeline.extract.organisations.names import find_mentions, town_noun
from pipeline.extract.sentences import sentence_of, sentences
from pipeline.extract.organisations.normalise import fold_key, written_oblique
from pipeline.extract.organisations.slots import list_intros
from pipeline.extract.organisations.tables import ACTOR_KINDS, Tables
from pipeline.extract.organisations.mention import Tok, doc_toks, span_toks
from pipeline.extract.spans.services import ServiceMention, services


_CLAUSE_OPEN = re.compile(r"[,;:]\s")
_CLAUSE_CLOSE = re.compile(r"[,;]\s")
_PARENTHESES = re.compile(r"\(.*?\)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Cues:
    funder_verbs: frozenset[str]
    money_verbs: frozenset[str]
    money_units: frozenset[str]
    applicant_verbs: frozenset[str]
    applicant_words: frozenset[str]
    asked_after: frozenset[str]
    provider_verbs: frozenset[str]
    provider_intro: frozenset[str]
    responsible_verbs: frozenset[str]
    partner_words: frozenset[str]
    partner_before: frozenset[str]
    counterpart_before: frozenset[str]
    together_before: frozenset[str]
    reported_speech: tuple[str, ...]
    presenting_verbs: frozenset[str]
    presented_objects: frozenset[str]
    head_nouns: frozenset[str]
    head_between: frozenset[str]
    missing_words: frozenset[str]
    not_providers: frozenset[tuple[str, ...]]
    money_owner: frozenset[str]
    call_owner: frozenset[str]
    project_words: frozenset[str]
    applicant_nouns: frozenset[str]
    applicant_between: frozenset[str]
    grant_nouns: frozenset[str]
    decide_verbs: frozenset[str]
    grant_award_words: frozenset[str]
    money_owner_bodies: frozenset[str]
    filed_verbs: frozenset[str]
    filed_with: frozenset[str]
    asked_pronouns: frozenset[str]
    capacity_request_nouns: frozenset[str]
    request_nouns: frozenset[str]
    award_to_before: frozenset[str]
    request_prepositions: frozenset[str]
    capacity_nouns: frozenset[str]
    funding_nouns: frozenset[str]
    attendance: dict[str, list[str]]


# The [roles] word lists taken as they are, in lower case; the other cues are shaped in cues().
_LOWERED = ("funder_verbs", "money_verbs", "money_units", "applicant_verbs", "applicant_words",
            "asked_after", "provider_verbs", "provider_intro", "responsible_verbs", "partner_words",
            "counterpart_before", "together_before", "presenting_verbs", "presented_objects",
            "head_nouns", "head_between", "missing_words", "project_words", "applicant_nouns",
            "applicant_between", "grant_nouns", "decide_verbs", "grant_award_words",
            "money_owner_bodies", "filed_verbs", "filed_with", "asked_pronouns", "capacity_request_nouns",
            "request_nouns", "award_to_before", "request_prepositions", "capacity_nouns", "funding_nouns")


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue words of configs/organisations.toml [roles] and configs/attendance.toml labels."""
    cfg = load("organisations")
    roles = cfg["roles"]
    attendance = load("attendance")["labels"]

    def lower(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in roles[key])

    return Cues(
        **{key: lower(key) for key in _LOWERED},
        partner_before=frozenset(fold(w) for w in roles["partner_before"]),
        reported_speech=tuple(roles["reported_speech"]),
        not_providers=frozenset(tuple(word_key(w) for w in p.split()) for p in roles["not_providers"]),
        money_owner=frozenset(w.lower() for w in cfg["context"]["region_actor_before"]),
        call_owner=lower("call_owner_before"),
        attendance={k: list(attendance[k]) for k in ("present", "excused", "absent", "guest", "member_list")},
    )


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _coordination() -> re.Pattern[str]:
    """What may stand between coordinated providers: a comma or a coordinator ("X a Y", "X a také Y")."""
    return re.compile(rf"\s*(?:,|{_alternation([*grammar('coordinators'), *grammar('coordinator_phrases')])})\s*")


@lru_cache(maxsize=1)
def _coordination_tail() -> re.Pattern[str]:
    """A comma or a coordinator ending the text between two coordinated names."""
    return re.compile(rf"(?:,|\s(?:{_alternation([*grammar('coordinators'), *grammar('coordinator_phrases')])}))\s*$")


@lru_cache(maxsize=1)
def _partner_before() -> re.Pattern[str]:
    """The folded text before a partner: "ve spolupráci se (společností) ", ending the text."""
    roles = load("organisations")["roles"]
    return re.compile(rf"\b(?:{_alternation(fold(w) for w in roles['partner_before'])})\s+"
                      rf"(?:{_alternation(fold(w) for w in roles['counterpart_before'])})\s+(?:\w+\s+)?$")


@lru_cache(maxsize=1)
def _reported_speech() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A word opening reported speech ending a folded text, and after a comma ("..., že")."""
    words = _alternation(fold(w) for w in cues().reported_speech)
    return re.compile(rf"(?:^|\W)(?:{words})$"), re.compile(rf",\s*(?:{words})\b")


_MEMO = "doc_orgs"  # the key of a document's DocOrgs in `Annotated.memo`


class DocOrgs:
    """A document's organisation mentions with everything the three extractors ask of them:
    sentences, plan items, tables, service mentions and who provides them.

    Get it with `DocOrgs.shared(document, result)`: built once per annotated document and kept
    in `document.memo`, so the organisation, service and capacity relations share it."""

    def __init__(self, document: Annotated, result: Extraction):
        self.document = document
        self.blocks = list(document)
        self.by_id = {b.block_id: b for b in document}
        self.order = {b.block_id: i for i, b in enumerate(document)}
        self.tables = Tables(document)
        self.mentions = find_mentions(document, result, self.tables)
        self.in_block: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.in_block.setdefault(m.block_id, []).append(m)
        self.items = ItemIndex(document, result)
        self.result = result
        self._services: dict[int, list[ServiceMention]] = {}
        self._responsible: dict[str, list[str]] | None = None
        self._responsible_blocks: dict[int, list[tuple[str, str]]] | None = None
        self._lists: dict[str, list[Any]] = {}  # list structure per block, found once (see `_list_structure`)
        self._words: dict[tuple[int, int, int], frozenset[str]] = {}
        self._providers: dict[tuple[int, int, int], tuple[str, ...]] = {}
        self._clauses: dict[tuple[int, int, int], tuple[int, int]] = {}
        self._full_names: dict[str, str] | None = None

    @classmethod
    def shared(cls, document: Sequence[BlockView], result: Extraction) -> "DocOrgs":
        """The document's one DocOrgs, kept in `document.memo` (a plain list of blocks is
        annotated first).

        It reads only what the extractors before `organisations` wrote (attendees, plan
        items, agenda), so it is the same for the organisation, service and capacity
        extractors; only the responsible organisations (read from the organisation rows)
        are looked up afresh each time."""
        annotated = document if isinstance(document, Annotated) else annotate(document)
        doc = annotated.memo.get(_MEMO)
        if doc is None:
            doc = annotated.memo[_MEMO] = cls(annotated, result)
        doc.result = result
        doc._responsible = None
        doc._responsible_blocks = None
        return doc

    def full_name(self, name: str) -> str:
        """A one-word name that stands for the one longer name of the document holding that word
        ("Charita proto plánuje …" after "Farní charita Lipová"): the longer name; any other name
        as it is. Services and capacities name their organisation by it."""
        if self._full_names is None:
            keys = {m.key for m in self.mentions}
            self._full_names = {}
            for key in keys:
                if len(key.split()) != 1:
                    continue
                holders = {other for other in keys if other != key and fold(key) in fold(other).split()}
                if len(holders) == 1:
                    self._full_names[key] = holders.pop()
        return self._full_names.get(name, name)

    # ---- list structure, each found in one pass over the document (a walk back from every
    # item of a long list would take time growing with the square of the list's length)

    def _list_structure(self, name: str) -> list[Any]:
        found = self._lists.get(name)
        if found is None:
            blocks = self.blocks
            if name == "intro":
                found = list_intros(blocks)
            elif name == "parent":  # for a sub-list item: the nearest item of a lower level (-1: none)
                keys = [b.level if b.kind == "list_item" and b.level else -1 for b in blocks]
                found = nearest_lower(keys, [b.level if b.kind == "list_item" and b.level else None for b in blocks])
            else:  # "before": for a list item, the nearest block before it that is not one (-1: none)
                keys = [0 if b.kind == "list_item" else -1 for b in blocks]
                found = nearest_lower(keys, [0 if b.kind == "list_item" else None for b in blocks])
            self._lists[name] = found
        return found

    def list_intro(self, block: BlockView) -> BlockView | None:
        """The line ending with a colon that introduces the list `block` is an item of (see
        `slots.list_intros`), or None."""
        return self._list_structure("intro")[self.order[block.block_id]]

    def before_list(self, block: BlockView) -> BlockView | None:
        """For a list item: the nearest block before its list (any level) that is not a list item."""
        if block.kind != "list_item":
            return None
        index = self._list_structure("before")[self.order[block.block_id]]
        return self.blocks[index] if index >= 0 else None

    # ---- services

    def services_in(self, block: BlockView) -> list[ServiceMention]:
        """Service-type mentions of a block, leaving out those inside an organisation's name."""
        if block.block_id not in self._services:
            own = [(m.start, m.end) for m in self.in_block.get(block.block_id, [])]
            self._services[block.block_id] = [
                s for s in services(self.document.doc(block)) if not any(a <= s.start and s.end <= b for a, b in own)]
        return self._services[block.block_id]

    def can_provide(self, m: Mention) -> bool:
        """Public offices, councils, police and regions fund or decide; they run no service here."""
        if m.kind in ("region",):
            return False
        return self.name_can_provide(m.key)

    @staticmethod
    def name_can_provide(name: str) -> bool:
        """`can_provide` by the name alone (a responsible organisation read from the rows)."""
        keys = tuple(word_key(w) for w in name.split())
        return not any(keys[:n] in cues().not_providers for n in range(1, len(keys) + 1))

    def providers_of(self, block: BlockView, start: int, end: int) -> list[str]:
        """Organisations (canonical names) that the text gives as providing what is named at
        block.text[start:end] (see the module docstring for the order); asked for each
        organisation of a block and by three relations: found once."""
        key = (block.block_id, start, end)
        found = self._providers.get(key)
        if found is None:
            found = self._providers[key] = tuple(self._providers_of(block, start, end))
        return list(found)

    def _providers_of(self, block: BlockView, start: int, end: int) -> list[str]:
        row_orgs = self._row_orgs(block, start)
        if row_orgs is not None:
            return row_orgs
        if self.named_missing(block, start):
            return []
        s_start, s_end = sentence_of(block.text, start)
        inside = [m for m in self.in_block.get(block.block_id, [])
                  if s_start <= m.start < s_end and self._may_provide(block, m, start)]
        before = [m for m in inside if m.end <= start]
        bracketed = self._bracket_after(block, end, s_end, inside)
        if bracketed is not None and (not before or ")" in block.text[before[-1].end:start]):
            return [bracketed.key]  # "... azylového domu s kapacitou 6 bytů (R: Charita X)": the bracket's
        if before:
            picked = [before[-1]]
            for m in reversed(before[:-1]):
                gap = block.text[m.end:picked[-1].start]
                if _coordination().fullmatch(gap):
                    picked.append(m)
                else:
                    break
            return list(dict.fromkeys(m.key for m in reversed(picked)))
        after = [m for m in inside if m.start >= end]
        if after:  # "... pečovatelské služby; realizují Charita X a Sociální služby Y, p. o.": both
            picked = [after[0]]
            for m in after[1:]:
                if not _coordination().fullmatch(block.text[picked[-1].end:m.start]):
                    break
                picked.append(m)
            return list(dict.fromkeys(m.key for m in picked))
        parent = self.parent_item_org(block)
        if parent is not None:
            return [parent.key]
        subject = self.paragraph_subject(block, s_start) or self.presented(block, s_start)
        return [subject.key] if subject is not None else []

    def _bracket_after(self, block: BlockView, end: int, s_end: int, inside: list[Mention]) -> Mention | None:
        """The first organisation after a service in a parenthesis that opens after it and is still
        open at the name ("Zřízení azylového domu s kapacitou 6 bytů (R: Charita X)", "(realizátor:
        Spolek Y)"): the parenthesis says who runs what stands before it. An organisation before the
        service that stood in an earlier, closed parenthesis belongs to an earlier item."""
        for m in inside:
            if m.start < end:
                continue
            gap = block.text[end:m.start]
            opened = gap.rfind("(")
            if opened < 0 or ")" in gap[opened:] or m.start > s_end:
                return None
            return m
        return None

    def presented(self, block: BlockView, before: int) -> Mention | None:
        """The one organisation whose services or plans an earlier sentence of the paragraph
        presents ("Mgr. X představila služby Bydlení Y, o. p. s. Chráněné bydlení má ..."), or
        whose head speaks ("Ing. X, ředitelka organizace Domov Y, informovala ... Kapacita služby
        domov pro seniory se sníží ...")."""
        if block.kind not in ("paragraph", "list_item"):
            return None
        c = cues()
        found = []
        for m in self.in_block.get(block.block_id, []):
            if m.start >= before or not self.can_provide(m):
                continue
            words = [t.lower for t in self.tokens(block, max(0, m.start - 60), m.start)][-3:]
            head = list(words)
            while words and words[-1] in c.presented_objects:
                words.pop()
            while head and head[-1] in c.head_between:
                head.pop()
            if words and words[-1] in c.presenting_verbs or head and head[-1] in c.head_nouns:
                found.append(m)
        keys = list(dict.fromkeys(m.key for m in found))
        return found[0] if len(keys) == 1 else None

    def named_missing(self, block: BlockView, pos: int) -> bool:
        """The service at `pos` is named as missing or not provided in its comma clause ("ve
        městě chybí odlehčovací služba", "krizovou pomoc nikdo neposkytuje"): nobody provides it."""
        s_start, s_end = sentence_of(block.text, pos)
        text = block.text
        start = max([m.end() + s_start for m in _CLAUSE_OPEN.finditer(text[s_start:pos])], default=s_start)
        after = _CLAUSE_CLOSE.search(text[pos:s_end])
        end = pos + after.start() if after else s_end
        return bool(self.words(block, start, end) & cues().missing_words)

    def _may_provide(self, block: BlockView, m: Mention, pos: int) -> bool:
        """Whether a mention in the sentence of `pos` may be the provider of what is named there."""
        return (self.can_provide(m) and not self.money_owner(block, m) and not self.funder_in_sentence(block, m)
                and not self.partner_before(block, m) and not self.counterpart(block, m)
                and not (self.affiliation(block, m) and self._reported_after(block, m, pos)))

    def paragraph_subject(self, block: BlockView, before: int) -> Mention | None:
        """The one organisation that the sentences of a paragraph before position `before` name
        as a subject (not a funder, partner, counterpart or a speaker's affiliation)."""
        if block.kind not in ("paragraph", "list_item"):
            return None
        subjects = []
        for s_start, s_end in sentences(block.text):
            if s_start >= before:
                break
            for m in self.in_block.get(block.block_id, []):
                if s_start <= m.start < s_end and self._subject(block, m, s_start, s_end) \
                        and self._may_provide(block, m, s_end):
                    subjects.append(m)
                    break
        keys = list(dict.fromkeys(m.key for m in subjects))
        return subjects[0] if len(keys) == 1 else None

    def _subject(self, block: BlockView, m: Mention, s_start: int, s_end: int) -> bool:
        """The mention is the subject of its sentence or of a reported clause: it opens the
        sentence (after a list label) or follows "že", is in the nominative, and a verb
        follows it ("Dům X, p. o., opraví ...", "..., že Dům X opraví ...")."""
        if written_oblique(m) or self.affiliation(block, m):
            return False
        lead = block.text[s_start:m.start]
        if s_start == 0:
            lead = lead[body_offset(block):]
        lead = fold(lead).strip(" •◦▪-–\t")
        if lead and not _reported_speech()[0].search(lead):
            return False
        return any(is_verb(t.text) for t in self.tokens(block, m.end, s_end))

    def responsible_in_scope(self, block: BlockView, item_ref: str | None) -> list[str]:
        """The organisations responsible for the plan item whose scope holds `block`: those
        of the R:/Realizátor lines in the run of blocks around it under that item (a plan whose
        measures restart at "Opatření 1" in every priority repeats the number), else those of
        every item with that number."""
        if not item_ref:
            return []
        if self._responsible_blocks is None:
            self._responsible_blocks = {}
            for row in self.result.tables.get("organisations", []):
                if row.get("role") == "responsible" and row.get("item_ref"):
                    self._responsible_blocks.setdefault(row["block_id"], []).append((row["item_ref"], row["name"]))
        found: list[str] = []
        index = self.order[block.block_id]
        for step in (-1, 1):
            k = index if step < 0 else index + 1
            while 0 <= k < len(self.blocks) and self.items.at(self.blocks[k]) == item_ref:
                for number, name in self._responsible_blocks.get(self.blocks[k].block_id, ()):
                    if number == item_ref and name not in found:
                        found.append(name)
                k += step
        return found or self.responsible_for(item_ref)

    def responsible_for(self, item_ref: str | None) -> list[str]:
        """The organisations responsible for a plan item (its R:/Realizátor lines)."""
        if self._responsible is None:
            self._responsible = {}
            for row in self.result.tables.get("organisations", []):
                if row.get("role") == "responsible" and row.get("item_ref"):
                    names = self._responsible.setdefault(row["item_ref"], [])
                    if row["name"] not in names:
                        names.append(row["name"])
        return list(self._responsible.get(item_ref, [])) if item_ref else []

    # ---- tables and lists

    def row_cells(self, block: BlockView) -> list[BlockView]:
        """The other cells of a table cell's row (empty outside tables and for tab-separated rows)."""
        return [c.block for c in self.tables.row_of(block) if c.whole_block and c.block.block_id != block.block_id]

    def row_number(self, block: BlockView, pos: int = 0) -> str | None:
        """The plan number in a table row's number column ("1.1.2", "B.2")."""
        found = self.tables.locate(block, pos)
        if not found:
            return None
        table, cell = found
        for col, other in table.rows.get(cell.row, {}).items():
            if table.columns.get(col) == "number" and (number := plan_number(other.text)) is not None:
                return number
        return None

    def _row_orgs(self, block: BlockView, pos: int) -> list[str] | None:
        """For a table cell: the organisations of its row (None when not in a table)."""
        found = self.tables.locate(block, pos)
        if not found:
            return None
        table, cell = found
        orgs = self._orgs_of_row(table, cell.row)
        above = self.merged_into(block) if not orgs else None
        return self._orgs_of_row(table, above) if above is not None else orgs

    def merged_into(self, block: BlockView) -> int | None:
        """For a cell of a data row whose organisation cell is merged with the rows above it (empty
        here): the nearest row above that fills it ("CSS Klatovy" over its two services). None
        elsewhere, and for a merged group row (one filled cell: "Opatření 2.1 ...")."""
        found = self.tables.locate(block, 0)
        if not found:
            return None
        table, cell = found
        actor_cols = [c for c, kind in table.columns.items() if kind in ACTOR_KINDS]
        filled = table.grid.filled(cell.row)
        if not actor_cols or len(filled) < 2 or any(other.col in actor_cols for other in filled):
            return None
        return table.grid.above(cell.row, actor_cols)

    def _orgs_of_row(self, table: Any, row: int) -> list[str]:
        orgs = []
        for col, other in sorted(table.rows.get(row, {}).items()):
            if table.columns.get(col) in ACTOR_KINDS or not table.columns:
                orgs.extend(m.key for m in self.in_block.get(other.block.block_id, [])
                            if other.start <= m.start < other.end and self.can_provide(m))
        return list(dict.fromkeys(orgs))

    def parent_item_org(self, block: BlockView) -> Mention | None:
        """For a sub-list item: the organisation that alone makes up the list item above it
        ("• Kvítek Podlesí, z. ú." above "◦ Denní stacionář se stěhuje ...")."""
        if block.kind != "list_item" or not block.level:
            return None
        index = self._list_structure("parent")[self.order[block.block_id]]
        prev = self.blocks[index] if index >= 0 else None
        if prev is None or prev.kind != "list_item" or not prev.level:
            return None  # the sub-list hangs under a block that is not an item of a list level
        found = self.in_block.get(prev.block_id, [])
        body = prev.text[body_offset(prev):]
        if len(found) == 1 and len(_PARENTHESES.sub("", body).strip()) <= len(found[0].written) + 3:
            return found[0]
        return None

    # ---- cues around a mention

    def tokens(self, block: BlockView, start: int = 0, end: int | None = None) -> list[Tok]:
        """The tokens of a block, or of its text[start:end], from its annotated Doc."""
        doc = self.document.doc(block)
        if start == 0 and end is None:
            return list(doc_toks(doc))
        return span_toks(doc, start, len(block.text) if end is None else end)

    def words(self, block: BlockView, start: int, end: int) -> frozenset[str]:
        """The lower-case words of block.text[start:end] (a sentence or clause asked about for
        every mention in it: found once)."""
        key = (block.block_id, start, end)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = frozenset(t.lower for t in self.tokens(block, start, end))
        return found

    def money_owner(self, block: BlockView, m: Mention) -> bool:
        """A town or region named as the owner of money, a call or a project right after
        the word for it: "z dotace Karlovarského kraje", "Finanční podpora města"; any
        organisation right after the word for a call ("výzva MAS Pohoří, z. s."); a state body
        (a ministry) right after the word for money ("kryto dotací MPSV")."""
        before = _WORD.findall(block.text[max(0, m.start - 40):m.start].lower())[-1:]
        first = fold_key(m.key).split()[:1]
        state = bool(first) and first[0] in cues().money_owner_bodies
        region = bool(first) and first[0] == fold_key(grammar("region_noun"))  # "z rozpočtu Kraje Vysočina"
        if m.kind not in ("region", "town") and not town_noun(m.key) and not state and not region:
            return any(w in cues().call_owner for w in before)
        return any(w in cues().money_owner for w in before)

    def funder_in_sentence(self, block: BlockView, m: Mention) -> bool:
        """The mention is who funds or calls in its sentence: written in the nominative, with a
        funding verb in its own clause, or in its sentence when the mention opens it; or with
        a verb that sets a sum of money aside ("Obec X uvolnila ... 80 000 Kč",
        "vyčlenila Obec X 50 000 Kč"); or right after a verb of granting, with a grant named
        before it ("žádost o dotaci, kterou poskytuje Obec X")."""
        c = cues()
        if written_oblique(m):
            return False  # "podpořilo Charitu X": the one funded, not the funder
        clause = self.words(block, *self.comma_clause(block, m))
        if clause & c.funder_verbs:
            return True
        s_start, s_end = sentence_of(block.text, m.start)
        opens = not block.text[s_start:m.start].strip(" •◦▪-–\t")
        words = self.words(block, s_start, s_end)
        if (opens and words & c.money_verbs or clause & c.money_verbs) and words & c.money_units:
            return True
        if clause & c.decide_verbs and clause & c.grant_nouns:
            return True  # "o dotacích rozhoduje Zastupitelstvo X"
        c_start, c_end = self.comma_clause(block, m)
        after = self.tokens(block, m.end, c_end)
        if not block.text[c_start:m.start].strip(" •◦▪-–\t") and after and after[0].lower in lex().actor_verbs \
                and self.words(block, m.end, c_end) & c.grant_nouns:
            return True  # "; Kraj X poskytuje dofinancování služeb": the clause's subject gives a grant
        if self.grant_giver(block, m):
            return True
        return opens and bool(words & c.funder_verbs) and not self._funder_named(block, m, s_start, s_end)

    def coordinated_funder(self, block: BlockView, m: Mention) -> bool:
        """A name in the nominative joined by a comma or a coordinator to a funder before it in its
        sentence ("Financování zajistí Město X z rozpočtu města, Kraj Y a MPSV"): each of the
        coordinated names pays. At most three words (the first funder's source, "z rozpočtu
        města") and no verb may stand between them."""
        if written_oblique(m):
            return False
        s_start, _ = sentence_of(block.text, m.start)
        chain = [o for o in self.in_block.get(block.block_id, []) if s_start <= o.start < m.start]
        current = m
        for prev in reversed(chain):
            gap = block.text[prev.end:current.start]
            joined = _coordination_tail().search(gap)
            words = _WORD.findall(gap[:joined.start()]) if joined else []
            if joined is None or len(words) > 3 or any(is_verb(w) for w in words) or "(" in gap or ")" in gap:
                return False
            if self.funder_in_sentence(block, prev) or self.money_owner(block, prev):
                return True
            if written_oblique(prev):
                return False
            current = prev
        return False

    def _funder_named(self, block: BlockView, m: Mention, s_start: int, s_end: int) -> bool:
        """Another organisation of the sentence, in the nominative, has the funding verb in its own
        clause ("Spolek X žádá o navýšení ..., navýšení by uhradil Kraj Y"): that one pays, not
        the one that opens the sentence."""
        c = cues()
        return any(o is not m and s_start <= o.start < s_end and o.key != m.key and not written_oblique(o)
                   and self.words(block, *self.comma_clause(block, o)) & c.funder_verbs
                   for o in self.in_block.get(block.block_id, []))

    def grant_giver(self, block: BlockView, m: Mention) -> bool:
        """Who gives the grant its sentence names, not who provides a service: right after a
        verb of granting with the grant named before it ("žádosti o dotace, které poskytuje
        Město X ze svého rozpočtu"), or the body an application for a grant is filed with
        ("Žádost o dotaci byla podána na Magistrát Y": it decides and pays)."""
        c = cues()
        if written_oblique(m):
            return False
        s_start, _ = sentence_of(block.text, m.start)
        before = self.tokens(block, s_start, m.start)
        if not before or not {t.lower for t in before} & c.grant_nouns:
            return False
        if before[-1].lower in lex().actor_verbs:
            return True  # "dotaci, kterou poskytuje Ústecký kraj"
        return before[-1].lower in c.filed_with and any(t.lower in c.filed_verbs for t in before[-5:-1])

    def partner_before(self, block: BlockView, m: Mention) -> bool:
        """Named as the one worked with: "ve spolupráci se společností X" (not "doporučila
        spolupráci s X", a wish)."""
        before = fold(block.text[max(0, m.start - 50):m.start])
        return bool(_partner_before().search(before))

    def counterpart(self, block: BlockView, m: Mention) -> bool:
        """The party dealt with: an organisation written in the instrumental after "s"/"se"
        ("dohoda s Obcí X", "smlouva s městem X"), unless "spolu"/"společně" make it a
        co-actor ("spolu s Charitou X")."""
        if not written_oblique(m):
            return False
        before = [w.lower() for w in _WORD.findall(block.text[max(0, m.start - 30):m.start])]
        c = cues()
        return bool(before) and before[-1] in c.counterpart_before and not (
            len(before) > 1 and before[-2] in c.together_before)

    def affiliation(self, block: BlockView, m: Mention) -> bool:
        """The mention stands in parentheses right after a person's name: "Eva Malá (X)"."""
        before = block.text[:m.start].rstrip()
        if not before.endswith("("):
            return False
        words = before[:-1].replace(",", " ").split()
        while words and words[-1].lower() in lex().titles:
            words.pop()  # "Eva Malá, DiS. (X)"
        return bool(words) and words[-1][:1].isupper() and words[-1].isalpha() and not words[-1].isupper()

    def _reported_after(self, block: BlockView, m: Mention, pos: int) -> bool:
        """What stands at `pos` is reported after the mention (", že" lies between) in a
        clause that names an organisation of its own ("..., že smlouva s Obcí Y o ...")."""
        if pos <= m.end:
            return False
        between = fold(block.text[m.end:pos])
        opens = [k.end() for k in _reported_speech()[1].finditer(between)]
        if not opens:
            return False
        _, s_end = sentence_of(block.text, m.start)
        start = m.end + min(opens)
        return any(start <= o.start < s_end for o in self.in_block.get(block.block_id, []) if o.key != m.key)

    def comma_clause(self, block: BlockView, m: Mention) -> tuple[int, int]:
        """The clause of a mention: between the commas, semicolons or colons around it, not
        counting those inside organisation names ("Sdružení Emauzy Lhota, z. s.")."""
        key = (block.block_id, m.start, m.end)
        if key in self._clauses:
            return self._clauses[key]
        text = block.text
        inside = [(o.start, o.end) for o in self.in_block.get(block.block_id, [])]

        def free(pos: int) -> bool:
            return not any(a <= pos < b for a, b in inside)

        s_start, s_end = sentence_of(text, m.start)
        start = next((p + 1 for p in range(m.start - 1, s_start - 1, -1) if text[p] in ",;:" and free(p)), s_start)
        end = next((p for p in range(m.end, s_end) if text[p] in ",;:" and free(p)), s_end)
        self._clauses[key] = (start, end)
        return start, end
