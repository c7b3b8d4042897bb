"""Organisations: one row per (organisation, role, item it is tied to) in a document.

An organisation is found by its shape or position (`names.find_mentions`) and gets its
roles from where and how it is named (`roles.role_hits`). A responsible or provider role
inside a plan item (goal, measure, activity) is a *tie* to that item. An organisation
gets one row per tie (a provider tie left out where it is responsible for the same
item) and one row per role it has untied (SPEC: "for roles not tied to an item, one row
per role"; the shared gold keeps a tied organisation's `member` row); an organisation
without ties gets one row, its most specific role (responsible > applicant > provider >
partner > member > funder). `mentioned` only when it has no other row.
Services and capacity changes (pipeline/extract/services.py, capacity.py) read the same
document context (`context.DocOrgs`, built once per annotated document and kept in its
`memo`) to name providers and owners. The annotate step has already put the service types
(`doc.spans["service"]`, pipeline/extract/spans/services.py) and the mentions found by shape
(`doc.spans["org"]`, pipeline/extract/spans/orgs.py) on every block's Doc.

The package, in reading order:

- `mention`    what a mention is; the words of a block's annotated Doc it is found among
- `lexicon`    the lexicons (configs/organisations.toml), word classes, where shapes may start
- `normalise`  nominative names, legal forms, IČO, merging variants
- `shapes`     mentions found by their shape (legal form, head, abbreviation, region);
               a whole block's are its Doc's `org` spans, persons are its `person` spans
- `slots`      mentions found by their position (slots, lists, parentheses,
               apposition, bare names repeated)
- `tables`     tables of cells and tab-separated lines, column kinds
- `names`      a document's mentions with canonical names (`find_mentions`)
  (which plan item a position falls under: `pipeline.extract.scopes`)
- `context`    the document context: who provides a service named somewhere
- `roles`      the roles of each mention and their ties
- this module  the rows
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.common import span_row
from pipeline.extract.text import fold
from pipeline.extract.organisations.context import DocOrgs
from pipeline.extract.organisations.mention import Mention
from pipeline.extract.organisations.normalise import ico_valid
from pipeline.extract.organisations.roles import TIE_ROLES, RoleHit, role_hits

_SPACE = re.compile(r"\s")
_ICO_DIGITS = re.compile(r"\d{6,10}")


__all__ = ["DocOrgs", "ROLE_ORDER", "RoleHit", "assemble", "extract", "names_the_group", "with_shown_name"]

ROLE_ORDER = ["responsible", "applicant", "provider", "partner", "member", "funder", "mentioned"]


def assemble(hits: Sequence[RoleHit]) -> list[RoleHit]:
    """The rows of the table from all role hits: per organisation one row per tie (role,
    item), a provider tie left out where the organisation is responsible for the same item,
    and then one row per untied role it does not hold for an item (with ties; one role per
    mention, its most specific) or one row with its most specific role (without);
    `mentioned` only alone."""
    by_org: dict[str, list[RoleHit]] = {}
    for hit in hits:
        by_org.setdefault(hit.mention.key, []).append(hit)
    rows: list[RoleHit] = []
    for org_hits in by_org.values():
        ties = {}
        for hit in org_hits:
            if hit.role in TIE_ROLES and hit.item_ref:
                ties.setdefault((hit.role, hit.item_ref), hit)
        for role, item in list(ties):
            if role != "responsible" and ("responsible", item) in ties:
                del ties[(role, item)]  # the one responsible for an item also runs it: one row
        tied_roles = {role for role, _ in ties}  # SPEC: no untied row of a role held for some item
        untied = [h for h in org_hits if not (h.role in TIE_ROLES and h.item_ref)
                  and h.role != "mentioned" and h.role not in tied_roles]
        rows.extend(ties.values())
        if ties:  # beside its ties, one row per untied role (a member row above all)
            first: dict[str, RoleHit] = {}
            for hit in _mention_roles(untied):
                first.setdefault(hit.role, hit)
            rows.extend(RoleHit(h.mention, h.role, None) for h in first.values())
        elif untied:
            best = min(untied, key=lambda h: (ROLE_ORDER.index(h.role), h.mention.block_id, h.mention.start))
            rows.append(RoleHit(best.mention, best.role, None))
        elif not ties:
            first = min(org_hits, key=lambda h: (h.mention.block_id, h.mention.start))
            rows.append(RoleHit(first.mention, "mentioned", None))
    return rows


def _mention_roles(hits: Sequence[RoleHit]) -> list[RoleHit]:
    """The most specific role of each mention, in document order: a line "- Spolek X –
    odlehčovací služby, navýšení z 6 na 9 lůžek" under "projednala žádosti poskytovatelů:"
    reads as applicant and, by its service, as provider; it is the application's line."""
    best: dict[tuple[int, int], RoleHit] = {}
    for hit in hits:
        where = (hit.mention.block_id, hit.mention.start)
        if where not in best or ROLE_ORDER.index(hit.role) < ROLE_ORDER.index(best[where].role):
            best[where] = hit
    return [best[k] for k in sorted(best)]


