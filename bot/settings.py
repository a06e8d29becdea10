"""Settings from the environment (and `.env`), validated once at start.

A missing or malformed setting stops start-up with one line that names it and says
what to set (see `SettingsError`).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9_]{2,}$")
DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class SettingsError(Exception):
    """One line naming the setting and what to set."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_client_id: str | None = Field(default=None, alias="SLACK_CLIENT_ID")
    slack_client_secret: str | None = Field(default=None, alias="SLACK_CLIENT_SECRET")
    slack_api_url: str = Field(default=DEFAULT_SLACK_API_URL, alias="SLACK_API_URL")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    data_dir: Path = Field(default=Path("./kam-data"), alias="KAM_DATA_DIR")
    chroma_host: str | None = Field(default=None, alias="CHROMA_HOST")
    chroma_port: int = Field(default=8000, alias="CHROMA_PORT")
    llm: str | None = Field(default=None, alias="KAM_LLM")
    embeddings: str | None = Field(default=None, alias="KAM_EMBEDDINGS")
    timezone: str = Field(default="UTC", alias="KAM_TIMEZONE")
    digest_channel: str | None = Field(default=None, alias="KAM_DIGEST_CHANNEL")
    admins: str = Field(default="", alias="KAM_ADMINS")
    team_id: str = Field(default="T_LOCAL", alias="KAM_TEAM_ID")
    key_account_cap: int = Field(default=35, alias="KAM_KEY_ACCOUNT_CAP", ge=1, le=500)
    on_uninstall: str = Field(default="keep", alias="KAM_ON_UNINSTALL", pattern="^(keep|erase)$")

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://", value):
            raise ValueError("must be an http(s) URL such as http://127.0.0.1:8099/api/")
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not re.match(r"^(sqlite|postgres(ql)?)(\+\w+)?://", value):
            raise ValueError("must be sqlite:///PATH or postgresql://USER@HOST:PORT/DB")
        if value.startswith("postgres://") or value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA timezone such as Europe/Berlin")
        return value

    @field_validator("admins")
    @classmethod
    def _admins(cls, value: str) -> str:
        for user_id in _split_ids(value):
            if not SLACK_USER_ID.match(user_id):
                raise ValueError(f"'{user_id}' is not a Slack user id (like U012AB3CD)")
        return value

    @field_validator("llm")
    @classmethod
    def _llm(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if ":" not in value:
            raise ValueError("must be provider:model, e.g. openai:gpt-4o-mini")
        return value

    @property
    def admin_ids(self) -> frozenset[str]:
        return frozenset(_split_ids(self.admins))

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'kam.sqlite3').resolve()}"

    @property
    def is_embedded_database(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def socket_mode_ready(self) -> bool:
        return bool(self.slack_bot_token and self.slack_app_token)

    @property
    def oauth_enabled(self) -> bool:
        return bool(self.slack_client_id and self.slack_client_secret)


def _split_ids(raw: str) -> list[str]:
    return [part for part in re.split(r"[\s,]+", raw or "") if part]


_ENV_NAMES = {name: field.alias for name, field in Settings.model_fields.items()}


def load_settings(**overrides) -> Settings:
    """Build settings, turning pydantic's report into one clear line."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        env_name = _ENV_NAMES.get(field, field)
        message = first["msg"].removeprefix("Value error, ")
        raise SettingsError(f"Setting {env_name} is invalid: {message}.") from None


def require(settings: Settings, *names: str) -> None:
    """Stop with one line when a setting a mode needs is missing."""
    for name in names:
        if not getattr(settings, name):
            env_name = _ENV_NAMES[name]
            raise SettingsError(f"Setting {env_name} is missing: set it in the environment or in .env.")


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}
