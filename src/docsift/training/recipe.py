"""The recipe of the shipped models: which synthetic sets (generated from fixed seeds) and which
real sets they are trained on, with how many vendor-grouped folds and which seed.

The same recipe reproduces the shipped models (``scripts/train_ranker.py --recipe DIR``) and the
benchmark's out-of-fold models (``docsift bench --section extraction``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class SynthSet:
    """``n`` documents of ``kinds`` generated from ``seed``; a share ``scans`` rendered as scans."""

    name: str
    n: int
    seed: int
    scans: float
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Recipe:
    """Everything that decides what the models are trained on."""

    synth: tuple[SynthSet, ...]
    sets: tuple[str, ...]
    folds: int = 5
    seed: int = 0

    def to_json(self) -> dict[str, object]:
        """The recipe as plain data (stored in the model files' metadata)."""
        return asdict(self)

    def key(self) -> str:
        """A hash of the recipe and of the code and data that turn it into models."""
        h = hashlib.sha256(json.dumps(self.to_json(), sort_keys=True).encode())
        h.update(code_fingerprint().encode())
        return h.hexdigest()[:16]


SHIPPED = Recipe(
    synth=(
        SynthSet("invoices", 2400, 21, 0.0, ("invoice",)),
        SynthSet("receipts", 800, 22, 0.0, ("receipt",)),
        SynthSet("invoice-scans", 320, 23, 1.0, ("invoice",)),
        SynthSet("receipt-scans", 600, 24, 1.0, ("receipt",)),
    ),
    sets=("zugferd", "zugferd-ocr", "invoice2data", "sroie-train"),
)


def code_fingerprint(packages: tuple[str, ...] = ("extraction", "training", "synth")) -> str:
    """A hash of the code and data of ``packages`` of docsift (the shipped models left out)."""
    import docsift

    root = Path(docsift.__file__).parent
    h = hashlib.sha256()
    for package in packages:
        for path in sorted((root / package).rglob("*")):
            if "models" in path.relative_to(root).parts or "__pycache__" in path.parts:
                continue
            if path.suffix in (".py", ".yaml", ".json", ".txt"):
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def synth_folders(recipe: Recipe, root: Path, say: Callable[[str], None] = print) -> list[Path]:
    """The recipe's synthetic sets under ``root``, generated when missing (same seed, same documents)."""
    from docsift.synth import generate

    generator = code_fingerprint(("synth",))
    folders = []
    for s in recipe.synth:
        folder = root / s.name
        stamp = folder / "generator.json"
        made = json.loads(stamp.read_text(encoding="utf-8")) if stamp.exists() else None
        wanted = {"set": asdict(s), "generator": generator}
        if made != json.loads(json.dumps(wanted)):
            say(f"generating {s.n} synthetic documents into {folder} (seed {s.seed})")
            if folder.exists():
                shutil.rmtree(folder)
            generate(s.n, s.seed, kinds=s.kinds, scans=s.scans, out=folder)
            stamp.write_text(json.dumps(wanted, indent=1), encoding="utf-8")
        folders.append(folder)
    return folders
