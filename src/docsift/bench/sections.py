"""The benchmark sections, in the order ``docsift bench`` runs them."""

from docsift.bench import register

register("reading", "docsift.bench.reading")
register("extraction", "docsift.bench.extraction")
register("service", "docsift.bench.service")
register("scale", "docsift.bench.scale")
