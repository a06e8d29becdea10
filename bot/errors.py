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
