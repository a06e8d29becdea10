"""Where the bundled prompts and knowledge documents are, in a checkout or an installed wheel."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def _locate(folder: str, package: str) -> Path:
    checkout = _REPO_ROOT / folder
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files(package)))


def prompts_dir() -> Path:
    return _locate("prompts", "kam_prompts")


def knowledge_dir() -> Path:
    return _locate("knowledge", "kam_knowledge")
