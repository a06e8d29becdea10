"""The containers clock jobs run with, bound under a plain key: the persistent job store keeps only the key
(`bot.scheduler` binds, `bot.jobs` looks up). A process that bound none builds one from the environment."""
from __future__ import annotations

import threading

_containers: dict[str, object] = {}
_lock = threading.Lock()
DEFAULT = "default"


def bind(key: str, container) -> None:
    with _lock:
        _containers[key] = container


def unbind(key: str) -> None:
    with _lock:
        _containers.pop(key, None)


def container_for(key: str = DEFAULT):
    with _lock:
        if key not in _containers:
            from bot.bootstrap import Container
            from bot.settings import load_settings

            _containers[key] = Container(load_settings())
        return _containers[key]
