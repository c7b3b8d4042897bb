"""Organisation candidates by their shape as spans: the `kpss_orgs` component fills
`doc.spans["org"]` with the names a block writes with a legal form, a head noun ("Charita
Horní Ves", "Krajský úřad ..."), an abbreviation of a public body or a region as an actor
(pipeline/extract/organisations/shapes.py finds them). Each span's label is its kind
(legal, head, public, abbr, region), its kb_id the name in the nominative, its id the legal
form; the relations take positions from the spans (`shapes.block_mentions`) instead of scanning the text
again. Names found by position (slots, lists, tables) need the document and stay relations.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.model import BlockView
from pipeline.extract.nlp import by_text, doc_text
from pipeline.extract.organisations.mention import Mention, doc_toks
from pipeline.extract.organisations.shapes import ORG_KEY as KEY, shaped
from pipeline.extract.spans.services import KEY as SERVICE_KEY


class SpanAlignmentError(RuntimeError):
    """A mention found by shape does not start and end at token boundaries (cannot happen while
    mentions are made of whole tokens; raised rather than moving a mention silently)."""


@Language.component("kpss_orgs", assigns=["doc.spans"], requires=["doc.spans"])
def org_spans(doc: Doc) -> Doc:
    """`doc.spans["org"]`: one span per organisation mention found by its shape."""
    spans = []
    for m in _shaped(doc):
        span = doc.char_span(m.start, m.end, label=m.kind, kb_id=m.name, span_id=m.legal_form or "")
        if span is None:
            raise SpanAlignmentError(f"organisation mention at {m.start}-{m.end} is not made of whole tokens")
        spans.append(span)
    doc.spans[KEY] = spans
    return doc


@by_text
def _shaped(doc: Doc) -> tuple[Mention, ...]:
    services = [(s.start_char, s.end_char) for s in doc.spans.get(SERVICE_KEY, [])]
    return tuple(shaped(BlockView(0, "paragraph", doc_text(doc)), doc, doc_toks(doc), services))
