"""The bundled prompts (`prompts/*.md`) and knowledge documents (`knowledge/*.md`), read the same
way in a checkout, an editable install, a wheel or a zipped install.

They ship as the data packages `kam_prompts` and `kam_knowledge` (see pyproject.toml) and are
read through `importlib.resources` Traversables only (`joinpath`, `iterdir`, `read_text`),
never through `str()` of a resource: a namespace package's resource root is a MultiplexedPath,
and a zipped one is not on the file system at all. Everything that reads them goes through the
functions below.
"""
from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

PROMPTS_PACKAGE = "kam_prompts"
KNOWLEDGE_PACKAGE = "kam_knowledge"
_CHECKOUT = Path(__file__).resolve().parent.parent  # a checkout run without any install


class AssetMissing(FileNotFoundError):
    """A bundled prompt or guide is not there: a broken install, or a name that does not exist."""


def _root(package: str, folder: str) -> Traversable:
    """The data package's resources; the checkout's folder when the package cannot be resolved
    (a run without any install, or an editable install made before the folder had an
    `__init__.py`, whose namespace path holds a placeholder that is not a directory)."""
    try:
        return resources.files(package)
    except (ImportError, OSError, TypeError):
        return _CHECKOUT / folder


def _markdown(root: Traversable) -> list[Traversable]:
    try:
        entries = list(root.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted((e for e in entries if e.name.endswith(".md") and e.is_file()), key=lambda e: e.name)


def prompts_root() -> Traversable:
    return _root(PROMPTS_PACKAGE, "prompts")


def knowledge_root() -> Traversable:
    return _root(KNOWLEDGE_PACKAGE, "knowledge")


def prompt_names() -> list[str]:
    """The stems of the bundled prompt templates, e.g. ["method_answer", "next_actions", "swot"]."""
    return [entry.name[:-3] for entry in _markdown(prompts_root())]


def prompt_text(name: str) -> str:
    """The template `prompts/NAME.md`; AssetMissing when the install lacks it."""
    entry = prompts_root().joinpath(f"{name}.md")
    try:
        return entry.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, KeyError) as exc:  # zipfile.Path raises KeyError
        raise AssetMissing(f"the prompt prompts/{name}.md is missing from this install") from exc


def knowledge_documents() -> tuple[tuple[str, str], ...]:
    """Every bundled guide as (file stem, markdown text), by file name (callers cache the chunks)."""
    return tuple((entry.name[:-3], entry.read_text(encoding="utf-8")) for entry in _markdown(knowledge_root()))
