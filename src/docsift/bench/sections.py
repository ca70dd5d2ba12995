"""The benchmark sections, in the order ``docsift bench`` runs them: name -> module under
docsift.bench (each exposes ``run(ctx: BenchContext) -> dict``)."""

SECTIONS: dict[str, str] = {
    "reading": "docsift.bench.reading",
    "extraction": "docsift.bench.extraction",
    "service": "docsift.bench.service",
    "scale": "docsift.bench.scale",
}
