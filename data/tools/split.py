#!/usr/bin/env python3
"""Builds the fixed train/dev/test split from data/sources/*.jsonl.

Each row's split is decided by its id alone (SHA-256 of the id, first four bytes big-endian, modulo 100:
below 70 train, below 85 dev, else test), so adding rows never moves existing ones between splits.
The test split is never used for training or tuning. Rows are checked against data/LABELS.md's rules.
Usage: python3 data/tools/split.py   (from the repository root)
"""
import hashlib
import json
import pathlib
import sys

LABELS = {"give", "get", "trade", "proposal", "other"}
TERMS = {"price", "payment_terms", "delivery", "scope", "service_level", "contract_length", "timeline",
         "resources", "policy", "other"}
root = pathlib.Path(__file__).resolve().parents[1]


def split_of(row_id: str) -> str:
    bucket = int.from_bytes(hashlib.sha256(row_id.encode("utf-8")).digest()[:4], "big") % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def main() -> int:
    splits = {"train": [], "dev": [], "test": []}
    ids, texts, problems = set(), set(), []
    for source in sorted((root / "sources").glob("*.jsonl")):
        origin = "template" if source.stem.startswith("templated") else "hand"
        for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{source.name}:{n}"
            key = row["text"].strip().lower()
            if row["id"] in ids or key in texts:
                problems.append(f"{where}: duplicate id or text")
                continue
            if row["label"] not in LABELS or row["term"] not in TERMS:
                problems.append(f"{where}: bad label or term")
                continue
            if any(k in row and row[k] not in row["text"] for k in ("x", "y")):
                problems.append(f"{where}: x/y not a substring of text")
                continue
            ids.add(row["id"])
            texts.add(key)
            out = {"id": row["id"], "text": row["text"], "label": row["label"], "term": row["term"]}
            out.update({k: row[k] for k in ("x", "y") if k in row})
            out["source"] = origin
            splits[split_of(row["id"])].append(out)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    for name, rows in splits.items():
        rows.sort(key=lambda r: r["id"])
        with open(root / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        counts = {label: sum(r["label"] == label for r in rows) for label in sorted(LABELS)}
        print(f"{name}: {len(rows)} rows {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
