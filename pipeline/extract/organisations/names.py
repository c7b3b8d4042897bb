"""Organisation mentions of a document, and the names a reader writes for them.

Minutes name an organisation in many shapes: with a legal form ("Lavanda
o. p. s.", "„Z“ občanské sdružení"), by a head word ("Charita Horní Ves",
"Krajský úřad Karlovarského kraje"), inflected ("s městem Kolínem",
"Domácím hospicem JITRO", "úřad práce"), by an abbreviation ("SMK", "KÚ KV
kraje"), or bare where the text says it is one ("R: Kormidlo", "Realizátorem
projektu je ...", "poskytovatel Modrá kotva", an organisation column, a list of
providers, "Eva Malá (Dům Na Vršku)"). `find_mentions` gathers them for a
document, finds the bare names again wherever the document repeats them ("Klub
Pohoda pořádá ..."), reads a bare office ("krajský úřad") as the one office of its
kind the document names in full, and merges the variants one document uses for
one organisation. The shapes live in shapes.py, the positions in slots.py, the
names in normalise.py (see the package docstring for the whole layout).

Everything language-specific (heads, legal forms, inflection tables, stop
words) is data in configs/organisations.toml; the code holds the shapes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from pipeline.extract import annotate
from pipeline.extract.model import Annotated, BlockView, Extraction
from pipeline.extract.organisations.lexicon import grammar, hard_break, lex, marks, word_key
from pipeline.extract.organisations.normalise import (bare_named_heads, bare_offices, branch_parents, canonicalise,
                                                       fold_key, nominative)
from pipeline.extract.organisations.mention import Mention
from pipeline.extract.organisations.shapes import block_mentions, drop_overlaps, mentions_in_span, territory
from pipeline.extract.organisations.slots import (NameIndex, affiliation_names, bare_list_names, bare_names,
                                                  subject_providers,
                                                  enumerated_names, holds_service, known_name_mentions, listed_names,
                                                  looks_like_name, slot_spans, value_mention, value_mentions)
from pipeline.extract.organisations.tables import ORGANISATION_KINDS, Tables
from pipeline.extract.organisations.mention import doc_toks



# --------------------------------------------------------------------------- a document's mentions


def _skip_block(block: BlockView) -> bool:
    """Blocks that name no actor: site chrome (copyright and page-title lines, a breadcrumb
    path, a navigation menu flattened into one line, a postal address with a phone number), and
    a page's running header or footer (the publisher's letterhead, "Město X | ... | vytisknuto
    ..."): the body names the actors."""
    return block.region in _RUNNING or _chrome(block.text)


_RUNNING = ("header", "footer")  # BlockView.region of a page's running header and footer


@lru_cache(maxsize=1 << 12)
def _chrome(text: str) -> bool:
    """`_skip_block` of a text (memoised: asked of every block five times per document)."""
    lowered = text.lower()
    if any(marker in lowered for marker in grammar("chrome_markers")):
        return True
    if sum(text.count(sep) for sep in grammar("path_separators")) >= 2:
        return True
    if sum(1 for item in grammar("chrome_links") if item in lowered) >= grammar("chrome_links_needed"):
        return True  # a navigation menu
    return bool(_POSTCODE.search(text)) and bool(set(_WORD.findall(lowered)) & set(grammar("address_phone")))


_WORD = re.compile(r"\w+")
_POSTCODE = re.compile(r"(?<!\d)\d{3} \d{2}(?!\d)\s+[^\W\d]")  # "587 33 Jihlava"


def town_noun(name: str) -> str | None:
    """The town noun a town's name starts with ("Město Kolín", "Statutární město Opava"), or None."""
    words = name.split()
    if words and words[0].lower() in grammar("town_prefixes"):
        words = words[1:]
    if len(words) >= 2 and word_key(words[0]) in grammar("town_nouns"):
        return word_key(words[0])
    return None


def _bare_towns(found: list[Mention], blocks: Annotated) -> list[Mention]:
    """A bare "Město" opening a sentence, or "města" after a money word ("Finanční podpora
    města", "v rozpočtu města"), is the document's town when it names exactly one."""
    towns = {m.name for m in found if town_noun(m.name)}
    if len(towns) != 1:
        return []
    town = next(iter(towns))
    lemma = town_noun(town)
    lx = lex()
    probe = _stem_probe(lemma)
    extra = []
    for block in blocks:
        if probe not in block.text.lower():
            continue  # no form of the town noun here
        tokens = doc_toks(blocks.doc(block))
        for i, tok in enumerate(tokens):
            if word_key(tok.text) != lemma or (i + 1 < len(tokens) and tokens[i + 1].is_cap):
                continue
            subject = tok.is_cap and tok.lower == lemma
            owner = any(t.lower in lx.actor_before for t in tokens[max(0, i - 3):i]) and not territory(tokens, i)
            if subject or owner:
                extra.append(Mention(block.block_id, tok.start, tok.end, tok.text, town, kind="town"))
    return extra


