"""Process settings, read from the environment (``DOCSIFT_`` prefix).

Stages never read these: the service and CLI turn them into explicit RunOptions.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from docsift.errors import ConfigError
from docsift.options import Limits


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOCSIFT_", extra="ignore")

    env: str = Field(default="development", description="development | production")
    data_dir: Path = Path("./data")
    database_url: str | None = Field(default=None, description="default: sqlite under data_dir")
    storage_url: str | None = Field(default=None, description="default: a directory under data_dir")
    queue: str = Field(default="inline", description="inline | celery")
    broker_url: str = "redis://127.0.0.1:6379/0"
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)

    secret_key: str | None = Field(
        default=None, description="JWT signing key; when unset, generated once and kept in the database"
    )
    access_token_minutes: int = 15
    refresh_token_minutes: int = 24 * 60
    admin_password: str | None = None
    admin_company: str = Field(default="docsift", description="company created on first start")
    admin_username: str = Field(default="admin", description="admin user created on first start")
    allow_token_from_userid: bool = False
    login_max_failures: int = Field(default=5, description="failed logins per user before throttling")
    login_lockout_seconds: int = Field(default=300, description="how long a throttled login is refused")
    max_attempts: int = Field(default=3, description="times a document is started before it is failed")

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_page_pixels: int = 60_000_000
    max_zip_bytes: int = 500 * 1024 * 1024
    max_zip_ratio: int = 100
    max_files_per_batch: int = 1000
    max_upload_bytes: int = Field(default=1024 * 1024 * 1024, description="one upload request, all files")
    document_time_limit_s: int = 600

    # scale-out (DOCSIFT_QUEUE=celery, PostgreSQL, S3): see docs/deploy.md
    database_pool_size: int = Field(default=10, description="connections kept per process (not SQLite)")
    database_max_overflow: int = Field(default=20, description="extra connections a process may open")
    s3_endpoint_url: str | None = Field(default=None, description="S3-compatible endpoint; default AWS")
    s3_region: str | None = None
    heartbeat_s: float = Field(default=10.0, description="how often a worker stamps the document it runs")
    lease_s: float = Field(default=60.0, description="processing, not stamped this long: taken back")
    sweep_interval_s: float = Field(default=30.0, description="how often each worker node runs the sweep")
    requeue_after_s: float = Field(default=300.0, description="queued this long unstarted: published again")
    task_retries: int = Field(default=5, description="retries of a document after transient errors")
    retry_backoff_s: float = Field(default=2.0, description="first retry delay; doubles, 60 s at most")

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "docsift.db"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def limits(self) -> Limits:
        return Limits(
            max_file_bytes=self.max_file_bytes,
            max_pages=self.max_pages,
            max_page_pixels=self.max_page_pixels,
        )

    def check(self) -> None:
        """Refuse unsafe settings in production. Raises ConfigError."""
        if self.env == "production":
            if not self.secret_key or len(self.secret_key) < 32:
                raise ConfigError("DOCSIFT_SECRET_KEY must be set (32+ characters) in production")
            if self.allow_token_from_userid:
                raise ConfigError("DOCSIFT_ALLOW_TOKEN_FROM_USERID must be off in production")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process settings, read once."""
    return Settings()
