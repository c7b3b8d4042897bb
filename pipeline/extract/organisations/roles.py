"""The roles a document gives each organisation mention (`role_hits`), and the plan item a
responsible or provider role ties it to.

- responsible: an "R:"/"Realizátor:"/"Garant:" line, "realizátorem ... je X", "– realizátor:
  X", "(realizátor: X)", a Realizátor column; a measure's responsible for its numbered
  activities that name no one of their own;
- provider: runs a service or activity ("provozuje", "zajišťuje", "pořádá", a service
  type it provides, a provider list under an item, a service table row);
- applicant: applied for something ("podaly žádost ...:" list, "SMK podalo žádost",
  a "Žadatel" column, the items of a list introduced as applications);
- partner: "partnerem je X", "ve spolupráci s X", provides premises ("zázemí");
- member: a member list or the attendance of the group (present, excused, absent);
- funder: announces calls, finances ("vyhlásil výzvu", "z dotace X kraje", "Finanční
  podpora města", "Město X vyčlenilo ... Kč");
- mentioned: named, nothing more (also guests and venues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.model import BlockView
from pipeline.extract.common import body_offset, nearest_lower
from pipeline.extract.layout import label_end
from pipeline.extract.text import fold
from pipeline.extract.organisations.context import DocOrgs, cues
from pipeline.extract.organisations.mention import Mention, text_lines as lines
from pipeline.extract.organisations.lexicon import is_verb, lex
from pipeline.extract.organisations.normalise import written_oblique
from pipeline.extract.organisations.shapes import flattened_table, person_tokens
from pipeline.extract.organisations.tables import Table
from pipeline.extract.organisations.slots import slot_spans, typed_label_end
from pipeline.extract.scopes import PlanItem
from pipeline.extract.sentences import sentence_of

_DIGIT = re.compile(r"\d")
_NUMBER_ONLY = re.compile(r"\W*\d+\W*")
_NUMBER_LABEL = re.compile(r"^\s*\d+\.?\s+")
_ITEM_NUMBER = re.compile(r"(?<!\S)((?:\d+|[IVX]+|[A-Z])(?:\.\d+)+)\.?(?=\s)")


TIE_ROLES = ("responsible", "provider")

# The role an attendance label gives the organisations of the persons it lists; the people
# listed as a body's composition ("Složení řídicí skupiny:", "Pracovní skupina X: Eva Malá
# (Obec Y), ...") are its members (SPEC v1.2), and so are their organisations.
_ATTENDANCE_ROLE = {"present": "member", "excused": "member", "absent": "member", "guest": "mentioned",
                    "member": "member"}
# A line opened by a label of its own ("Program:", "Nepřítomni: ..."): a list above it ends.
_LABEL_LINE = re.compile(r"^\s*[^\W\d][\w .()/-]{0,40}:")


def _attendance_label(line: str) -> tuple[str | None, bool]:
    """The attendance label that opens a line ("Přítomni:", "Omluveni: ...", "Hosté:") as a
    key of configs/attendance.toml [labels], and whether nothing follows it on the line."""
    c = cues()
    for key in ("guest", "present", "excused", "absent"):
        end = label_end(line, c.attendance[key])
        if end is not None:
            return key, not line[end:].strip()
    return None, False


def _attendance_spans(doc: DocOrgs) -> dict[int, list[tuple[int, int, str]]]:
    """Where the attendees extractor (which runs first) read a listed person's organisation,
    per block: (start, end, attendance role). It reads attendance from layouts the lines
    here do not show: a label in the cell beside the list ("Přítomni" | "Mgr. X (Y), ..."),
    a column headed "Přítomni", a heading above list items ("Přítomní členové skupiny"). The
    cells beside a listed person whose organisation the attendees relation did not read hold it
    ("Mgr. X | vedoucí PS, Odbor Y ÚMČ Z")."""
    spans: dict[int, list[tuple[int, int, str]]] = {}
    row_cells: dict[tuple[int, int], list[BlockView]] = {}  # a table row's cells: the organisation's own cell
    for block in doc.blocks:
        if block.table_id is not None:
            row_cells.setdefault((block.table_id, block.row or 0), []).append(block)
    for row in doc.result.tables.get("attendees", []):
        block, org = doc.by_id.get(row.get("block_id")), row.get("organisation")
        role = row.get("role") if row.get("role") in _ATTENDANCE_ROLE else None
        if block is not None and not org and block.table_id is not None and role is not None:
            for cell in row_cells[(block.table_id, block.row or 0)]:  # "Mgr. X | vedoucí PS, odbor Y ÚMČ Z"
                if cell is not block:
                    spans.setdefault(cell.block_id, []).append((0, len(cell.text), role))
        if block is None or not org or role is None:
            continue
        org = fold(org)  # as written in any case: "(obec Lhotka)" for the attendee's "Obec Lhotka"
        start = fold(block.text).find(org, row.get("char_end", 0))
        if start < 0:
            start = fold(block.text).find(org)
        if start < 0 and block.table_id is not None:
            for cell in row_cells[(block.table_id, block.row or 0)]:
                if cell is not block and fold(cell.text).find(org) >= 0:
                    block, start = cell, fold(cell.text).find(org)
                    break
        if start >= 0:
            spans.setdefault(block.block_id, []).append((start, start + len(org), role))
    return spans


@dataclass(frozen=True)
class RoleHit:
    """An organisation mention in a role, tied to a plan item or not."""

    mention: Mention
    role: str
    item_ref: str | None = None


def role_hits(doc: DocOrgs) -> list[RoleHit]:
    """Every (mention, role, tie) the document gives."""
    hits = _Roles(doc).hits()
    return hits + inherited_ties(hits, doc.items.items)


def inherited_ties(hits: list[RoleHit], items: list[PlanItem]) -> list[RoleHit]:
    """An organisation known only at an enclosing level: a numbered activity that names no
    one responsible for it is the charge of whoever is responsible for its measure
    ("Opatření 4.1 ..." / "Zodpovídá: Město X" / "Aktivita 4.1.1 ..." with no realizátor of
    its own gives Město X responsible for 4.1.1 too)."""
    held = {h.item_ref for h in hits if h.role == "responsible" and h.item_ref}
    by_parent: dict[str, list[str]] = {}
    for item in items:
        if item.kind == "activity" and item.number and item.parent and item.number not in held:
            by_parent.setdefault(item.parent, []).append(item.number)
    out: list[RoleHit] = []
    for hit in hits:
        if hit.role == "responsible" and hit.item_ref in by_parent:
            out.extend(RoleHit(hit.mention, "responsible", number) for number in by_parent[hit.item_ref])
    return out


class _Roles:
    def __init__(self, doc: DocOrgs):
        self.doc = doc
        self.attendance = _attendance_spans(doc)
        self._stops: list[int] | None = None
        self._titles: dict[int, bool] = {}
        self._lines: dict[int, list[tuple[int, int, str | None]]] = {}

    def hits(self) -> list[RoleHit]:
        doc = self.doc
        hits: list[RoleHit] = []
        for block in doc.blocks:
            found = doc.in_block.get(block.block_id, [])
            if not found:
                continue
            slots = slot_spans(block)
            flat = self._flat_table(block)
            for m in found:
                hits.extend(self._mention_hits(block, m, slots, self._context_role(block, m), flat))
        return hits

    def _mention_hits(self, block: BlockView, m: Mention, slots: list[tuple[int, int, str]],
                      context: str | None, flat: dict[int, tuple[str, str | None]] | None) -> list[RoleHit]:
        # the innermost slot holding it: a later label on the line governs the names after it
        # ("– zodpovídá Kompas, o. s., spolupráce Město X": X is the partner)
        for start, end, role in sorted(slots, key=lambda slot: -slot[0]):
            if start <= m.start < end and role == "project":
                return [RoleHit(m, "responsible")]  # "Realizátor projektu: X": the project's, no item's
            if start <= m.start < end and not (role == "responsible" and self._task_owner(block, m, start)):
                hit = self._hit(block, m, role)
                if hit.role == "responsible" and hit.item_ref is None:
                    hit = RoleHit(m, "responsible", self._item_before(block, m.start))
                return [hit]
        if self.doc.tables.locate(block, m.start):
            table_hits = self._table_hits(block, m)
            if table_hits is not None:
                return table_hits
        if flat is not None and m.start in flat:
            role, number = flat[m.start]
            return [RoleHit(m, role, number if role in TIE_ROLES else None)]
        if context:
            return [RoleHit(m, context)]
        roles = self.sentence_roles(block, m)
        serves = self._provides_service(block, m) and "partner" not in roles  # "poskytnout zázemí pro službu X": a partner
        if m.kind in ("list", "bare") or self._in_provider_line(block, m) or serves \
                or self._after_item_title(block, m) or self._capacity_owner(block, m):
            roles.append("provider")
        if "funder" in roles and self.doc.money_owner(block, m):
            roles = ["funder"]
        intro = self._list_intro_role(block)
        if intro and self._opens_item(block, m):
            roles.append(intro)
        if not roles:
            return [RoleHit(m, "mentioned")]
        return [self._hit(block, m, role) for role in dict.fromkeys(roles)]

    def _task_owner(self, block: BlockView, m: Mention, value_start: int) -> bool:
        """A "Zodpovídá:" slot outside any plan item that names a person before the
        organisation ("Zodpovídá: Eva Malá, Městský úřad X"): the person owns a task of the
        meeting; her organisation is not responsible for a plan item."""
        return self.doc.items.at(block, m.start) is None \
            and bool(person_tokens(self.doc.document.doc(block), self.doc.tokens(block, value_start, m.start)))

    def _hit(self, block: BlockView, m: Mention, role: str) -> RoleHit:
        """The hit, tied to the plan item of its table row or of its place in the text."""
        if role not in TIE_ROLES:
            return RoleHit(m, role)
        return RoleHit(m, role, self.doc.row_number(block, m.start) or self.doc.items.at(block, m.start))

    def _item_before(self, block: BlockView, pos: int) -> str | None:
        """The plan item named last before a responsible slot in the same block, when the slot lies
        outside every item's scope ("Naopak opatření 3.3 ... zůstalo nenaplněno. Ředitel X
        vysvětlil, že realizátor opatření, Charita Y, nezískal dotaci": the slot speaks of 3.3)."""
        before = [number for start, number in self.doc.items.starts.get(block.block_id, ()) if start < pos]
        return before[-1] if before else None

    # ---- cue words

    def sentence_roles(self, block: BlockView, m: Mention) -> list[str]:
        """Roles the cue words around a mention give it: funder and applicant words in its
        sentence, responsible and provider verbs and partner words in its own clause."""
        doc, c = self.doc, cues()
        if doc.money_owner(block, m):
            return ["funder"]
        if doc.partner_before(block, m):
            return ["partner"]
        if doc.grant_giver(block, m):
            return ["funder"]  # "dotace, které poskytuje Město X": it gives them, it provides no service
        if self._award_recipient(block, m):
            return ["applicant"]  # "poskytnout Nadaci X příspěvek": it receives the grant, it runs nothing named
        s_start, s_end = sentence_of(block.text, m.start)
        words = doc.words(block, s_start, s_end)
        roles = []
        if doc.funder_in_sentence(block, m) or doc.coordinated_funder(block, m):
            roles.append("funder")
        asked = self._asked(block, m, s_start)
        # "Spolek X požádal o dotaci", "4) Spolek Y – žádost o příspěvek", "(Spolek Z) shrnul požadavky spolku"
        applies = self._applies(block, m, s_start, s_end) or self._opens_request(block, m) \
            or self._own_request(block, m, s_start, s_end) or self._presents_request(block, m, s_end)
        pays = "funder" in roles and self._pays_in_clause(block, m)
        if applies and not asked and not pays or self._applied_by(block, m, s_start):
            roles.append("applicant")
        if asked and self._asked_for_grant(block, m):
            roles.append("funder")  # "Kraj X požádá Ministerstvo Y o dotaci": Y pays
        c_start, c_end = doc.comma_clause(block, m)
        clause = doc.words(block, c_start, c_end)
        runs_service = any(c_start <= sm.start < c_end for sm in doc.services_in(block))
        acts = doc.can_provide(m) and not doc.counterpart(block, m)
        if clause & c.responsible_verbs and acts and not runs_service:
            # "aktivitu realizuje X" under a plan item, "projekt realizuje X": responsible;
            # outside both X runs an activity ("program, který X realizuje") and provides
            # it; "X realizuje službu" provides
            tied = doc.items.at(block, m.start) is not None or bool(words & c.project_words)
            roles.append("responsible" if tied else "provider")
        if clause & c.provider_verbs and clause & c.funding_nouns and not written_oblique(m):
            roles.append("funder")  # "Financování plánu zajistí Město X": it pays, it runs no service
        elif clause & c.provider_verbs and acts:
            roles.append("provider")
        if clause & c.partner_words:
            roles.append("partner")
        return roles

    def _applies(self, block: BlockView, m: Mention, s_start: int, s_end: int) -> bool:
        """Its sentence applies for something ("Spolek X požádal o dotaci", "žádost podal Klub Y",
        "X požaduje navýšení kapacity"): a verb of applying whose object is an application, a
        grant or a change of capacity. A verb with a pronoun after it asks a person ("požádala
        ji o vyjádření"), and asking for help or papers is no application."""
        c = cues()
        toks = self.doc.tokens(block, s_start, s_end)
        verbs = {t.lower for k, t in enumerate(toks) if t.lower in c.applicant_verbs
                 and not (k + 1 < len(toks) and toks[k + 1].lower in c.asked_pronouns)}
        if not verbs:
            return False
        words = {t.lower for t in toks}
        objects = c.applicant_words - c.applicant_verbs - c.asked_after
        return bool(words & objects or words & c.grant_nouns or words & c.capacity_request_nouns)

    def _opens_request(self, block: BlockView, m: Mention) -> bool:
        """A line opened by the organisation and a dash before a noun of application ("4) Spolek X
        – žádost o příspěvek na provoz"): an agenda item or a list line naming its request; also
        when the line opens with its speaker and the organisation in parentheses ("Malá (Spolek
        X) – žádost o navýšení kapacity ...")."""
        start = body_offset(block) if block.kind == "list_item" else typed_label_end(block.text)
        line_start = block.text.rfind("\n", 0, m.start) + 1
        after = self.doc.tokens(block, m.end, min(len(block.text), m.end + 40))[:3]
        if block.text[max(start, line_start):m.start].strip(" \t•-–"):
            if not self._speaker_opens(block, m, max(start, line_start)) or not after or after[0].text != ")":
                return False
            after = after[1:]
        return len(after) >= 2 and after[0].text in ("–", "-", "—", ":") and after[1].lower in cues().applicant_nouns

    def _speaker_opens(self, block: BlockView, m: Mention, line_start: int) -> bool:
        """The line opens with a person's name (a surname, titles allowed) and the organisation
        stands in parentheses right after it: "Malá (Spolek X)", "Mgr. Eva Malá (Spolek X)"."""
        if not self.doc.affiliation(block, m):
            return False
        words = block.text[line_start:block.text.rfind("(", 0, m.start)].replace(",", " ").split()
        return 0 < len(words) <= 4 and not any(o.start < m.start and o.start >= line_start
                                                 for o in self.doc.in_block.get(block.block_id, ()) if o is not m)

    def _pays_in_clause(self, block: BlockView, m: Mention) -> bool:
        """A verb of paying in the mention's own clause, the mention in the nominative ("...
        žádají o navýšení ..., navýšení by uhradil Kraj X z dotace"): it pays; the application of
        its sentence is another's."""
        clause = self.doc.words(block, *self.doc.comma_clause(block, m))
        return not written_oblique(m) and bool(clause & cues().funder_verbs)

    def _own_request(self, block: BlockView, m: Mention, s_start: int, s_end: int) -> bool:
        """The request of the organisation its sentence names before it: a noun of request and a
        word for the kind of body with no name after them ("Eva Malá (Spolek X) shrnula
        požadavky spolku do sítě", "doplnil požadavek domova"), the one organisation named before."""
        c = cues()
        toks = self.doc.tokens(block, s_start, s_end)
        mentions = self.doc.in_block.get(block.block_id, ())
        for k in range(len(toks) - 1):
            if toks[k].lower not in c.request_nouns or toks[k + 1].lower not in c.applicant_between:
                continue
            named_after = any(o.start == toks[k + 2].start for o in mentions) if k + 2 < len(toks) else False
            before = {o.key for o in mentions if s_start <= o.start < toks[k].start}
            return not named_after and before == {m.key} and m.start < toks[k].start
        return False

    def _presents_request(self, block: BlockView, m: Mention, s_end: int) -> bool:
        """The speaker's organisation in parentheses, the speaker presenting a request that names
        no other organisation ("Mgr. Eva Malá (Charita X) představila žádost o navýšení kapacity
        pečovatelské služby"): the request is her organisation's."""
        if not self.doc.affiliation(block, m):
            return False
        c = cues()
        after = self.doc.tokens(block, m.end, s_end)
        if len(after) < 3 or after[0].text != ")" or after[1].lower not in c.presenting_verbs \
                or after[2].lower not in c.request_nouns:
            return False
        return not any(m.end < o.start < s_end for o in self.doc.in_block.get(block.block_id, ()))

    def _award_recipient(self, block: BlockView, m: Mention) -> bool:
        """The one a grant is given to: right after a verb or noun of giving it, in a sentence
        naming a grant or a sum ("doporučuje poskytnout Nadaci X příspěvek", "poskytnout o.s. Y
        částku ve výši 40.000,-Kč")."""
        c = cues()
        s_start, s_end = sentence_of(block.text, m.start)
        before = self.doc.tokens(block, s_start, m.start)
        if before and before[-1].lower in lex().classifiers:
            before = before[:-1]  # "doporučuje poskytnout spolku X, z. s., IČ ..., příspěvek"
        if not before or before[-1].lower not in c.award_to_before:
            return False
        words = self.doc.words(block, s_start, s_end)
        return bool(words & c.grant_nouns or words & c.money_units)

    def _asked(self, block: BlockView, m: Mention, s_start: int) -> bool:
        """The one asked, not the applicant: an organisation right after a verb of asking
        ("Spolek X ... požádal ÚMČ Y o pomoc", "požádala Charitu Z o vyjádření") that is written
        in an oblique case or follows the sentence's subject (an organisation before it)."""
        before = self.doc.tokens(block, s_start, m.start)
        if not before or before[-1].lower not in cues().asked_after:
            return False
        return written_oblique(m) or any(s_start <= o.start < before[-1].start
                                         for o in self.doc.in_block.get(block.block_id, ()))

    def _applied_by(self, block: BlockView, m: Mention, s_start: int) -> bool:
        """The author of an application: the mention right after a noun of application, or
        after one and a word for the kind of body ("projednal žádost Spolku X o příspěvek",
        "s podáním žádosti organizace Domov Y, p. o., o dotaci"), or after the application and
        the grant it asks for ("Žádost o příspěvek Domova Z byla odložena"; a town or region
        there owns the grant: `money_owner` takes it first)."""
        c = cues()
        before = [t.lower for t in self.doc.tokens(block, s_start, m.start)][-4:]
        if before and before[-1] in c.applicant_between:
            before = before[:-1]  # "žádost organizace Domov Y", "žádost o příspěvek spolku Z"
        if before and before[-1] in c.applicant_nouns:
            return True
        return len(before) >= 3 and before[-3] in c.applicant_nouns and before[-2] in c.request_prepositions \
            and before[-1] in c.grant_nouns  # "Žádost o příspěvek Domova X byla odložena"

    def _asked_for_grant(self, block: BlockView, m: Mention) -> bool:
        """The one asked is asked for a grant: a word for one follows the mention in its
        clause ("požádá Ministerstvo Y o dotaci")."""
        c_start, c_end = self.doc.comma_clause(block, m)
        return bool(self.doc.words(block, m.end, c_end) & cues().grant_nouns)

    def _provides_service(self, block: BlockView, m: Mention) -> bool:
        """The mention is the provider of a service type named in its sentence, in a later
        sentence of its paragraph that names no organisation, or in its sub-list."""
        doc = self.doc
        if not doc.can_provide(m):
            return False
        s_start, _ = sentence_of(block.text, m.start)
        for service in doc.services_in(block):
            if s_start <= service.start and m.key in doc.providers_of(block, service.start, service.end):
                return True
        return self._parent_of_services(block, m)

    def _parent_of_services(self, block: BlockView, m: Mention) -> bool:
        """An organisation alone in a list item whose sub-items name service types."""
        doc = self.doc
        if block.kind != "list_item":
            return False
        index = doc.order[block.block_id]
        for k in range(index + 1, len(doc.blocks)):  # (no slice: a copy of the rest per mention)
            nxt = doc.blocks[k]
            if nxt.kind != "list_item" or (nxt.level or 0) <= (block.level or 0):
                return False
            parent = doc.parent_item_org(nxt)
            if parent is not None and parent.key == m.key and doc.services_in(nxt):
                return True
        return False

    def _capacity_owner(self, block: BlockView, m: Mention) -> bool:
        """The one whose capacity changes: right after the word for capacity ("snížení kapacity
        Domova X, p. o., z 96 na 84 lůžek"); it runs the service (a body that decides or pays
        does not: `can_provide`)."""
        s_start, _ = sentence_of(block.text, m.start)
        before = self.doc.tokens(block, s_start, m.start)
        return bool(before) and before[-1].lower in cues().capacity_nouns and self.doc.can_provide(m)

    def _after_item_title(self, block: BlockView, m: Mention) -> bool:
        """Minutes reporting on a plan item by its line: the organisation right after the dash
        that ends the item's title on the line where the item starts, in the nominative ("•
        Opatření 2.1 Podpora pobytových služeb – Domov X, p. o. otevřel ...", "Opatření 3.2 ...
        – Spolek Y navýšil kapacitu"): it carried the item out, and provides it. A verb follows
        it within a few words ("Cíl 2 - Udržení služeb – Probační služba." names a topic)."""
        starts = [start for start, _ in self.doc.items.starts.get(block.block_id, ()) if start <= m.start]
        if not starts or written_oblique(m) or "\n" in block.text[starts[-1]:m.start]:
            return False
        before = block.text[starts[-1]:m.start].rstrip()
        if not before.endswith(("–", "—", " -")) or len(before) < 3:
            return False
        _, s_end = sentence_of(block.text, m.start)  # it acts: a verb follows it ("– Probační služba." names a topic)
        return any(is_verb(t.text) for t in self.doc.tokens(block, m.end, s_end)[:4])

    def _in_provider_line(self, block: BlockView, m: Mention) -> bool:
        """A list line that gives an organisation with a figure or a service inside a plan item
        ("• Charita Horní Ves – 1 úvazek, terénní programy")."""
        if block.kind != "list_item" or self.doc.items.at(block, m.start) is None:
            return False
        text = block.text[body_offset(block):]
        if not text.lstrip().startswith(m.written[:3]) and fold(text).find(fold(m.written)) > 3:
            return False
        return bool(_DIGIT.search(text.replace(m.written, ""))) or bool(self.doc.services_in(block))

    # ---- lists

    def _opens_item(self, block: BlockView, m: Mention) -> bool:
        """The mention is the first words of its list item (the item's subject)."""
        first = self.doc.in_block.get(block.block_id, [])
        offset = body_offset(block) if block.kind == "list_item" else typed_label_end(block.text)
        return bool(first) and first[0] is m and m.start <= offset + 3

    def _list_intro_role(self, block: BlockView) -> str | None:
        """The role the line introducing a list gives the organisations that open its items:
        applicant after an application ("podaly žádost neziskové organizace:", "Vyjádření k
        zařazení ... pro tyto organizace:"), provider after providers ("V regionu působí
        tito poskytovatelé:"); a list whose items are paragraphs with typed labels ("a) X,
        z. ú. – ...") counts too. A paragraph that names applications right above a list
        without a colon ("Skupina projednala žádosti poskytovatelů o ...") makes its items
        applicants too, and so does a line giving grants ("... schválit poskytnutí dotací
        těmto organizacím:")."""
        intro = self.doc.list_intro(block)
        c = cues()
        if intro is None:
            before = self._paragraph_before_list(block)
            words = {t.lower for t in self.doc.tokens(before)} if before is not None else set()
            return "applicant" if words & c.applicant_nouns else None
        words = {t.lower for t in self.doc.tokens(intro)}
        if words & c.applicant_words or words & c.applicant_verbs or words & c.grant_award_words and words & c.grant_nouns:
            return "applicant"  # also the grants' recipients: "schválit poskytnutí dotací organizacím:"
        return "provider" if words & c.provider_intro else None

    def _paragraph_before_list(self, block: BlockView) -> BlockView | None:
        """The paragraph right before the list a list item belongs to, when it ends a
        sentence instead of a colon ("Skupina projednala žádosti těchto organizací." above
        "• Klub Pohoda, z. s. – ...")."""
        prev = self.doc.before_list(block)
        return prev if prev is not None and prev.kind == "paragraph" else None

    # ---- attendance and member lists

    def _context_role(self, block: BlockView, m: Mention) -> str | None:
        """member in a member list or the attendance (present, excused, absent) of the line,
        the lines under a bare label ("Přítomni:" / "Jana Malá – Klub Pohoda"), the list
        introduced by one, or the table the mention is in; mentioned for guests."""
        for start, end, role in self._line_roles(block):
            if start <= m.start < end:
                if role:
                    return role
                break
        intro = self.doc.list_intro(block)
        if intro is not None:
            key, bare = _attendance_label(intro.text[body_offset(intro):])
            if key is not None and bare:
                return _ATTENDANCE_ROLE[key]
        if self._under_member_list(block) or self._in_attendance_table(block, m):
            return "member"
        for start, end, role in self.attendance.get(block.block_id, ()):
            if m.start < end and start < m.end:  # "(obec Lhotka)" holds the attendee's "Lhotka"
                return _ATTENDANCE_ROLE[role]
        return None

    def _line_roles(self, block: BlockView) -> list[tuple[int, int, str | None]]:
        """Each line of a block with the role its attendance label gives the organisations on
        it: its own label, or a bare label above it while lines of persons follow it
        ("Přítomni:" / "Jana Malá – Klub Pohoda"). Found once per block."""
        found = self._lines.get(block.block_id)
        if found is not None:
            return found
        found = self._lines[block.block_id] = []
        doc = self.doc.document.doc(block)
        section = None  # the attendance label the lines above opened in this block
        for start, end in lines(block.text):
            body = min(end, body_offset(block)) if start == 0 else start
            line = block.text[body:end]
            key, bare = _attendance_label(line)
            persons = section is not None and bool(person_tokens(doc, self.doc.tokens(block, body, end)))
            found.append((start, end, _ATTENDANCE_ROLE[key or section] if key or (section and persons) else None))
            if key is not None:
                section = key if bare else None
            elif section is not None and (_LABEL_LINE.match(line) or not persons):
                section = None
        return found

    def _under_member_list(self, block: BlockView) -> bool:
        """In a member list: the block opens with "Seznam členů ...", or follows such a title
        line (a slide number before it allowed) with only list items or cells between."""
        doc = self.doc
        index = doc.order[block.block_id]
        if self._member_title(block):
            return True
        if block.kind in ("list_item", "table_cell"):  # the walk below, found for all such blocks at once
            stop = self._member_stops()[index]
            prev = doc.blocks[stop] if stop >= 0 else None
            return prev is not None and self._member_title(prev) and len(prev.text.split()) <= 8
        for k in range(index - 1, -1, -1):  # (no slice: a copy of all blocks before per mention)
            prev = doc.blocks[k]
            if prev.kind in ("list_item", "table_cell") and not self._member_title(prev):
                if _NUMBER_ONLY.fullmatch(prev.text.strip()):
                    continue  # a bare slide number
                if block.kind in ("list_item", "table_cell"):
                    continue
                return False
            return self._member_title(prev) and len(prev.text.split()) <= 8
        return False

    def _member_stops(self) -> list[int]:
        """For each list item or table cell: the nearest block before it that is not a list item
        or cell, or is a member-list title (-1: none); where `_under_member_list`'s walk ends."""
        if self._stops is None:
            blocks = self.doc.blocks
            inside = [b.kind in ("list_item", "table_cell") for b in blocks]
            keys = [0 if inside[i] and not self._member_title(b) else -1 for i, b in enumerate(blocks)]
            self._stops = nearest_lower(keys, [0 if flag else None for flag in inside])
        return self._stops

    def _member_title(self, block: BlockView) -> bool:
        known = self._titles.get(block.block_id)
        if known is None:
            text = _NUMBER_LABEL.sub("", block.text[body_offset(block):])
            known = self._titles[block.block_id] = label_end(text, cues().attendance["member_list"]) is not None
        return known

    def _in_attendance_table(self, block: BlockView, m: Mention) -> bool:
        found = self.doc.tables.locate(block, m.start)
        return bool(found and "person" in found[0].columns.values())

    # ---- tables

    def _table_hits(self, block: BlockView, m: Mention) -> list[RoleHit] | None:
        """The role a table column gives: applicant (Žadatel), responsible (Realizátor), partner, funder
        (Financování),
        provider (an organisation column beside a service column), member (beside names)."""
        doc = self.doc
        found = doc.tables.locate(block, m.start)
        if not found:
            return None
        table, cell = found
        kind = table.columns.get(cell.col)
        kinds = set(table.columns.values())
        number = doc.row_number(block, m.start)
        if kind in ("applicant", "partner", "funder"):
            return [RoleHit(m, kind)]
        if kind == "responsible":
            own = number or doc.items.at(block, m.start)
            # a realizátor cell merged down over the next activities of the same measure is theirs too
            covered = [ref for row in table.grid.merged_down(cell)
                       if (ref := self._row_item(table, row)) is not None and own is not None and ref != own
                       and ref.count(".") == own.count(".") and ref.rpartition(".")[0] == own.rpartition(".")[0]]
            return [RoleHit(m, "responsible", ref) for ref in dict.fromkeys([own, *covered])]
        if kind in ("organisation", "responsible") and self._under_applications(table):
            return [RoleHit(m, "applicant")]
        if kind == "organisation" and "person" in kinds:
            return [RoleHit(m, "member")]
        if kind == "organisation" and "service" in kinds:
            return [RoleHit(m, "provider", number)]
        return None

    def _row_item(self, table: Table, row: int) -> str | None:
        """The plan item of a table row: its number cell, else the item its first cell opens (asked
        at the cell's end: the item's scope starts after its number)."""
        for other in table.grid.filled(row):
            ref = self.doc.row_number(other.block, other.start) \
                or self.doc.items.at(other.block, max(other.start, other.end - 1))
            if ref is not None:
                return ref
        return None

    def _under_applications(self, table: Table) -> bool:
        """A table right under a paragraph that names applications and introduces it with a
        colon ("... rozdělení příspěvků na základě žádostí poskytovatelů takto:"): its
        organisations are the applicants."""
        doc = self.doc
        first = next(table.grid.cells(), None)
        if first is None or table.grid.table_id is None:
            return False
        index = doc.order[first.block.block_id]
        prev = doc.blocks[index - 1] if index > 0 else None
        if prev is None or prev.table_id is not None or not prev.text.rstrip().endswith(":"):
            return False
        return bool({t.lower for t in doc.tokens(prev)} & cues().applicant_nouns)

    def _flat_table(self, block: BlockView) -> dict[int, tuple[str, str | None]] | None:
        """A service table a transcript flattened into one paragraph ("Opatření č. Název
        organizace Druh služby 1.1. Vlídné srdce, o.s. Kontaktní centrum 1.2. ..."): the first
        organisation of each numbered row is its provider, tied to the row's number; a later
        one with a legal form starts a row without number (its number cell was empty)."""
        if not flattened_table(block.text):
            return None
        found = self.doc.in_block.get(block.block_id, [])
        rows = [(m.start(), m.group(1)) for m in _ITEM_NUMBER.finditer(block.text)]
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


