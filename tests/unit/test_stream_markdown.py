"""Markdown for streamed drafts (bot/render/markdown.py): data stays literal, and no part is longer
than Slack takes in one streaming call."""
from __future__ import annotations

from bot.render.markdown import MAX_MARKDOWN, markdown_escape, split_markdown


def test_data_never_becomes_markup_mentions_or_broadcasts():
    escaped = markdown_escape("**Win** [click](http://x) <@U123> <!here> @channel `code` _i_ ~s~\n# heading")
    assert "**" not in escaped.replace("\\*", "")
    assert "\\[click\\]" in escaped and "&lt;@U123&gt;" in escaped and "&lt;!here&gt;" in escaped
    assert "@channel" not in escaped and "\n" not in escaped
    assert "\\`code\\`" in escaped and "\\_i\\_" in escaped and "\\~s\\~" in escaped


def test_parts_keep_their_order_and_fit_one_call():
    long_line = "x" * (MAX_MARKDOWN + 10)
    lines = "".join(f"line {i}\n" for i in range(3000))  # about 26,000 characters in one chunk
    parts = split_markdown(["head\n", lines, "", long_line])
    assert all(0 < len(p) <= MAX_MARKDOWN for p in parts)
    assert "".join(parts) == "head\n" + lines + long_line
    assert parts[0] == "head\n"  # a chunk is never merged into the one before: it goes out as produced
    assert all(p.endswith("\n") for p in parts[1:-2])  # cut at line ends unless a line is too long


def _swot(can_decide: bool = True):
    from datetime import date

    from kam_domain.services.drafts import Citation, SwotPointDraft, SwotResult

    def point(pid, quadrant, text, note_id, author="Anna Keller"):
        return SwotPointDraft(pid, quadrant, text, Citation(note_id, date(2026, 11, 20), author), stale=False)

    points = [point("p1", "threat", "Rival *cheaper* <!channel>", 7),
              point("p2", "strength", "Trusted crew", 3, "U0ANNA")]
    return SwotResult(1, "Borealis [GmbH]", points, "offline", notes_read=2, can_decide=can_decide)


def test_the_swot_streams_quadrant_by_quadrant_with_numbered_buttons():
    from bot.render.drafts import swot_result_message

    message = swot_result_message(_swot())
    head, strengths, weaknesses, opportunities, threats, footer = message.stream
    assert head.startswith("## SWOT draft: Borealis \\[GmbH\\]")
    assert "1. Trusted crew" in strengths and "note #3, 2026-11-20, <@U0ANNA>" in strengths
    assert "_nothing in the notes_" in weaknesses and "_nothing in the notes_" in opportunities
    assert "2. Rival \\*cheaper\\*  \n" in threats and "channel" not in threats and "note #7" in threats
    assert "Accepted points" in footer
    labels = [e["text"]["text"] for b in message.stream_blocks for e in b["elements"]]
    assert labels == ["Accept 1", "Reject 1", "Accept 2", "Reject 2"]
    assert [b["block_id"] for b in message.stream_blocks] == ["swot:p2", "swot:p1"]  # mark_decided finds them
    assert swot_result_message(_swot(can_decide=False)).stream_blocks == []


def test_only_a_long_method_answer_streams():
    from bot.render.drafts import knowledge_answer_message
    from kam_domain.services.knowledge import KnowledgeAnswer, KnowledgeSource

    source = [KnowledgeSource("kam_basics", "Key accounts", "Plans")]
    assert knowledge_answer_message(KnowledgeAnswer("Review key accounts every quarter.", source)).stream == ()
    long_text = "*Plans* start with the customer.\n\n" + "\n".join(f"- step {i}: ask about [x](y)" for i in range(80))
    chunks = knowledge_answer_message(KnowledgeAnswer(long_text, source)).stream
    assert chunks[0] == "**Plans** start with the customer.\n\n"
    assert chunks[1].startswith("- step 0: ask about \\[x\\](y)\n- step 1")
    assert chunks[-1].startswith("_Source: Key accounts, “Plans” (knowledge/kam\\_basics.md)")
