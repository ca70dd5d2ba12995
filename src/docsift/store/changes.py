"""Change numbers: a per-company counter bumped by every transaction that changes a document.

The counter row is locked until commit, so numbers are handed out in commit order and a reader
that has seen number N never later finds a new change numbered N or less ("modified since the
last pull" cannot miss a change).
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from docsift.store.models import ChangeCounter


def next_change(session: Session, company_id: int) -> int:
    """Bump the company's counter inside the current transaction and return the new value."""
    stmt = (
        update(ChangeCounter)
        .where(ChangeCounter.company_id == company_id)
        .values(value=ChangeCounter.value + 1)
        .returning(ChangeCounter.value)
    )
    value = session.execute(stmt).scalar_one_or_none()
    if value is None:
        session.execute(insert(ChangeCounter).values(company_id=company_id, value=1))
        return 1
    return int(value)


def current_change(session: Session, company_id: int) -> int:
    """The company's latest change number (0 when nothing changed yet)."""
    value = session.scalar(select(ChangeCounter.value).where(ChangeCounter.company_id == company_id))
    return int(value or 0)
