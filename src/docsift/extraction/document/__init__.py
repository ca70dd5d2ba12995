"""The document as extraction sees it: lines with their labels, segments and blocks, typed
values, the document type."""
