"""Tenant isolation: every query on a company's data goes through a ``Scope``.

A ``Scope`` adds ``company_id == …`` to each select and refuses rows of other companies on
``get``, so that no endpoint can forget the filter.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from docsift.store.models import AuditEvent, Batch, Document, DocumentSet, User

T = TypeVar("T", Batch, Document, DocumentSet, User, AuditEvent)


class Scope:
    """Queries restricted to one company."""

    def __init__(self, session: Session, company_id: int) -> None:
        self.session = session
        self.company_id = company_id

    def select(self, model: type[T]) -> Select[Any]:
        """``select(model)`` filtered to this company's rows."""
        return select(model).where(model.company_id == self.company_id)

    def get(self, model: type[T], key: Any) -> T | None:
        """The row with primary key ``key`` when it belongs to this company, else None."""
        row = self.session.get(model, key)
        if row is None or row.company_id != self.company_id:
            return None
        return row

    def all(self, stmt: Select[Any]) -> list[Any]:
        """Rows of ``stmt`` (which must come from ``self.select``)."""
        return list(self.session.scalars(stmt))
