"""Where ``docsift extract`` puts results: one JSON file per document, or a CSV / XLSX export."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docsift.export import write_csv, write_xlsx
from docsift.reading.inputs import Source
from docsift.result import DocumentResult

_UNSAFE = re.compile(r"[^\w.\-]+")


class ResultWriter:
    """Writes results as they arrive (``json``: ``<stem>.json``, a suffix ``-2``, ``-3`` when two
    documents share a stem) or collects them for one export at the end (``csv``, ``xlsx``)."""

    def __init__(self, out_dir: Path, fmt: str, sources: list[Source]) -> None:
        self.out_dir = out_dir
        self.fmt = fmt
        self._order = {s.name: i for i, s in enumerate(sources)}
        self._collected: list[tuple[int, DocumentResult]] = []
        self._used: set[str] = set()
        out_dir.mkdir(parents=True, exist_ok=True)

    def add(self, source: Source, result: DocumentResult) -> None:
        """Keep or write one result. Raises OSError when the output cannot be written."""
        if self.fmt != "json":
            self._collected.append((self._order.get(source.name, len(self._order)), result))
            return
        path = self.out_dir / f"{self.unique_stem(source.stem)}.json"
        path.write_text(
            json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    def unique_stem(self, stem: str) -> str:
        """``stem`` made safe for a file name and unique among the names handed out so far."""
        base = _UNSAFE.sub("_", stem).strip("._") or "document"
        name, n = base, 1
        while name.lower() in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name.lower())
        return name

    def finish(self) -> Path:
        """Write the collected export (csv, xlsx), documents in input order. Returns the output
        directory. Raises OSError when it cannot be written."""
        results = [r for _, r in sorted(self._collected, key=lambda pair: pair[0])]
        if self.fmt == "csv":
            write_csv(results, self.out_dir)
        elif self.fmt == "xlsx":
            write_xlsx(results, self.out_dir)
        return self.out_dir
