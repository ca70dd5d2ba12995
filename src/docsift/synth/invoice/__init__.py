"""Synthetic invoices and credit notes: content (``content``, ``extras``), layout axes and families
(``axes``), the layout plan (``plan``, ``plan_parts``, ``table``, ``totals``), drawing (``layout``,
``sections``, ``party_blocks``, ``closing``, ``totals_draw``, ``blocks``) and invoice truth (``truth``);
``make.make_invoice`` ties them together."""
