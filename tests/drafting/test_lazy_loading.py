"""Heavy parts load only for requests that need them: `/kam account` never imports torch,
chromadb or langchain; importing the app imports none of them either."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys, tempfile
    sys.path[:0] = [{root!r}, {root!r} + "/tests"]
    from bot.bootstrap import Container
    from bot.settings import load_settings
    from bot.app import create_app
    from bot.console import answer_line
    from support.builders import add_account
    from sqlmodel import Session
    data = tempfile.mkdtemp()
    container = Container(load_settings(KAM_DATA_DIR=data, KAM_TEAM_ID="T_LOCAL", SLACK_BOT_TOKEN="xoxb-x",
                                        SLACK_SIGNING_SECRET="s"))
    container.migrate()
    create_app(container)
    with Session(container.engine) as session:
        add_account(session, "T_LOCAL", "Borealis Logistics GmbH", tier="key")
        session.commit()
    assert "Borealis" in answer_line(container, "account borealis")
    assert "vocabulary" not in answer_line(container, "accounts key")
    heavy = sorted(m for m in ("torch", "chromadb", "langchain", "langchain_core", "sentence_transformers")
                   if m in sys.modules)
    print("HEAVY", heavy)
""")


def test_account_card_loads_no_model_index_or_llm():
    result = subprocess.run([sys.executable, "-c", SCRIPT.format(root=str(ROOT))], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout, result.stdout
