"""Services: each mention of a social-service type (zákon 108/2006 Sb., §37–§70) with
the organisation that provides it.

The mentions are the `service` spans of the annotate step (pipeline/extract/spans/services.py:
legal types, inflected and abbreviated, and sections of the act). A mention
inside an organisation's own name ("Středisko rané péče Pampeliška") is the name, not
the service. The provider is an organisation the same sentence names (the
nearest one before the mention, with those coordinated with it — "X a Y
poskytují ..." — else the nearest one after it), the organisation of the list item
above a sub-list ("• Kopretina, z. ú." / "◦ Denní stacionář ..."), the subject of
the paragraph, else the one organisation responsible for the plan item (see
pipeline/extract/organisations/context.py); an organisation the sentence names as a funder
("vyhlásí projekt zaměřený na ..."), as the party dealt with ("jednání s městem
X") or as the affiliation of a speaker reporting something does not provide. One
row per (type, organisation); a row without organisation only for a type never
named with a provider in the document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.common import alternation, span_row
from pipeline.extract.organisations.context import DocOrgs
from pipeline.extract.organisations.lexicon import lex
from pipeline.extract.organisations.normalise import written_oblique
from pipeline.extract.organisations.tables import ACTOR_KINDS, header_kind
from pipeline.extract.sentences import sentence_of
from pipeline.extract.spans.quantities import KEY as QUANTITY_KEY
from pipeline.extract.spans.services import ServiceMention, services
from pipeline.extract.text import fold


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('organisations',)
PRODUCES: tuple[str, ...] = ('services',)


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append one row per (service type, providing organisation) to result.tables["services"].

    A mention whose provider the text does not give takes the one organisation responsible
    for its plan item ("Aktivita 1.2 Udržení denního stacionáře / R: X"), unless the item
    names a provider of that type elsewhere ("... stacionář provozuje Y"), names it as missing
    ("Na Lhotecku chybí sociálně terapeutické dílny") or the one
    responsible is an office that runs no service ("Konzultační dny v denním centru – R: Úřad
    práce ČR")."""
    ctx = DocOrgs.shared(blocks, result)
    with_provider: dict[tuple[str, str], dict] = {}
    without: dict[str, dict] = {}
    provided_in_item: set[tuple[str, str | None]] = set()
    pending: list[tuple[BlockView, ServiceMention, str | None]] = []
    records = _record_providers(ctx)
    glossaries = _glossary_blocks(ctx)
    funded: set[tuple[int, int]] = set()
    for block in blocks:
        if block.block_id in glossaries:
            continue  # "SAS | sociálně aktivizační služby pro rodiny s dětmi": a list of abbreviations
        for mention in ctx.services_in(block):
            item = ctx.items.at(block, mention.start)
            providers = _named_after(ctx, block, mention) or _relative_operator(ctx, block, mention) \
                or _operated_by(ctx, block, mention)
            if not providers and _preceded_by(block, mention, "not_provided_before"):
                funded.add((block.block_id, mention.start))  # "poskytnout zázemí pro odlehčovací službu"
            elif not providers and _funded(block, mention):
                # "o spolufinancování pečovatelské služby": the item's realizátor pays for it, it does not run it;
                # "poskytnout spolku X příspěvek na provoz klubu": the one paid runs it
                providers = _recipient(ctx, block, mention)
                if not providers:
                    funded.add((block.block_id, mention.start))
            elif not providers:
                providers = _realizer_after(ctx, block, mention) or ctx.providers_of(block, mention.start, mention.end) \
                    or records.get(block.block_id, []) or _anaphor(ctx, block, mention) \
                    or _subject_running_on(ctx, block, mention)
            providers = list(dict.fromkeys(ctx.full_name(name) for name in _without_cosponsors(ctx, block, providers)))
            if providers:
                provided_in_item.add((mention.service_type, item))
                for org in providers:
                    with_provider.setdefault((mention.service_type, org), _row(block, mention, org))
            else:
                pending.append((block, mention, item))
    for block, mention, item in pending:
        named_by_item = (mention.service_type, item) not in provided_in_item and not ctx.named_missing(block, mention.start) \
            and (block.block_id, mention.start) not in funded
        responsible = ctx.responsible_in_scope(block, item) if named_by_item else []
        # an office responsible for the item (Úřad práce, a town's office) runs no service there
        responsible = [name for name in responsible if ctx.name_can_provide(name)]
        if not responsible and named_by_item:
            responsible = _item_provider(ctx, item)
        if len(responsible) == 1:
            with_provider.setdefault((mention.service_type, responsible[0]), _row(block, mention, responsible[0]))
        else:
            without.setdefault(mention.service_type, _row(block, mention, None))
    for block, m, service in _named_after_service(ctx, blocks):
        org = ctx.full_name(m.key)
        with_provider.setdefault((service.service_type, org), span_row(
            block, m.start, m.end, organisation=org, service_type=service.service_type,
            paragraph=service.paragraph, raw_text=block.text[m.start:m.end]))
    provided = {service_type for service_type, _ in with_provider}
    rows = list(with_provider.values()) + [r for t, r in without.items() if t not in provided]
    rows.sort(key=lambda r: (r["block_id"], r["char_start"]))
    result.tables["services"].extend(rows)


