"""docsift: self-hostable document intelligence."""

__version__ = "0.1.0"
