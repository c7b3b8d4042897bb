"""Plan items: goals (cíl, priorita), measures (opatření) and activities (aktivita).

Minutes carry the community plan in several shapes; all of them are read here:

- a labelled item per block or line: "Cíl 1 ...", "Cíl č. 1 - ...", "Priorita 2 ...",
  "Opatření 3.1. ...", "Aktivita 1.1.3. ...", numbered with letters or Roman
  numerals too ("Priorita B: ...", "Opatření B.2 ...", "Cíl III – ..."), and "Cíl
  KPSS a sociální práce: ..." (a qualifier before the colon, no number);
  also after a bullet typed in the text ("– Opatření 1.2 ..."), and with an abbreviated
  label before a number of the kind's depth ("A 2.1.1 ...", "O 2.1 ..."); numbers may have
  capitals glued to figures ("Priorita S1:", "Opatření S1.1 ...");
- a positional numbering whose levels a legend names ('A. "Priorita"' / 'A.1 "Opatření"' /
  'A.1.1 "Aktivita"', also on one line: 'Názvy hierarchických úrovní: 1 „Priorita“, 1.1
  „Opatření“'): the one-line headings "A. ...", "A.1 ...", "A.1.1 ..." below, and table rows
  "1.1" | title or a cell's line "1.2. Title" under a lead-in ending in a colon;
- a goal, its measure and what was done on one line ("Priorita 1 X – opatření 1.1 Y: body"):
  a lower-case child label after a spaced dash, its title ending at the colon;
- items named in the sentences of minutes ("K cíli 2 Title: aktivita 2.1.1 Title byla splněna,
  ...", "V rámci opatření 1.3 Title navrhují ...", "Do návrhu byla doplněna priorita 3 Title."):
  a title ends at a colon, the next label, before the predicate or before the name of its
  document ("... v Plánu sociálních služeb X", "... Akčního plánu na rok 2023");
- "Aktivita Vydání průvodce ..." (a label of [labels] bare_title, no number, no colon): an
  unnumbered item of the numbered parent above it;
- several numbered items run together in one paragraph (slide transcripts:
  "Cíl č. 1 - ... . Cíl č. 2 - ...", also after a colon: "... těchto návrzích: Opatření 1.1
  ... Opatření 1.2 ...");
- a label whose title is on the next line or paragraph, and titles wrapped onto
  the next line or paragraph (but not the detail, "R:" or list lines below them);
- the items of a list introduced as the children of a numbered parent
  ("Uskutečněné aktivity k naplnění opatření:", or a sentence such as "Skupina
  navrhla k cíli 2 tato opatření:"), as list items, as paragraphs that start
  with a typed marker ("2.1 ...", "a) ..."; a number typed in a list item's text numbers it
  too: "• 3.1 Sociální byty" under Cíl 3), or flattened by a transcript into
  one paragraph; the list ends where its labels change style or the next
  agenda point begins;
- table rows ("Opatření č." | "Název organizace" | "Druh služby", or a plain
  "Číslo" column beside a column named by the items' kind: "Číslo" | "Aktivita", or
  an unnumbered child column beside its parents' numbers: "Opatření" | "Aktivita", or
  a column named by the kind under merged group rows "Opatření 1.1 ..."),
  also when a transcript flattened the table into one paragraph; a two-column
  label|value table per item ("Číslo aktivity" | "3.1.1", "Název aktivity" | title).

An entry of a table of contents (a page number after dot leaders or a tab) is no item;
a title ends before a dash whose details end in a field ("– navýšení o 2 místa,
realizátor: X").

Numbers are normalised without a trailing dot; a parent number comes from the
item's own number (1.2.1 -> measure 1.2 -> goal 1), else from the numbered item
above. Every row points at the block where its title starts, so that
`scopes.plan_scopes` ties the lines below an item to it. All domain words
(labels, headers, status words ...) live in configs/plan.toml.

The package, in reading order:

- `rules`: configs/plan.toml compiled into regexes and word sets; item numbers;
- `items`: labelled items in a block, their titles and the lines that carry them on,
  items named in sentences, and the introductions of a list of children;
- `legend`: a legend of levels and the items numbered at those levels;
- `children`: the items of such a list (list items, typed markers, a flattened run);
- `tables`: plan items given as table rows, also flattened into one paragraph;
- `walker`: the walk over a document that writes the rows.
"""

from __future__ import annotations

from typing import Sequence

from pipeline.extract.model import Annotated, BlockView, Extraction
from pipeline.extract import annotate
from pipeline.extract.plan.rules import rules
from pipeline.extract.plan.walker import Walker


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('fields', 'agenda_items')
PRODUCES: tuple[str, ...] = ('goals', 'measures', 'activities')


def extract(document: Sequence[BlockView], result: Extraction) -> None:
    """Append the document's goals, measures and activities to `result.tables` (blocks that are
    not annotated yet, as in tests, are annotated first)."""
    for table in ("goals", "measures", "activities"):
        result.tables.setdefault(table, [])
    Walker(document if isinstance(document, Annotated) else annotate(document), result).run()


__all__ = ["extract", "rules"]
