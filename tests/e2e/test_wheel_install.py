"""The product as a user installs it: a wheel built from the source, installed (not editable)
into a fresh virtualenv outside the checkout, and `kam` run from a temporary directory.

The suite otherwise runs from the checkout, where the prompts and guides sit next to the
code; an installed wheel only has what the wheel holds. To stay fast the fresh virtualenv
does not reinstall the dependencies: a `.pth` file lists this interpreter's site-packages.
A path line in a `.pth` file does not run the `.pth` files of that directory, so the
checkout's editable-install finder stays inactive there (checked below, loudly).
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "build", "dist", "*.egg-info", ".*")
UNREACHABLE_LLM = {"KAM_LLM": "openai:gpt-4o-mini", "OPENAI_API_KEY": "x", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}


def _source_roots() -> dict[str, str]:
    """Top-level package name -> its folder in the checkout, from pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = config.get("package-dir", {})
    return {top: folders.get(top, top) for top in {p.split(".")[0] for p in config["packages"]}}


def _setuptools_builds_offline() -> bool:
    """This interpreter's setuptools can build the wheel ([build-system] asks for >=77: SPDX license)."""
    try:
        return int(importlib.metadata.version("setuptools").split(".")[0]) >= 77
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False


def _run(args: list, timeout: int = 240, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout, **kwargs)
    assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the source so build/ and *.egg-info never land in the checkout."""
    src = tmp_path_factory.mktemp("wheel-src") / "kam-assistant"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in"):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, src / name)
    for folder in set(_source_roots().values()):
        shutil.copytree(ROOT / folder, src / folder, ignore=IGNORED)
    out = tmp_path_factory.mktemp("wheel-dist")
    isolation = ["--no-build-isolation"] if _setuptools_builds_offline() else []  # else pip fetches it from PyPI
    # i.e. `python -m pip wheel --no-deps [--no-build-isolation] -w OUT SRC`
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "--disable-pip-version-check", "-q",
          "-w", out, src])
    wheels = list(out.glob("kam_assistant-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@dataclass
class Install:
    python: Path
    kam: Path
    site: Path
    workdir: Path
    env: dict

    def kam_run(self, *args: str, **extra) -> subprocess.CompletedProcess:
        return _run([self.kam, *args], cwd=self.workdir, env={**self.env, **extra})


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Install:
    venv = tmp_path_factory.mktemp("fresh-venv") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
          "--disable-pip-version-check", "-q", wheel])
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site / "_kam_dependencies.pth").write_text("".join(f"{path}\n" for path in ours))
    workdir = tmp_path_factory.mktemp("kam-user")  # not the checkout: nothing can be found by accident
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL", "CHROMA_", "OPENAI_", "PYTHON", "VIRTUAL_ENV"))}
    env.update({"KAM_DATA_DIR": str(workdir / "data"), "KAM_TIMEZONE": "UTC", "HF_HUB_OFFLINE": "1",
                "KAM_LLM_TIMEOUT": "10"})
    if os.environ.get("KAM_CACHE_DIR"):
        env["KAM_CACHE_DIR"] = os.environ["KAM_CACHE_DIR"]  # the run's cache of the router's example vectors
    install = Install(python, venv / "bin" / "kam", site, workdir, env)
    _assert_imports_from(install)
    return install


def _assert_imports_from(install: Install) -> None:
    """`bot`, `kam_domain` and the data packages come from the fresh venv's site-packages, never
    from the checkout (an active editable finder would make this whole module test nothing)."""
    script = ("import json, sys, importlib.resources as r, bot, kam_domain, kam_prompts, kam_knowledge; "
              "print(json.dumps({'modules': [bot.__file__, kam_domain.__file__, kam_prompts.__file__, "
              "kam_knowledge.__file__], 'resources': [str(r.files('kam_prompts')), str(r.files('kam_knowledge'))], "
              "'finders': [repr(f) for f in sys.meta_path]}))")
    seen = json.loads(_run([install.python, "-c", script], cwd=install.workdir, env=install.env).stdout)
    for where in seen["modules"] + seen["resources"]:
        if not Path(where).resolve().is_relative_to(install.site.resolve()):
            pytest.fail(f"the fresh venv imports {where}, not its own site-packages {install.site}: "
                        f"this would not test the wheel (editable finder active? {seen['finders']})")
    if any("editable" in finder.lower() for finder in seen["finders"]):
        pytest.fail(f"an editable-install finder is active in the fresh venv: {seen['finders']}")


# ---------------------------------------------------------------------------------- the wheel's files


def _expected_wheel_files() -> dict[str, str]:
    """Every file of the source packages the product may read (code and data), as named in the wheel."""
    expected = {}
    for package, folder in _source_roots().items():
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT / folder)
            if path.is_dir() or any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
                continue
            if path.suffix in (".pyc", ".pyo"):
                continue
            expected[f"{package}/{relative.as_posix()}"] = f"{folder}/{relative.as_posix()}"
    return expected


def test_the_wheel_holds_every_file_the_product_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("kam_prompts/__init__.py", "kam_prompts/swot.md", "kam_prompts/next_actions.md",
                     "kam_prompts/method_answer.md", "kam_knowledge/__init__.py", "kam_knowledge/review-cadence.md",
                     "kam_domain/migrations/env.py", "kam_domain/migrations/script.py.mako",
                     "kam_domain/language/router.py", "kam_domain/assets.py", "bot/cli.py"):
        assert required in names, f"{required} is not in {wheel.name}"
    assert sum(n.startswith("kam_domain/migrations/versions/") and n.endswith(".py") for n in names) >= 1
    missing = sorted(source for name, source in _expected_wheel_files().items() if name not in names)
    assert not missing, f"{wheel.name} lacks files of the checkout (add them to package-data): {missing}"
    entry_points = zipfile.ZipFile(wheel).read("kam_assistant-0.1.0.dist-info/entry_points.txt").decode()
    assert "kam = bot.cli:main" in entry_points


def test_prompts_and_guides_are_read_from_a_zipped_install(wheel, tmp_path):
    """Zip import (the wheel itself on the path): no file system paths, only the resource API."""
    script = ("import json; from kam_domain import assets; "
              "print(json.dumps([type(assets.prompts_root()).__module__, assets.prompt_names(), "
              "[d for d, _ in assets.knowledge_documents()], len(assets.prompt_text('swot'))]))")
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(wheel)}
    out = _run([sys.executable, "-S", "-c", script], cwd=tmp_path, env=env).stdout
    module, prompts, guides, swot_chars = json.loads(out)
    assert module.startswith("zipfile"), module  # zipfile.Path, not a directory on disk
    assert prompts == ["method_answer", "next_actions", "swot"]
    assert "review-cadence" in guides and len(guides) >= 8
    assert swot_chars > 200


# ---------------------------------------------------------------------------------- the installed product


def test_the_installed_package_is_imported_from_the_fresh_venv(installed):
    _assert_imports_from(installed)  # the fixture checked it too: every test below runs the wheel


def test_a_method_question_is_answered_from_the_bundled_guides(installed):
    result = installed.kam_run("ask", "how often should we review a strategic account?")
    assert "None of the KAM guides answers that" not in result.stdout, result.stdout
    assert "knowledge/review-cadence.md" in result.stdout, result.stdout
    assert "Strategic accounts" in result.stdout


def test_demo_then_an_offline_swot_with_citations(installed):
    seeded = installed.kam_run("demo")
    assert "Seeded the demo portfolio" in seeded.stdout, seeded.stdout
    result = installed.kam_run("ask", "swot borealis")
    out = result.stdout
    assert "SWOT draft: Borealis Logistics GmbH" in out, out
    for quadrant in ("Strengths:", "Weaknesses:", "Opportunities:", "Threats:"):
        assert quadrant in out, out
    assert out.count("[note #") >= 4, out
    assert "Drafted offline" in out and "Drafted offline:" not in out  # offline by choice, not by fallback


def test_a_swot_with_an_unreachable_model_falls_back_offline(installed):
    if not (installed.workdir / "data").is_dir():
        installed.kam_run("demo")
    result = installed.kam_run("ask", "swot borealis", **UNREACHABLE_LLM)
    out = result.stdout
    assert "Drafted offline: the model did not answer" in out, out + result.stderr
    assert "SWOT draft: Borealis Logistics GmbH" in out and out.count("[note #") >= 4, out
    assert "FileNotFoundError" not in result.stderr
