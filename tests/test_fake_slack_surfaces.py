"""The fake Slack's newer surfaces (support/fake_surfaces.py) answer and refuse as Slack does: assistant
threads, streamed messages, channel canvases, custom-step functions, the newer blocks, and the scopes and
plan answers a workspace without them gives."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk.errors import SlackApiError

from support import slack_rules
from support.fake_slack import FakeSlack
from support.web_api import client, refused

SURFACE_SCOPES = ("assistant:write", "canvases:write", "canvases:read")
PROMPTS = [{"title": "SWOT for Borealis", "message": "swot Borealis"},
           {"title": "Who haven't we met?", "message": "who haven't we met at Borealis"}]
PLAN = "# Borealis account plan\nBusiness: pulp and paper\n## Objectives\n- Renew by Q3\n"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(channels=("C_BOREALIS", "C_OTHER"), grant=SURFACE_SCOPES) as server:
        yield server


# --------------------------------------------------------------------------- assistant threads


def test_assistant_thread_records_status_prompts_and_title(fake: FakeSlack) -> None:
    thread = fake.start_assistant_thread("U_ALICE", context_channel="C_BOREALIS")["assistant_thread"]
    where = {"channel_id": thread["channel_id"], "thread_ts": thread["thread_ts"]}
    web = client(fake)

    web.assistant_threads_setSuggestedPrompts(**where, prompts=PROMPTS, title="Borealis")
    web.assistant_threads_setStatus(**where, status="Reading 42 notes…")
    web.assistant_threads_setTitle(**where, title="SWOT for Borealis")

    state = fake.assistant_thread(thread["channel_id"], thread["thread_ts"])
    assert state == {"status": "Reading 42 notes…", "prompts": PROMPTS, "prompts_title": "Borealis",
                     "title": "SWOT for Borealis"}
    assert thread["channel_id"] == "DU_ALICE" and thread["context"]["channel_id"] == "C_BOREALIS"


def test_a_thread_the_conversation_holds_is_known(fake: FakeSlack) -> None:
    root = fake.add_message("DU_BOB", text="what's due?", user="U_BOB")

    client(fake).assistant_threads_setStatus(channel_id="DU_BOB", thread_ts=root["ts"], status="is thinking…")

    assert fake.assistant_thread("DU_BOB", root["ts"])["status"] == "is thinking…"


@pytest.mark.parametrize("prompts, reason", [
    ([], "1..4 prompts"),
    (PROMPTS * 2 + PROMPTS[:1], "1..4 prompts"),
    ([{"title": "SWOT"}], "needs a title and a message"),
    ([{"title": "", "message": "swot"}], "needs a title and a message"),
])
def test_suggested_prompts_slack_refuses(fake: FakeSlack, prompts: list, reason: str) -> None:
    thread = fake.start_assistant_thread("U_ALICE")["assistant_thread"]

    body = refused(fake, lambda: client(fake).assistant_threads_setSuggestedPrompts(
        channel_id=thread["channel_id"], thread_ts=thread["thread_ts"], prompts=prompts), "invalid_arguments")

    assert reason in body["response_metadata"]["messages"][0]
    assert fake.assistant_thread(thread["channel_id"], thread["thread_ts"])["prompts"] == []


def test_assistant_methods_need_a_known_thread(fake: FakeSlack) -> None:
    web = client(fake)

    refused(fake, lambda: web.assistant_threads_setStatus(channel_id="DU_ALICE", thread_ts="1.000001",
                                                          status="x"), "invalid_thread_ts")
    refused(fake, lambda: web.assistant_threads_setTitle(channel_id="", thread_ts="1.0", title="x"),
            "channel_not_found")


def test_assistant_methods_need_assistant_write(fake: FakeSlack) -> None:
    with FakeSlack(scopes=slack_rules.manifest_bot_scopes() - {"assistant:write"}) as bare:
        thread = bare.start_assistant_thread("U_ALICE")["assistant_thread"]
        body = refused(bare, lambda: client(bare).assistant_threads_setStatus(
            channel_id=thread["channel_id"], thread_ts=thread["thread_ts"], status="x"), "missing_scope")
    assert body["needed"] == "assistant:write"


# --------------------------------------------------------------------------- streaming


def test_stream_in_a_dm_ends_as_one_message(fake: FakeSlack) -> None:
    web = client(fake)
    ts = web.chat_startStream(channel="DU_ALICE", thread_ts="1.000001", markdown_text="**Strengths**\n")["ts"]
    web.chat_appendStream(channel="DU_ALICE", ts=ts, markdown_text="- long relationship\n")
    feedback = [{"type": "context_actions", "elements": [{
        "type": "feedback_buttons", "action_id": "fb",
        "positive_button": {"text": {"type": "plain_text", "text": "👍"}, "value": "good"},
        "negative_button": {"text": {"type": "plain_text", "text": "👎"}, "value": "bad"}}]}]
    final = web.chat_stopStream(channel="DU_ALICE", ts=ts, markdown_text="Done.", blocks=feedback)

    [message] = fake.history("DU_ALICE")
    assert message["text"] == "**Strengths**\n- long relationship\nDone." == final["message"]["text"]
    assert message["ts"] == ts and message["blocks"] == feedback and message["thread_ts"] == "1.000001"
    assert fake.stream("DU_ALICE", ts).stopped


def test_sdk_chat_stream_helper_works_against_the_fake(fake: FakeSlack) -> None:
    streamer = client(fake).chat_stream(channel="C_BOREALIS", thread_ts="1.000001", buffer_size=5,
                                        recipient_user_id="U_ALICE", recipient_team_id="T_ALPHA")
    for part in ("Borealis ", "renews ", "in Q3."):
        streamer.append(markdown_text=part)
    streamer.stop()

    [message] = fake.history("C_BOREALIS")
    assert message["text"] == "Borealis renews in Q3."
    assert fake.methods() == ["chat.startStream", "chat.appendStream", "chat.appendStream", "chat.stopStream"]


def test_streaming_in_a_channel_needs_the_recipient(fake: FakeSlack) -> None:
    body = refused(fake, lambda: client(fake).chat_startStream(channel="C_BOREALIS", thread_ts="1.000001",
                                                               markdown_text="x"), "invalid_arguments")

    assert "recipient_user_id and recipient_team_id" in body["response_metadata"]["messages"][0]
    assert fake.history("C_BOREALIS") == []


def test_stream_refusals(fake: FakeSlack) -> None:
    web = client(fake)
    ts = web.chat_startStream(channel="DU_ALICE", thread_ts="1.000001")["ts"]

    refused(fake, lambda: web.chat_appendStream(channel="DU_ALICE", ts=ts, markdown_text="x" * 12_001),
            "invalid_arguments")
    refused(fake, lambda: web.chat_appendStream(channel="DU_ALICE", ts="9.000009", markdown_text="x"),
            "message_not_found")
    refused(fake, lambda: web.chat_stopStream(channel="DU_ALICE", ts=ts, blocks=[{"type": "table", "rows": []}]),
            "invalid_blocks")
    web.chat_stopStream(channel="DU_ALICE", ts=ts, markdown_text="x" * 12_000)
    refused(fake, lambda: web.chat_appendStream(channel="DU_ALICE", ts=ts, markdown_text="more"),
            "message_not_in_streaming_state")
    refused(fake, lambda: web.chat_stopStream(channel="DU_ALICE", ts=ts), "message_not_in_streaming_state")
    refused(fake, lambda: web.chat_startStream(channel="C_NOWHERE", thread_ts="1.0", recipient_user_id="U_A",
                                               recipient_team_id="T_ALPHA"), "not_in_channel")

    assert fake.history("DU_ALICE")[0]["text"] == "x" * 12_000


# --------------------------------------------------------------------------- canvases


def make_canvas(fake: FakeSlack, channel: str = "C_BOREALIS", markdown: str = PLAN) -> str:
    return client(fake).conversations_canvases_create(
        channel_id=channel, document_content={"type": "markdown", "markdown": markdown})["canvas_id"]


def lookup(fake: FakeSlack, canvas_id: str, **criteria: object) -> list[str]:
    sections = client(fake).canvases_sections_lookup(canvas_id=canvas_id, criteria=criteria)["sections"]
    return [s["id"] for s in sections]


def test_channel_canvas_is_sections_of_markdown(fake: FakeSlack) -> None:
    canvas_id = make_canvas(fake)

    canvas = fake.channel_canvas("C_BOREALIS")
    assert canvas is not None and canvas.canvas_id == canvas_id and canvas.markdown == PLAN
    assert [s["type"] for s in canvas.sections] == ["h1", "h2"]
    info = client(fake).conversations_info(channel="C_BOREALIS")["channel"]
    assert info["properties"]["canvas"]["file_id"] == canvas_id


def test_one_canvas_per_channel(fake: FakeSlack) -> None:
    make_canvas(fake)

    refused(fake, lambda: make_canvas(fake, markdown="# Another"), "channel_canvas_already_exists")
    assert fake.channel_canvas("C_BOREALIS").markdown == PLAN
    assert make_canvas(fake, "C_OTHER")  # another channel has its own


def test_sections_lookup_by_type_and_text(fake: FakeSlack) -> None:
    canvas_id = make_canvas(fake, markdown="Intro\n# Plan\n## Objectives\ntext Plan\n### Notes by Ana\n")
    sections = fake.canvas(canvas_id).sections

    assert lookup(fake, canvas_id, section_types=["h1"]) == [sections[1]["id"]]
    assert lookup(fake, canvas_id, section_types=["any_header"]) == [s["id"] for s in sections[1:]]
    assert lookup(fake, canvas_id, section_types=["any_header"], contains_text="objectives") == [sections[2]["id"]]
    assert lookup(fake, canvas_id, contains_text="Plan") == [sections[1]["id"], sections[2]["id"]]
    refused(fake, lambda: lookup(fake, canvas_id, section_types=["h4"]), "invalid_arguments")
    refused(fake, lambda: lookup(fake, canvas_id), "invalid_arguments")
    refused(fake, lambda: lookup(fake, "F_NONE", section_types=["h1"]), "canvas_not_found")


def edit(fake: FakeSlack, canvas_id: str, operation: str, markdown: str | None = None,
         section_id: str | None = None) -> None:
    change: dict = {"operation": operation}
    if markdown is not None:
        change["document_content"] = {"type": "markdown", "markdown": markdown}
    if section_id is not None:
        change["section_id"] = section_id
    client(fake).canvases_edit(canvas_id=canvas_id, changes=[change])


def test_bot_edits_its_section_and_leaves_a_persons_section(fake: FakeSlack) -> None:
    canvas_id = make_canvas(fake)
    [mine] = fake.edit_canvas_as_user(canvas_id, "insert_at_end", "## Ana's notes\nCall the CFO\n")
    [objectives] = lookup(fake, canvas_id, section_types=["h2"], contains_text="Objectives")

    edit(fake, canvas_id, "replace", "## Objectives\n- Renew by Q2\n", section_id=objectives)
    edit(fake, canvas_id, "insert_at_start", "Updated by KAM\n")
    [objectives] = lookup(fake, canvas_id, section_types=["h2"], contains_text="Objectives")
    edit(fake, canvas_id, "insert_before", "## Team\nAna (owner)\n", section_id=objectives)

    canvas = fake.canvas(canvas_id)
    assert canvas.markdown == ("Updated by KAM\n# Borealis account plan\nBusiness: pulp and paper\n"
                               "## Team\nAna (owner)\n## Objectives\n- Renew by Q2\n## Ana's notes\nCall the CFO\n")
    assert canvas.sections[-1]["id"] == mine


def test_delete_insert_after_rename_and_whole_replace(fake: FakeSlack) -> None:
    canvas_id = make_canvas(fake)
    first, second = (s["id"] for s in fake.canvas(canvas_id).sections)

    edit(fake, canvas_id, "insert_after", "## Risks\nPrice\n", section_id=first)
    edit(fake, canvas_id, "delete", section_id=second)
    client(fake).canvases_edit(canvas_id=canvas_id, changes=[
        {"operation": "rename", "title_content": {"type": "markdown", "markdown": "Borealis plan"}}])
    assert fake.canvas(canvas_id).markdown == "# Borealis account plan\nBusiness: pulp and paper\n## Risks\nPrice\n"
    assert fake.canvas(canvas_id).title == "Borealis plan"

    edit(fake, canvas_id, "replace", "# New")
    assert fake.canvas(canvas_id).markdown == "# New\n"


@pytest.mark.parametrize("changes, error", [
    ([], "invalid_arguments"),
    ([{"operation": "insert_at_end", "document_content": {"type": "markdown", "markdown": "a"}}] * 2,
     "invalid_arguments"),
    ([{"operation": "append", "document_content": {"type": "markdown", "markdown": "a"}}], "invalid_arguments"),
    ([{"operation": "insert_at_end", "document_content": {"type": "blocks", "markdown": "a"}}], "invalid_arguments"),
    ([{"operation": "insert_at_end"}], "invalid_arguments"),
    ([{"operation": "delete", "section_id": "temp:C:NOPE"}], "canvas_editing_failed"),
    ([{"operation": "insert_after", "document_content": {"type": "markdown", "markdown": "a"}}],
     "canvas_editing_failed"),
])
def test_canvas_edit_refusals(fake: FakeSlack, changes: list, error: str) -> None:
    canvas_id = make_canvas(fake)

    refused(fake, lambda: client(fake).canvases_edit(canvas_id=canvas_id, changes=changes), error)

    assert fake.canvas(canvas_id).markdown == PLAN


def test_canvas_methods_refuse_unknown_canvases_and_channels(fake: FakeSlack) -> None:
    refused(fake, lambda: edit(fake, "F_NONE", "insert_at_end", "x"), "canvas_not_found")
    refused(fake, lambda: make_canvas(fake, "C_NOWHERE"), "not_in_channel")
    refused(fake, lambda: make_canvas(fake, markdown="x" * 1_048_577), "invalid_arguments")
    assert fake.channel_canvas("C_BOREALIS") is None


def test_allow_turns_a_surface_rule_off(fake: FakeSlack) -> None:
    fake.allow("invalid_thread_ts")

    client(fake).assistant_threads_setTitle(channel_id="DU_ALICE", thread_ts="1.000001", title="Plan")

    assert fake.assistant_thread("DU_ALICE", "1.000001")["title"] == "Plan"


def test_edit_as_user_refuses_what_the_editor_cannot_do(fake: FakeSlack) -> None:
    canvas_id = make_canvas(fake)

    with pytest.raises(ValueError, match="no section"):
        fake.edit_canvas_as_user(canvas_id, "delete", section_id="temp:C:NOPE")


# --------------------------------------------------------------------------- custom steps


def test_function_completes_once_with_its_outputs(fake: FakeSlack) -> None:
    event = fake.function_executed_event("log_meeting", {"account": "Borealis"})
    web = client(fake, token=event["bot_access_token"])
    execution_id = event["function_execution_id"]

    web.functions_completeSuccess(function_execution_id=execution_id, outputs={"meeting_link": "https://x/1"})

    assert fake.function_execution(execution_id)["state"] == "completed"
    assert fake.function_execution(execution_id)["outputs"] == {"meeting_link": "https://x/1"}
    assert event["function"]["callback_id"] == "log_meeting" and event["inputs"] == {"account": "Borealis"}
    refused(fake, lambda: web.functions_completeError(function_execution_id=execution_id, error="late"),
            "execution_not_in_running_state")
    assert fake.function_execution(execution_id)["state"] == "completed"


def test_function_error_and_unknown_execution(fake: FakeSlack) -> None:
    event = fake.function_executed_event("log_meeting", {})
    web = client(fake)

    web.functions_completeError(function_execution_id=event["function_execution_id"], error="No account Zed")

    assert fake.function_execution(event["function_execution_id"])["error"] == "No account Zed"
    refused(fake, lambda: web.functions_completeSuccess(function_execution_id="Fx_NEVER", outputs={}),
            "function_execution_not_found")
    refused(fake, lambda: web.functions_completeError(function_execution_id="Fx_NEVER", error=""),
            "invalid_arguments")


# --------------------------------------------------------------------------- scopes and plans


def test_a_workspace_without_the_surface_scopes_gets_missing_scope() -> None:
    surface = {"assistant:write", "canvases:write", "canvases:read"}
    assert surface <= slack_rules.manifest_bot_scopes()
    with FakeSlack(channels=("C_BOREALIS",), scopes=slack_rules.manifest_bot_scopes() - surface) as bare:
        body = refused(bare, lambda: make_canvas(bare), "missing_scope")
        assert body["needed"] == "canvases:write"
        bare.grant_scopes("canvases:write")
        assert make_canvas(bare)


def test_denied_feature_is_slacks_answer_not_a_refusal(fake: FakeSlack) -> None:
    fake.deny_feature("conversations.canvases.create", "paid_teams_only")
    fake.deny_feature("chat.startStream")

    with pytest.raises(SlackApiError, match="paid_teams_only"):
        make_canvas(fake)
    with pytest.raises(SlackApiError, match="not_allowed"):
        client(fake).chat_startStream(channel="DU_ALICE", thread_ts="1.0")
    assert fake.refusals() == [] and fake.channel_canvas("C_BOREALIS") is None
    with pytest.raises(ValueError):
        fake.deny_feature("chat.startStream", "channel_not_found")


# --------------------------------------------------------------------------- newer blocks


def raw(text: str) -> dict:
    return {"type": "raw_text", "text": text}


def table(rows: list) -> dict:
    return {"type": "table", "rows": rows}


def line_chart(**chart: object) -> dict:
    base = {"type": "line", "axis_config": {"categories": ["2024", "2025"]},
            "series": [{"name": "Revenue", "data": [{"label": "2024", "value": 1.5}, {"label": "2025", "value": 2}]}]}
    return {"type": "data_visualization", "title": "Borealis revenue", "chart": {**base, **chart}}


RICH_CELL = {"type": "rich_text",
             "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "A"}]}]}


@pytest.mark.parametrize("blocks", [
    [table([[raw("Name"), raw("Role")], [RICH_CELL, raw("Sponsor")]] + [[raw("x"), raw("y")]] * 98)],
    [table([[raw(str(i)) for i in range(20)]])],
    [{"type": "markdown", "text": "x" * 12_000}],
    [line_chart()],
    [line_chart(type="bar")],
    [{"type": "data_visualization", "title": "Mix",
      "chart": {"type": "pie", "segments": [{"label": "A", "value": 3}, {"label": "B", "value": 1}]}}],
])
def test_newer_blocks_slack_accepts(blocks: list) -> None:
    assert slack_rules.check_message({"blocks": blocks}) is None


@pytest.mark.parametrize("blocks, broken", [
    ([table([[raw("x")]] * 101)], "1..100 rows"),
    ([table([[raw("x")] * 21])], "1..20 cells"),
    ([table([[raw("a"), raw("b")], [raw("c")]])], "rows[1] has 1 cells"),
    ([table([[{"type": "mrkdwn", "text": "a"}]])], "raw_text or rich_text"),
    ([table([[raw("a")]]), table([[raw("b")]])], "at most one table"),
    ([{"type": "markdown", "text": "x" * 12_001}], "at most 12000"),
    ([{"type": "markdown", "text": "x" * 6_001}, {"type": "markdown", "text": "y" * 6_000}], "together"),
    ([{"type": "markdown"}], "text is required"),
    ([{**line_chart(), "title": "x" * 51}], "at most 50"),
    ([line_chart(type="scatter")], "chart.type"),
    ([line_chart(series=[])], "1..6"),
    ([line_chart(series=[{"name": "R", "data": [{"label": "2024", "value": 1}]}])], "one numeric value per category"),
    ([line_chart(series=[{"name": "R", "data": [{"label": "2024", "value": 1}, {"label": "2025", "value": 2}]}] * 2)],
     "unique names"),
    ([{"type": "data_visualization", "title": "Mix", "chart": {"type": "pie", "segments": [{"label": "A"}] * 7}}],
     "1..6"),
    ([{"type": "scatter_plot"}], "is not a Block Kit block"),
])
def test_newer_blocks_slack_refuses(blocks: list, broken: str) -> None:
    error, reason = slack_rules.check_message({"blocks": blocks})
    assert error == "invalid_blocks" and broken in reason


def test_fake_refuses_a_second_table_in_a_post(fake: FakeSlack) -> None:
    blocks = [table([[raw("a")]]), table([[raw("b")]])]

    refused(fake, lambda: client(fake).chat_postMessage(channel="C_BOREALIS", text="t", blocks=blocks),
            "invalid_blocks")
    client(fake).chat_postMessage(channel="C_BOREALIS", text="t", blocks=blocks[:1])
    assert fake.history("C_BOREALIS")[0]["blocks"] == blocks[:1]


def test_a_lenient_fake_answers_what_the_strict_one_refuses() -> None:
    with FakeSlack(strict=False) as lenient:
        web = client(lenient)
        web.chat_appendStream(channel="DU_ALICE", ts="5.000005", markdown_text="late")
        web.canvases_edit(canvas_id="F_NONE", changes=[])
        assert web.canvases_sections_lookup(canvas_id="F_NONE", criteria={})["sections"] == []
        assert lenient.history("DU_ALICE")[0]["text"] == "late"