def _stem_probe(lemma: str | None) -> str:
    """What every word that `word_key` reads as `lemma` contains: the start its listed forms
    share (a block without it names no such word; most blocks are skipped at once)."""
    forms = [lemma or "", *(form for form, entry in lex().lemmas.items() if entry[0] == lemma)]
    probe = forms[0]
    for form in forms:
        while not form.startswith(probe):
            probe = probe[:-1]
    return probe


def _bare_bodies(found: list[Mention], blocks: Annotated) -> list[Mention]:
    """A public body named bare ("krajský úřad zároveň vyhlásil ...", "na městském úřadě")
    is the document's one body of that kind named in full ("Krajský úřad X kraje"); with
    none or several such bodies it names nobody."""
    bare_heads = {fold_key(h) for h in grammar("bare_reference_heads")}
    bodies: dict[str, set[str]] = {}
    for m in found:
        for size in (2, 1):
            head = fold_key(" ".join(m.name.split()[:size]))
            if head in bare_heads and len(m.name.split()) > size:
                bodies.setdefault(head, set()).add(m.key or m.name)
                break
    if not bodies:
        return []
    out = []
    for block in blocks:
        if _skip_block(block):
            continue
        doc = blocks.doc(block)
        tokens = doc_toks(doc)
        for i, size, kind in marks(doc).heads:
            if kind != "public":
                continue
            end = i + size
            if end < len(tokens) and tokens[end].is_cap and not hard_break(tokens[end - 1]):
                continue  # a name goes on: not bare
            head = fold_key(nominative([t.text for t in tokens[i:end]]))
            names = bodies.get(head, set())
            if len(names) == 1:
                name = next(iter(names))
                out.append(Mention(block.block_id, tokens[i].start, tokens[end - 1].end,
                                   block.text[tokens[i].start:tokens[end - 1].end], name, kind="reference"))
    return out


def _attendee_mentions(blocks: Annotated, result: Extraction) -> list[Mention]:
    """Organisations the attendees module read beside persons ("Jana Nová (Charita Lhota)"),
    also in another cell of the person's table row ("Jana Nová" | "ZŠ Za Lesem")."""
    by_id = {b.block_id: b for b in blocks}
    row_cells: dict[tuple[int, int], list[BlockView]] = {}
    for b in blocks:
        if b.table_id is not None:
            row_cells.setdefault((b.table_id, b.row or 0), []).append(b)
    out = []
    for row in result.tables.get("attendees", []):
        org, block = row.get("organisation"), by_id.get(row.get("block_id"))
        if not org or block is None:
            continue
        pos = block.text.find(org)
        if pos < 0 and block.table_id is not None:
            cell = next((c for c in row_cells[(block.table_id, block.row or 0)] if org in c.text), None)
            block, pos = (cell, cell.text.find(org)) if cell is not None else (block, pos)
        doc = blocks.doc(block)
        if pos < 0 or mentions_in_span(block, doc, pos, pos + len(org)) \
                or not looks_like_name(org, False, holds_service(doc, pos, pos + len(org))):
            continue
        mention = value_mention(block, doc, pos, pos + len(org), "attendee")
        if mention:
            out.append(mention)
    return out


# Kinds of mention whose name the document gives as an organisation by itself, not
# by a head word or an abbreviation (which are found wherever they stand).
_PROPAGATED = ("legal", "slot", "list", "bare", "apposition", "listed", "table", "attendee")


# Kinds of mention read as a bare capitalised run after a cue ("žádost spolku Péče o duševní
# zdraví" gives "Péče"): a name the document gave in full may be found over them, and the longer
# mention wins (`drop_overlaps`).
_CUT_SHORT = ("apposition", "bare")


def _known_names(found: list[Mention], blocks: Annotated) -> list[Mention]:
    """Further mentions of the bare names the document gave as organisations somewhere
    (in a slot, a table, with a legal form): "Klub Pohoda" in the attendance table, then
    "Klub Pohoda pořádá ..." in the text."""
    names = [n for n in dict.fromkeys(m.name for m in found if m.kind in _PROPAGATED)
             if len(n) >= 4 and not n.isupper() and n[:1].isupper()]
    if not names:
        return []
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in found:
        if m.kind not in _CUT_SHORT:
            taken.setdefault(m.block_id, []).append((m.start, m.end))
    index = NameIndex(names)
    probes = {words[0] if len(words) == 1 else words[0][:4] for words in index.words}
    out = []
    for block in blocks:
        if not _skip_block(block) and any(p in block.text for p in probes):  # a name's first word is here
            out.extend(known_name_mentions(index, block, doc_toks(blocks.doc(block)), taken.get(block.block_id, [])))
    return out


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    by_block: dict[int, list[Mention]] = {}
    for m in found:
        by_block.setdefault(m.block_id, []).append(m)
    return [m for block_id in sorted(by_block) for m in drop_overlaps(by_block[block_id])]


