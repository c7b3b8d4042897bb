"""Property tests with Hypothesis, bounded so CI stays fast.

Extractors: any blocks (random structure, Czech-like text with the words the lexicons
react to) give rows without an exception, and every row's provenance lies inside its
block. Readers: mutated bytes of real DOCX/PDF/HTML files are read or refused with an
IngestError (a message for the documents row), never another exception.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_document
from pipeline.extract.model import BlockView
from pipeline.ingest import read, sniff
from pipeline.model import IngestError
from tests.conftest import CORPUS_RAW, PEERS

EXAMPLES = int(os.environ.get("KPSS_FUZZ_EXAMPLES", "60"))

# Words the extractors look for, so random text reaches their rules, not only their guards.
VOCABULARY = [
    "Přítomni:", "Omluveni:", "Hosté:", "Zapsala:", "Program:", "Cíl", "Priorita", "Opatření", "Aktivita",
    "R:", "Realizátor:", "1.", "1.1", "1.1.2", "a)", "II.", "Mgr.", "Bc.", "Ing.", "Jana", "Nováková", "Petr",
    "Charita", "Lhota", "z. s.", "o. p. s.", "p. o.", "IČO", "12345678", "Město", "Kraj", "Domov", "pro",
    "seniory", "azylový", "dům", "terénní", "programy", "§", "44", "navýšení", "o", "0,5", "úvazku", "z", "3",
    "na", "15", "lůžek", "míst", "klientů", "2 000", "Kč", "dne", "12.", "března", "2023", "13:00", "hod.",
    "(", ")", ",", ".", ":", "–", "-", "•", "\t", "\n", "jednání", "pracovní", "skupiny", "Senioři", "Zápis",
]
words = st.one_of(st.sampled_from(VOCABULARY), st.text(alphabet="aábcčdďeéěfghiíjklmnňoópqrřsštťuúůvwxyýzž"
                                                                 "ABCČDĚÉŘŠŽ0123456789.,:;()-/§ ", max_size=12))
texts = st.lists(words, min_size=0, max_size=30).map(lambda ws: " ".join(ws))


@st.composite
def documents(draw) -> list[BlockView]:
    blocks = []
    table_id = None
    for i in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["heading", "paragraph", "list_item", "table_cell"]))
        text = draw(texts)
        label = draw(st.sampled_from([None, "1.", "1.1", "a)", "•", "–"])) if kind == "list_item" else None
        if label:
            text = f"{label} {text}"
        if kind == "table_cell":
            table_id = table_id if table_id is not None and draw(st.booleans()) else i
            blocks.append(BlockView(i, kind, text, table_id=table_id, row=draw(st.integers(0, 4)),
                                    col=draw(st.integers(0, 3)), page=1))
        else:
            blocks.append(BlockView(i, kind, text, level=draw(st.sampled_from([None, 1, 2, 3])), label=label,
                                    page=draw(st.sampled_from([None, 1, 2])),
                                    region=draw(st.sampled_from(["body", "body", "header", "footer"]))))
    return blocks


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_extractors_never_raise_and_spans_stay_in_their_blocks(blocks):
    result = extract_document(blocks)
    by_id = {b.block_id: b for b in blocks}
    for table, rows in result.tables.items():
        for row in rows:
            block = by_id.get(row["block_id"])
            assert block is not None, (table, row)
            assert 0 <= row["char_start"] <= row["char_end"] <= len(block.text), (table, row, block.text)


def _seed_files() -> list[Path]:
    picks = []
    for folder, pattern in ((CORPUS_RAW, "*.docx"), (CORPUS_RAW, "*.pdf"), (CORPUS_RAW, "*.html"),
                            (PEERS / "docling", "*.docx"), (PEERS / "docling", "*.html")):
        picks += sorted(folder.glob(pattern))[:2]
    return picks


SEEDS = _seed_files()


class Damaged(bytes):
    """Damaged file bytes that Hypothesis reports by size and digest, not as 100 kB of repr."""

    def __repr__(self) -> str:
        import hashlib

        return f"Damaged({len(self)} bytes, sha256 {hashlib.sha256(self).hexdigest()[:12]})"


@st.composite
def mutations(draw, data: bytes) -> Damaged:
    """A real file, damaged as downloads and disks damage files: cut short, bytes flipped,
    a stretch overwritten or dropped."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "overwrite", "drop"]))
        if not out:
            break
        pos = draw(st.integers(0, len(out) - 1))
        if kind == "truncate":
            del out[pos:]
        elif kind == "flip":
            out[pos] ^= draw(st.integers(1, 255))
        elif kind == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=64))
            out[pos:pos + len(chunk)] = chunk
        else:
            del out[pos:pos + draw(st.integers(1, 4096))]
    return Damaged(out)


@pytest.mark.skipif(not SEEDS, reason="shared corpus not found")
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_damaged_real_files_are_read_or_refused_with_a_reason(path):
    data = path.read_bytes()
    extension = path.suffix.lstrip(".").lower()

    @settings(max_examples=max(5, EXAMPLES // 6), deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutations(data))
    def check(damaged: Damaged) -> None:
        fmt = sniff(bytes(damaged), extension)
        try:
            result = read(bytes(damaged), fmt)
        except IngestError as exc:
            assert str(exc).strip()
            return
        assert all(isinstance(b.text, str) for b in result.blocks)

    check()


@pytest.mark.skipif(not SEEDS, reason="shared corpus not found")
def test_a_run_over_damaged_files_gives_a_row_for_every_file(tmp_path):
    """The same damage done to each seed file, in one run with the process pool: every file
    ends as a documents row, none as an internal error."""
    import random

    import pandas as pd

    from pipeline.runner import RunOptions, run

    rng = random.Random(20240501)
    raw = tmp_path / "raw"
    raw.mkdir()
    for k, path in enumerate(SEEDS):
        data = bytearray(path.read_bytes())
        for _ in range(3):
            pos = rng.randrange(len(data))
            data[pos:pos + 64] = bytes(rng.randrange(256) for _ in range(64))
        (raw / f"{k:02d}_{path.name}").write_bytes(bytes(data))
        (raw / f"{k:02d}_cut_{path.name}").write_bytes(path.read_bytes()[: rng.randrange(1, len(data))])
    run(raw, tmp_path / "out", RunOptions(workers=2, file_timeout=60))
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert len(docs) == 2 * len(SEEDS)
    assert not docs.error.fillna("").str.startswith("internal error").any(), docs[["source_path", "error"]]
