"""Synthetic receipts: axes and families (``axes``), shop and content (``merchant``, ``money``,
``words``, ``content``), the plan (``plan``) and one drawer per format (``page`` for till rolls and
pages, ``folio``, ``email``, ``app``; shared parts in ``header``, ``logo``, ``rows``, ``totals``),
chosen in ``layout``; ``make.make_receipt`` ties them together."""
