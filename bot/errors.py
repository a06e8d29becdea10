"""How failures reach people: user errors as written, anything else as an apology with a reference."""
from __future__ import annotations

import logging
import secrets

from bot.commands import UsageError
from kam_domain.errors import NeedsChoice, UserError

log = logging.getLogger("kam")


def reference_id() -> str:
    return secrets.token_hex(4).upper()


def apology(reference: str) -> str:
    return (f"Sorry, something went wrong on our side and nothing was changed (reference `{reference}`). "
            "Try again in a moment; if it keeps happening, give your admin the reference.")


def is_user_facing(exc: BaseException) -> bool:
    return isinstance(exc, (UserError, UsageError, NeedsChoice))


def log_unexpected(exc: BaseException, where: str) -> str:
    reference = reference_id()
    log.error("unexpected error in %s (reference %s)", where, reference, exc_info=exc)
    return reference


def error_text(exc: BaseException, where: str) -> str:
    """What the person reads about a failure: a user-facing error as written; anything else is
    logged with a reference and told as an apology that gives it (never the exception's text)."""
    if is_user_facing(exc):
        return exc.message
    return apology(log_unexpected(exc, where))