def _named_after_service(ctx: DocOrgs, blocks: Sequence[BlockView]) -> list[tuple[BlockView, Any, ServiceMention]]:
    """Organisations named after the service they run ("Domov pro seniory Lhota", "Denní stacionář
    Jasan"), where their sentence states a capacity and names no other service ("snížení kapacity
    Domova pro seniory Lhota, p. o., z 96 na 84 lůžek"): the capacity is of that service, so the
    organisation provides it ("Domov pro seniory X zřídil odlehčovací službu s kapacitou 4 lůžek"
    speaks of another). A service later in a name ("Středisko rané péče X") only qualifies it."""
    found = []
    for block in blocks:
        mentions = ctx.in_block.get(block.block_id, [])
        if not mentions:
            continue
        doc = ctx.document.doc(block)
        figures = [q.start_char for q in doc.spans.get(QUANTITY_KEY, ())
                   if q.label_ in _CAPACITY_LABELS and q._.quantity is not None and q._.quantity.unit]
        if not figures:
            continue
        named = services(doc)
        free = ctx.services_in(block)  # the mentions outside names
        for m in mentions:
            first = next((sv for sv in named if sv.start == m.start and sv.end <= m.end), None)
            start, end = sentence_of(block.text, m.start)
            if first is not None and ctx.can_provide(m) and any(start <= f < end for f in figures) \
                    and not any(start <= sv.start < end for sv in free):
                found.append((block, m, first))
    return found


_CAPACITY_LABELS = ("quantity", "range")
_PUBLIC = "public"  # the org span label of a public body or municipality ("Město X", "MČ Y")  # the quantity spans that state a capacity or its change


def _named_after(ctx: DocOrgs, block: BlockView, mention: ServiceMention) -> list[str]:
    """The organisation named right after the service, in the genitive or after "poskytovatele"
    ("navýšení pečovatelské služby Oblastní charity Lipová", "odlehčovací službu poskytovatele
    Senior centrum Lipová"): it provides it, whatever the sentence named before."""
    for m in ctx.in_block.get(block.block_id, []):
        if m.start < mention.end:
            continue
        gap = fold(block.text[mention.end:m.start]).strip()
        if (not gap or gap in _words()["between_service_and_provider"]) and ctx.can_provide(m) and not ctx.funder_in_sentence(block, m):
            return [m.key]
        break
    return []


def _relative_operator(ctx: DocOrgs, block: BlockView, mention: ServiceMention) -> list[str]:
    """The organisation a relative clause right after the service names as running it ("vznik
    nové služby podpora samostatného bydlení, kterou bude poskytovat Sociální služby Lipová,
    p. o."): it provides this service, not one the sentence named before it."""
    _, s_end = sentence_of(block.text, mention.start)
    after = [m for m in ctx.in_block.get(block.block_id, []) if mention.end <= m.start < s_end]
    if not after or not ctx.can_provide(after[0]):
        return []
    if any(mention.end <= other.start < after[0].start for other in ctx.services_in(block)):
        return []
    if _RELATIVE_OPERATOR.fullmatch(fold(block.text[mention.end:after[0].start])) is None:
        return []
    return [after[0].key]


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    """The word lists of configs/services.toml [providers], folded."""
    return {key: tuple(fold(w) for w in words) for key, words in load("services")["providers"].items()}


def _operated_by(ctx: DocOrgs, block: BlockView, mention: ServiceMention) -> list[str]:
    """The one organisation that its sentence, or the row of its table, names as the operator
    ("výstavba domova se zvláštním režimem, jehož provozovatelem budou Sociální služby Lipová")."""
    located = ctx.tables.locate(block, mention.start)
    if located is not None:
        places = [(cell.block, cell.start, cell.end) for cell in ctx.tables.row_of(block, mention.start)]
        places.append((block, located[1].start, located[1].end))
    else:
        start, end = sentence_of(block.text, mention.start)
        places = [(block, start, end)]
    found = []
    for where, start, end in places:
        for m in ctx.in_block.get(where.block_id, []):
            if start <= m.start < end and ctx.can_provide(m):
                before = fold(where.text[max(start, m.start - 40):m.start]).split()[-_OPERATOR_WORDS:]
                if any(word in _words()["operator_cues"] for word in before):
                    found.append(m.key)
    found = list(dict.fromkeys(found))
    return found if len(found) == 1 else []


