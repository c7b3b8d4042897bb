"""Compare whole tables before and after a change to the extract stage, on every evaluation set.

    python tools/table_diff.py snapshot DIR      # extract every set into DIR/<set>/, score it, dump rows
    python tools/table_diff.py diff OLD NEW      # F1 per set and table, then every row that changed
    python tools/table_diff.py diff OLD NEW --rows 0   # figures only

A snapshot holds, per set, the Parquet tables of one run, `scores.json` (F1 per table) and
`rows.tsv` (every row of every table, sorted, without run-specific columns), so `diff` can say
which rows a change added or removed, not only how F1 moved. The sets are those of
`make eval-sets` plus the real-style corpus. Documents are invented or modelled on public
minutes; this is a developer's tool and prints rows.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {
    "sample": ("data/raw", "tests/fixtures/sample_gold"),
    "dev_archive": (str(SHARED / "corpus/raw"), str(SHARED / "gold")),
    **{name: (f"tests/fixtures/dev_sets/{name}/raw", f"tests/fixtures/dev_sets/{name}/gold")
       for name in ("dev2", "dev3", "dev5", "dev6", "dev7", "dev8", "real10", "real11", "real12", "real13", "real14")},
    **{name: (f"tests/fixtures/heldout/{name}/raw", f"tests/fixtures/heldout/{name}/gold")
       for name in ("blind", "dev4", "dev9", "real15")},
    "realstyle": (str(SHARED / "corpus/realstyle/raw"), str(SHARED / "corpus/realstyle/gold")),
}
# Held-out sets: measured, never read (their rows are not printed, only the figures).
HELD_OUT = {"blind", "dev4", "dev9", "real15"}
# Columns that change from run to run or machine to machine, not with extraction.
VOLATILE = {"pipeline_version", "warnings", "meeting_id", "meeting_copy_used", "duplicate_of"}


def snapshot(target: Path, only: list[str]) -> None:
    """Extract and score every set (or those in `only`) into `target`."""
    sys.path.insert(0, str(ROOT))
    import pandas as pd

    from pipeline.evaluate import evaluate
    from pipeline.runner import RunOptions, run

    target.mkdir(parents=True, exist_ok=True)
    for name, (raw, gold) in SETS.items():
        if only and name not in only:
            continue
        raw_path, gold_path = (ROOT / raw).resolve(), (ROOT / gold).resolve()
        if not raw_path.is_dir():
            print(f"{name}: {raw_path} missing, skipped")
            continue
        out = target / name
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as cache:
            run(raw_path, out, RunOptions(workers=0, cache_dir=Path(cache), full=True))
        report = evaluate(gold_path, out)
        scores = {table: round(score.f1, 4) for table, score in report.scores.items()}
        (out / "scores.json").write_text(json.dumps(scores, indent=1), encoding="utf-8")
        lines = []
        docs = pd.read_parquet(out / "documents.parquet")
        paths = dict(zip(docs["doc_id"], docs["source_path"]))
        for parquet in sorted(out.glob("*.parquet")):
            if parquet.stem == "blocks":
                continue
            frame = pd.read_parquet(parquet)
            frame = frame[[c for c in frame.columns if c not in VOLATILE and not c.endswith("_seconds")]]
            if "doc_id" in frame.columns:
                frame.insert(0, "file", frame.pop("doc_id").map(paths))
            for record in frame.astype(str).to_dict("records"):
                lines.append(parquet.stem + "\t" + "\t".join(f"{k}={v}" for k, v in record.items()))
        (out / "rows.tsv").write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
        print(f"{name}: {time.perf_counter() - started:.1f} s  " + " ".join(f"{t[:5]}={v:.3f}" for t, v in scores.items()))


def diff(old: Path, new: Path, max_rows: int) -> None:
    """Print F1 before/after per set and table, then the rows each set gained and lost."""
    for name in SETS:
        if not (old / name / "scores.json").is_file() or not (new / name / "scores.json").is_file():
            continue
        a = json.loads((old / name / "scores.json").read_text())
        b = json.loads((new / name / "scores.json").read_text())
        moved = [f"{t[:5]} {a.get(t, 0):.3f}->{b[t]:.3f}" for t in b if abs(b[t] - a.get(t, 0)) > 1e-9]
        rows_a = set((old / name / "rows.tsv").read_text(encoding="utf-8").splitlines())
        rows_b = set((new / name / "rows.tsv").read_text(encoding="utf-8").splitlines())
        lost, gained = sorted(rows_a - rows_b), sorted(rows_b - rows_a)
        print(f"== {name}: {len(lost)} rows lost, {len(gained)} gained; " + ("; ".join(moved) or "F1 unchanged"))
        if name in HELD_OUT:
            continue  # held out: figures only
        for row in lost[:max_rows]:
            print("  -", row)
        for row in gained[:max_rows]:
            print("  +", row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("dir", type=Path)
    snap.add_argument("--only", nargs="*", default=[])
    dif = sub.add_parser("diff")
    dif.add_argument("old", type=Path)
    dif.add_argument("new", type=Path)
    dif.add_argument("--rows", type=int, default=40)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.dir, args.only)
    else:
        diff(args.old, args.new, args.rows)


if __name__ == "__main__":
    main()
