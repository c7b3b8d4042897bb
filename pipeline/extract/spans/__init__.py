"""The mention recognisers of the annotate step: spaCy components that fill `doc.spans` with
typed mentions (persons, ...), one module per kind, listed in `pipeline.extract.nlp.COMPONENTS`."""
