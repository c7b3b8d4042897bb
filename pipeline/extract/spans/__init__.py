"""Span components of the annotate step: one module per kind of mention, each registering a
spaCy component (listed in `pipeline.extract.nlp.COMPONENTS`) that fills `doc.spans[kind]`."""
