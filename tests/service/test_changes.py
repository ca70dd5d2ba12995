"""Changes "modified since the last pull": a per-user cursor over the company's change numbers."""

from __future__ import annotations

from docsift.service.auth import actor_for
from docsift.service.documents import pull_modified
from docsift.store.models import Document, User
from tests.service.conftest import Tenant, small_pdf


def _pull(tenant: Tenant, role: str, feed: str = "test") -> list[str]:
    with tenant.service.ctx.db.session() as s:
        user = s.get(User, tenant.users[role])
        assert user is not None
        return [d.id for d in pull_modified(s, actor_for(s, user), feed)]


def test_given_changes_then_each_user_pulls_each_change_once_and_only_their_company(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    docs = tenant.processed([("a.pdf", small_pdf("chg-a")), ("b.pdf", small_pdf("chg-b"))])
    other_tenant.processed([("c.pdf", small_pdf("chg-c"))])
    a, b = docs[0]["id"], docs[1]["id"]
    assert sorted(_pull(tenant, "admin")) == sorted([a, b])
    assert _pull(tenant, "admin") == []  # nothing new since the last pull
    r = tenant.client.post(f"/api/v1/documents/{b}/reject", headers=tenant.headers("approver"))
    assert r.status_code == 200
    assert _pull(tenant, "admin") == [b]
    assert sorted(_pull(tenant, "creator")) == sorted([a, b])  # another user has a cursor of their own
    assert _pull(tenant, "admin", feed="other-feed") == [a, b]  # in change order: b changed last
    with tenant.service.ctx.db.session() as s:
        seqs = {d.id: d.change_seq for d in s.query(Document).filter(Document.id.in_([a, b]))}
    assert seqs[b] > seqs[a]
