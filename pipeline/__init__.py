"""KPSS minutes pipeline: ingest (file -> blocks) -> extract (blocks -> rows) -> write (Parquet)."""

__version__ = "0.1.0"