def _realizer_after(ctx: DocOrgs, block: BlockView, mention: ServiceMention) -> list[str]:
    """The organisation after the first "realizátor:" that follows the service in its sentence
    ("Opatření 1.3 Navýšení kapacity domova se zvláštním režimem – realizátor: Domov Lipová"),
    also where a run-together page puts the item above in the same sentence; none when that
    label names nobody ("realizátor bude upřesněn")."""
    start, end = sentence_of(block.text, mention.start)
    label = _REALIZER.search(fold(block.text[mention.end:end]))
    if label is None or not label.group(1):
        return []  # no realizátor, or one that names nobody yet
    at = mention.end + label.end()
    return [m.key for m in ctx.in_block.get(block.block_id, [])
            if at <= m.start <= at + 2 and ctx.can_provide(m)][:1]


def _anaphor(ctx: DocOrgs, block: BlockView, mention: ServiceMention) -> list[str]:
    """The one organisation of the sentence before, where the service's sentence speaks of it by a
    common noun ("… terénním programu společnosti Člověk v tísni, o.p.s. … Organizace od ledna
    plánuje registrovat také sociálně aktivizační služby")."""
    start, _ = sentence_of(block.text, mention.start)
    if start == 0 or not set(fold(block.text[start:mention.start]).split()) & set(_words()["anaphors"]):
        return []
    before, _ = sentence_of(block.text, start - 1)
    keys = list(dict.fromkeys(m.key for m in ctx.in_block.get(block.block_id, [])
                              if before <= m.start < start and ctx.can_provide(m)))
    return keys if len(keys) == 1 else []


def _item_provider(ctx: DocOrgs, item: str | None) -> list[str]:
    """The one organisation the plan item's text names as the provider, where the item names no
    realizátor ("A.1.2 Zavést službu tísňové péče" / "Jednání s poskytovatelem X, z. ú. probíhají")."""
    if not item:
        return []
    names = list(dict.fromkeys(row["name"] for row in ctx.result.tables.get("organisations", [])
                               if row.get("role") == "provider" and row.get("item_ref") == item))
    return names if len(names) == 1 and ctx.name_can_provide(names[0]) else []


def _without_cosponsors(ctx: DocOrgs, block: BlockView, providers: list[str]) -> list[str]:
    """Of several organisations given together for a service, the municipalities and public bodies
    share the responsibility and the others run it ("Zodpovědnost | Spolek X, z. s.; Město Y" for
    "Navýšení lůžek v noclehárnách"); a public body alone stays the provider ("Město Y provozuje
    terénní program")."""
    if len(providers) < 2:
        return providers
    public = {m.key for b in ctx.blocks for m in ctx.in_block.get(b.block_id, []) if m.kind == _PUBLIC}
    others = [name for name in providers if name not in public]
    return others if others and len(others) < len(providers) else providers


def _recipient(ctx: DocOrgs, block: BlockView, mention: ServiceMention) -> list[str]:
    """The one organisation its sentence names, before a service that a payment is for, as the one
    paid: written in an oblique case and not a funder ("doporučuje poskytnout spolku Jaro, z. s.,
    příspěvek na provoz nízkoprahového klubu", "přidělit sdružení X ... na činnost K-centra"). It
    runs what it is paid for."""
    start, _ = sentence_of(block.text, mention.start)
    keys = list(dict.fromkeys(m.key for m in ctx.in_block.get(block.block_id, [])
                              if start <= m.start and m.end <= mention.start and ctx.can_provide(m)
                              and _oblique(block, m) and not ctx.funder_in_sentence(block, m)))
    return keys if len(keys) == 1 else []


def _oblique(block: BlockView, m) -> bool:  # type: ignore[no-untyped-def]
    """The mention is written in an oblique case, or the common noun right before its name is
    ("spolku Jaro, z. s.": the noun is no part of the written name)."""
    before = block.text[:m.start].split()
    entry = lex().lemmas.get(before[-1].lower()) if before else None
    return written_oblique(m) or entry is not None and entry[2] != "nom"


def _subject_running_on(ctx: DocOrgs, block: BlockView, mention: ServiceMention) -> list[str]:
    """The organisation that opens the next paragraph, where the service's sentence runs on into it:
    the block ends with a comma after the service ("... aktivita 3.1.2 Rozšíření chráněného bydlení
    byla splněna," / "Spolek X zvýšil kapacitu ..."; a page or line break inside one sentence)."""
    text = block.text.rstrip()
    index = ctx.order.get(block.block_id)
    if not text.endswith(",") or index is None or index + 1 >= len(ctx.blocks) \
            or sentence_of(block.text, mention.start)[1] < len(text):
        return []
    after = ctx.blocks[index + 1]
    if after.kind not in ("paragraph", "list_item") or after.table_id is not None or block.table_id is not None:
        return []
    lead = len(after.text) - len(after.text.lstrip())
    first = min(ctx.in_block.get(after.block_id, []), key=lambda m: m.start, default=None)
    return [first.key] if first is not None and first.start == lead and ctx.can_provide(first) \
        and not ctx.funder_in_sentence(after, first) else []