def _holds(m: Mention) -> bool:
    """The mention's text shows the organisation's name: every word of the name starts like a
    word as written ("městem Kolínem" shows "Město Kolín"; a bare "města" does not)."""
    written = fold(m.written).split()
    return all(any(w[:4] == x[:4] for x in written) for w in fold(m.key).split())


def with_shown_name(rows: list[RoleHit], mentions: Sequence[Mention]) -> list[RoleHit]:
    """Point each row at a mention that shows its name: a row whose role came from a bare
    or abbreviated mention ("Finanční podpora města", "KÚKK") takes the provenance of the
    organisation's first mention written out."""
    out = []
    for row in rows:
        if not _holds(row.mention):
            shown = next((m for m in mentions if m.key == row.mention.key and _holds(m)), None)
            if shown is not None:
                row = RoleHit(shown, row.role, row.item_ref)
        out.append(row)
    return out


def names_the_group(name: str, group: str | None) -> bool:
    """The body whose meeting the minutes record, or the body its name says it belongs to, is
    the working group, not an organisation of the table (SPEC: working groups are none) where it
    is only named (a council that pays or decides keeps its row): the
    group's name holds every word of the body's name in order ("Zastupitelstvo města X" in
    "Výbor pro sociální věci Zastupitelstva města X"), or the body's name begins with the
    group's ("Rada Kraje Y" for the group "Rada kraje"). Words compare by their first four
    letters, so that cases do not matter. Only councils and assemblies (configs/organisations.toml
    [names] group_parents): a town or region named in the group's name stays an organisation."""
    words, pool = fold(name).split(), fold(group or "").split()
    if len(words) < 2 or len(pool) < 2 or words[0] not in _group_parents():
        return False
    return _in_order(words, pool) or _in_order(pool, words[:len(pool)])


@lru_cache(maxsize=1)
def _group_parents() -> frozenset[str]:
    return frozenset(fold(w) for w in load("organisations")["names"]["group_parents"])


def _in_order(words: list[str], pool: list[str]) -> bool:
    """Every word of `words` starts like a word of `pool`, in the same order."""
    k = 0
    for word in words:
        while k < len(pool) and pool[k][:4] != word[:4]:
            k += 1
        if k == len(pool):
            return False
        k += 1
    return True


def _row(block: BlockView, hit: RoleHit) -> dict:
    m = hit.mention
    ico = m.ico
    return span_row(block, m.start, m.end, name=m.key, ico=ico, ico_valid=ico_valid(ico) if ico else None,
                    legal_form=m.legal_form, role=hit.role, item_ref=hit.item_ref)


def _table_icos(doc: DocOrgs) -> dict[str, str]:
    """IČO given in a table column beside an organisation ("Žadatel | IČO | ...")."""
    icos: dict[str, str] = {}
    for table in doc.tables.tables:
        ico_cols = [col for col, kind in table.columns.items() if kind == "ico"]
        if not ico_cols:
            continue
        for row in table.rows.values():
            value = row.get(ico_cols[0])
            digits = _SPACE.sub("", value.text) if value else ""
            if not _ICO_DIGITS.fullmatch(digits):
                continue
            for cell in row.values():
                for m in doc.in_block.get(cell.block.block_id, []):
                    if cell.start <= m.start < cell.end:
                        icos.setdefault(m.key, digits)
    return icos


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('fields', 'attendees', 'agenda_items', 'goals', 'measures', 'activities')
PRODUCES: tuple[str, ...] = ('organisations',)


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append the organisation rows of one document to result.tables["organisations"]."""
    doc = DocOrgs.shared(blocks, result)
    icos = _table_icos(doc)
    rows = []
    group = result.fields.get("working_group")
    hits = [hit for hit in role_hits(doc) if hit.role != "mentioned" or not names_the_group(hit.mention.key, group)]
    for hit in with_shown_name(assemble(hits), doc.mentions):
        row = _row(doc.by_id[hit.mention.block_id], hit)
        if row["ico"] is None and hit.mention.key in icos:
            row["ico"] = icos[hit.mention.key]
            row["ico_valid"] = ico_valid(row["ico"])
        rows.append(row)
    rows.sort(key=lambda r: (doc.order[r["block_id"]], r["char_start"], ROLE_ORDER.index(r["role"])))
    result.tables["organisations"].extend(rows)
