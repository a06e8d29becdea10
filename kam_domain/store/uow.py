"""Unit of work: one session, one transaction, committed explicitly."""
from __future__ import annotations

from typing import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session


class UnitOfWork:
    def __init__(self, engine: Engine):
        self._engine = engine
        self.session: Session | None = None

    def __enter__(self) -> "UnitOfWork":
        self.session = Session(self._engine, expire_on_commit=False)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is not None:
                self.session.rollback()
            else:
                # Anything not committed explicitly is thrown away: writes are deliberate.
                self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


UowFactory = Callable[[], UnitOfWork]


def uow_factory(engine: Engine) -> UowFactory:
    return lambda: UnitOfWork(engine)