_REALIZER = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(fold(w)) for w in load('services')['providers']['realizer_labels'])})"
                       r"(?!\w)(\s*:\s*)?")
_RELATIVE_OPERATOR = re.compile(
    rf"\s*,\s*(?:{alternation(load('services')['providers']['relative_pronouns'])})\s+(?:\w+\s+){{0,2}}?"
    rf"(?:{alternation(load('services')['providers']['relative_operator_verbs'])})\s+")
_OPERATOR_WORDS = 3  # an operator's noun stands this few words before its name ("provozovatelem budou X")


def _funded(block: BlockView, mention: ServiceMention) -> bool:
    """The service is what a payment is for ("spolufinancování pečovatelské služby", "příspěvek
    na provoz noclehárny"): whoever the structure names with it funds it."""
    return _preceded_by(block, mention, "funding_before")


def _preceded_by(block: BlockView, mention: ServiceMention, key: str) -> bool:
    """The words right before the service end with a phrase of configs/services.toml [providers] `key`."""
    before = " " + " ".join(fold(block.text[max(0, mention.start - 40):mention.start]).split())
    return before.endswith(tuple(" " + phrase for phrase in _words()[key]))


def _glossary_blocks(ctx: DocOrgs) -> set[int]:
    """The blocks of a list of abbreviations: the table cells or the "SAS<tab>sociálně aktivizační
    služby …" lines right under a title such as "Seznam použitých zkratek"."""
    found: set[int] = set()
    inside = False
    for block in ctx.blocks:
        if fold(block.text).strip(" :") in _words()["glossary_titles"]:
            inside = True
        elif inside and (block.kind == "table_cell" or _ABBREVIATION_LINE.match(block.text)):
            found.add(block.block_id)
        else:
            inside = False
    return found


# "AD<tab>azylový dům", "NZDM – nízkoprahové zařízení …": an abbreviation and what it stands for
_ABBREVIATION_LINE = re.compile(r"\s*[^\W\d_][^\s]{0,9}(?:\t+|\s+[–-]\s+)\S")


def _record_providers(ctx: DocOrgs) -> dict[int, list[str]]:
    """For each block of a label|value table that names its realizátor or provider in a row
    ("Realizátor | Spolek Lípa, z. s.", "Předpokládaný realizátor | …"), and for the line just above
    the table that names the item it describes ("Aktivita Rozšíření pečovatelské služby"): the
    organisations of those rows."""
    found: dict[int, list[str]] = {}
    for table in ctx.tables.tables:
        grid = table.grid
        if any(cell.block.table_id is not None and cell.row != cell.block.row for cell in grid.cells()):
            # read as one record already (organisations/tables.py): the values of its actor labels
            values = [cell for cell in grid.filled(grid.order[-1]) if cell.col in grid.header
                      and _label_kind(grid.header[cell.col].text) in ACTOR_KINDS] if len(grid.rows) == 2 else []
        elif grid.width == 2:
            values = [value for row in grid.order if (label := grid.cell(row, min(grid.rows[row]))) is not None
                      and _label_kind(label.text) in ACTOR_KINDS and (value := grid.after(label)) is not None]
        else:
            continue
        orgs = list(dict.fromkeys(m.key for value in values for m in ctx.in_block.get(value.block.block_id, [])
                                  if value.start <= m.start < value.end and ctx.can_provide(m)))
        if not orgs:
            continue
        cells = [cell.block for cell in grid.cells()]
        for block in cells:
            found.setdefault(block.block_id, orgs)
        first = min(ctx.order[b.block_id] for b in cells)
        above = ctx.blocks[first - 1] if first > 0 else None
        if above is not None and above.kind in ("heading", "paragraph", "list_item") and above.table_id is None:
            found.setdefault(above.block_id, orgs)
    return found


def _label_kind(text: str) -> str | None:
    """The kind a record's label names: as a column header, or by its last word after a
    qualifier ("Předpokládaný realizátor")."""
    words = text.strip(" :").split()
    return header_kind(text) or (header_kind(words[-1]) if len(words) == 2 else None)


def _row(block: BlockView, mention: ServiceMention, organisation: str | None) -> dict:
    return span_row(block, mention.start, mention.end, organisation=organisation,
                    service_type=mention.service_type, paragraph=mention.paragraph,
                    raw_text=block.text[mention.start:mention.end])
