"""Document-level fields of one set of minutes -> `result.fields`.

Fields: title, meeting_date, meeting_time, location, working_group,
planning_area, recorded_by, next_meeting_date, project_reg_no (SPEC.md
`documents`). Minutes state these in a few typical places: the heading line,
labelled lines of the head ("Datum jednání:", "Místo konání:"), a two-cell
table row, the signature at the end, a running header or footer. Each field
is read from such a place and left None when the document does not state it:
the gold marks absent values as "none", and an invented value costs more than
a missing one.

The code works on *lines* (a block split at its line breaks, with spans into
the block's text), because PDF and plain-text readers often put several
labelled lines into one block. All domain words live in configs/meeting.toml.

The package, one module per field family:

- `mentions`: the annotated spans the rules read by line (each line's dates from `doc.spans["date"]`);
- `words`: phrase sets and alternations built once from configs/meeting.toml;
- `title`: the document's own heading;
- `meeting_dates`: the meeting's date and time, and the next meeting's date;
- `location`: where the meeting took place;
- `group`: the working group's name (a committee or commission named in the genitive, in the nominative);
- `area`: the planning area in the nominative;
- `recorders`: who wrote the minutes;
- `project`: the project registration number.
"""

from __future__ import annotations

from typing import Any, Sequence

from pipeline.extract.layout import layout_of
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.document_fields.project import find_project_reg_no
from pipeline.extract.document_fields.title import find_title, minutes_heading, title_text
from pipeline.extract.document_fields.meeting_dates import find_meeting_date, find_next_meeting, find_time
from pipeline.extract.document_fields.location import find_location
from pipeline.extract.document_fields.group import find_working_group
from pipeline.extract.document_fields.area import find_planning_area
from pipeline.extract.document_fields.recorders import find_recorders


FIELDS = ("title", "meeting_date", "meeting_time", "location", "working_group", "planning_area",
          "recorded_by", "next_meeting_date", "project_reg_no")


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ()
PRODUCES: tuple[str, ...] = ('fields',)


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Set every document-level field (None when the document does not state it)."""
    layout = layout_of(blocks)
    fields: dict[str, Any] = dict.fromkeys(FIELDS)
    if layout.body:
        title_line = find_title(layout)
        fields["title"] = title_text(layout, title_line) if title_line else None
        date_found = find_meeting_date(layout, title_line)
        if date_found:
            line, mention, value = date_found
            fields["meeting_date"] = value
            fields["meeting_time"] = find_time(layout, line, mention)
        fields["location"] = find_location(layout, date_found)
        fields["working_group"] = find_working_group(layout, title_line, fields["title"], minutes_heading(layout),
                                                     date_found[0] if date_found else None)
        fields["planning_area"] = find_planning_area(layout, title_line, fields["title"])
        fields["recorded_by"] = find_recorders(layout)
        fields["next_meeting_date"] = find_next_meeting(layout, fields["meeting_date"])
    fields["project_reg_no"] = find_project_reg_no(layout)
    result.fields.update(fields)
