"""``docsift admin`` on the database DOCSIFT_DATA_DIR / DOCSIFT_DATABASE_URL point to."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from docsift.service.auth import verify_password
from docsift.service.users import get_company, get_user
from docsift.store import Database

DOCSIFT = Path(sys.executable).with_name("docsift")


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DOCSIFT), "admin", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_given_admin_commands_then_companies_and_users_are_managed(
    tmp_path: Path, fresh_database_url: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCSIFT_")}
    env.update(DOCSIFT_DATA_DIR=str(tmp_path), DOCSIFT_DATABASE_URL=fresh_database_url, COLUMNS="200")
    assert _run(env, "create-company", "Acme Ltd").returncode == 0
    again = _run(env, "create-company", "Acme Ltd")
    assert again.returncode == 1 and "exists" in again.stderr
    made = _run(env, "create-user", "--company", "Acme Ltd", "--username", "asha", "--role", "approver")
    assert made.returncode == 0, made.stderr
    generated = re.search(r"password: (\S+)", made.stdout)
    assert generated
    given = _run(
        env, "create-user", "--company", "Acme Ltd", "--username", "ben", "--password", "ben-pass-123"
    )
    assert given.returncode == 0 and "password:" not in given.stdout
    assert _run(env, "create-user", "--company", "Nowhere", "--username", "x").returncode == 1
    assert (
        _run(env, "create-user", "--company", "Acme Ltd", "--username", "y", "--role", "boss").returncode == 1
    )
    listed = _run(env, "list-users").stdout
    assert "asha" in listed and "approver" in listed and "ben" in listed and "creator" in listed
    reset = _run(
        env, "reset-password", "--company", "Acme Ltd", "--username", "asha", "--password", "fresh-pass-1"
    )
    assert reset.returncode == 0
    db = Database(fresh_database_url)
    with db.session() as s:
        user = get_user(s, get_company(s, "Acme Ltd"), "asha")
        assert verify_password(user.password_hash, "fresh-pass-1")
        assert not verify_password(user.password_hash, generated.group(1))
        assert user.role == "approver" and user.password_version == 2
    db.dispose()
