#!/usr/bin/env python3
"""Train docsift's extraction models and their calibration, reproducibly (fixed seed).

Reads the training sets (zugferd with embedded XML ignored, its 200-dpi rendering read by OCR,
invoice2data, sroie-train, and synthetic documents from ``docsift synth``), never sroie. Writes
src/docsift/extraction/models/{fields,names,addresses}.{lgb,json} and calibration.json, and prints
the out-of-fold scores per set and role (folds grouped by vendor). The shipped models come from:

    .venv/bin/python scripts/train_ranker.py --recipe synth-data
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    """Parse the arguments and train; returns the exit code."""
    from docsift.training.cli import run

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="zugferd,zugferd-ocr,invoice2data,sroie-train")
    ap.add_argument("--synth", type=Path, action="append", default=[], help="folder written by docsift synth")
    recipe = (
        "train as the shipped models were (training/recipe.py), synthetic sets generated here when missing"
    )
    ap.add_argument("--recipe", type=Path, default=None, help=recipe)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", type=Path, default=ROOT / "bench" / "cache" / "read")
    ap.add_argument("--folds-cache", type=Path, default=ROOT / "bench" / "cache" / "folds")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "docsift" / "extraction" / "models")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per source")
    ap.add_argument("--no-save", action="store_true", help="cross-validate only")
    ap.add_argument("--errors", action="store_true", help="print the out-of-fold errors on real documents")
    ap.add_argument("--cached-only", action="store_true", help="skip documents not read before (no OCR now)")
    ap.add_argument("--jobs", type=int, default=2, help="processes reading documents not read before")
    args = ap.parse_args()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