def find_mentions(blocks: Sequence[BlockView], result: Extraction | None = None,
                  tables: Tables | None = None) -> list[Mention]:
    """Every organisation mention of a document, with canonical names. Pure and deterministic.

    Shapes: legal forms, heads, public bodies, abbreviations, regions as actors, slot values
    (R:/Realizátor lines, "realizátorem ... je X"), names in parentheses after "služby",
    bare names in provider lists, the cells of organisation columns, and the organisations
    of attendees. Plain blocks are annotated first."""
    blocks = blocks if isinstance(blocks, Annotated) else annotate(blocks)
    tables = tables if tables is not None else Tables(blocks)
    found: list[Mention] = []
    for block in blocks:
        if _skip_block(block):
            continue
        doc = blocks.doc(block)
        tokens = doc_toks(doc)
        found.extend(block_mentions(block, doc))
        found.extend(enumerated_names(block, doc))
        for start, end, _ in slot_spans(block):
            found.extend(value_mentions(block, doc, start, end))
        found.extend(bare_list_names(block, doc))
        found.extend(bare_names(block, doc, tokens))
        found.extend(affiliation_names(block, doc, tokens))
        found.extend(subject_providers(block, doc, tokens))
    skipped = {b.block_id for b in blocks if _skip_block(b)}
    found.extend(m for m in listed_names(blocks) if m.block_id not in skipped)
    for cell in tables.cells(ORGANISATION_KINDS):
        if not _skip_block(cell.block):
            found.extend(value_mentions(cell.block, blocks.doc(cell.block), cell.start, cell.end, "table"))
    if result is not None:
        found.extend(_attendee_mentions(blocks, result))
    found = _without_overlaps(found)
    found = _without_overlaps(found + _known_names(found, blocks))
    for extra in (_bare_towns(found, blocks), _bare_bodies(found, blocks)):
        spans: dict[int, list[tuple[int, int]]] = {}  # only the mentions of a block can overlap one in it
        for m in found:
            spans.setdefault(m.block_id, []).append((m.start, m.end))
        found += [t for t in extra if all(t.end <= a or t.start >= b for a, b in spans.get(t.block_id, ()))]
    found.sort(key=lambda m: (m.block_id, m.start))
    return canonicalise(branch_parents(bare_named_heads(bare_offices(spelled_out(found, blocks)))))


def glossary(blocks: Sequence[BlockView]) -> tuple[dict[str, str], set[int]]:
    """A document's list of abbreviations: abbreviation -> the capitalised name it stands for,
    and the blocks of the list (runs of `glossary_min_run` lines "ABBR<separator>Name" or
    more; configs [grammar] glossary_separators)."""
    separators = grammar("glossary_separators")
    runs: list[list[tuple[int, str, str]]] = [[]]
    for block in blocks:
        entry = None
        if block.kind in ("paragraph", "list_item") and "\n" not in block.text.strip():
            text = block.text.strip()
            for sep in separators:
                abbr, found, full = text.partition(sep)
                if found and 2 <= len(abbr) <= 8 and " " not in abbr and sum(c.isupper() for c in abbr) >= 2 \
                        and full.strip() and len(full.split()) <= 8:
                    entry = (block.block_id, abbr, full.strip())
                    break
        if entry:
            runs[-1].append(entry)
        elif runs[-1]:
            runs.append([])
    spelled: dict[str, str] = {}
    where: set[int] = set()
    for run in runs:
        if len(run) >= grammar("glossary_min_run"):
            where.update(block_id for block_id, _, _ in run)
            spelled.update({abbr: full for _, abbr, full in run if full[:1].isupper()})
    return spelled, where


def spelled_out(found: list[Mention], blocks: Sequence[BlockView]) -> list[Mention]:
    """The mentions without those inside a list of abbreviations, an abbreviation it spells
    out with a name named by that name ("JčK" -> "Jihočeský kraj")."""
    spelled, where = glossary(blocks)
    if not where:
        return found
    return [replace(m, name=spelled.get(m.name, m.name)) for m in found if m.block_id not in where]
