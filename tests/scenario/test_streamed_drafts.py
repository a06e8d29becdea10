"""Issue 19, streamed drafts: a SWOT asked by @mention or DM is written into the thread as it is produced
(chat.startStream, one appendStream per part, chat.stopStream with the Accept / Reject buttons and a
feedback control), through the real app over signed HTTP into the strict fake Slack. Where streaming is not
allowed the ordinary reply goes out and one admin is told once; an append failing midway sends the rest
once as an ordinary reply; a short answer is never streamed."""
from __future__ import annotations

import json
import logging

import pytest
from sqlmodel import Session

from bot.app import create_app
from bot.bootstrap import Container
from bot.http import create_web_app
from bot.listeners.streaming import FEEDBACK_ACTION
from bot.settings import load_settings
from bot.slack_client import make_web_client
from drafting.drafting_data import HashEmbedder, StructuredFakeChat, index_everything, seed
from kam_domain.clock import FixedClock
from kam_domain.drafting.llm import LangChainDrafter
from kam_domain.drafting.offline import OfflineDrafter
from kam_domain.drafting.schemas import SwotOut, SwotPointOut
from kam_domain.index.chroma_index import ChromaIndex
from support import fake_surfaces, signing, slack_rules
from support.app_server import SIGNING_SECRET, ServerThread, SlackScenario, free_port, shut_down_lazy
from support.constants import NOW

THREAD = "1700000100.000100"


@pytest.fixture
def drafting(engine, fake_slack, tmp_path):
    """The real app whose drafter's chat model is a fake (the LLM is the edge) and whose notes index is
    a real Chroma index with a hash embedder (no model download); U0ADMIN is the admin."""
    embedder = HashEmbedder()
    index = ChromaIndex.local(tmp_path / "index", lambda: embedder)
    with Session(engine) as session:
        notes = seed(session).alpha_notes
    index_everything(engine, index)
    chat = StructuredFakeChat(outputs=[_swot(notes), _swot(notes)])
    drafter = LangChainDrafter(lambda: chat, "fake:structured", OfflineDrafter(lambda: embedder))
    settings = load_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SIGNING_SECRET,
                             SLACK_API_URL=fake_slack.base_url, KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_ALPHA",
                             KAM_ADMINS="U0ADMIN")
    container = Container(settings, engine=engine, clock=FixedClock(NOW), notes_index=index, drafter=drafter,
                          embedder=embedder, slack_client=make_web_client("xoxb-test", fake_slack.base_url))
    app = create_app(container)
    port = free_port()
    server = ServerThread(create_web_app(app, container), port)
    server.start()
    url = f"http://127.0.0.1:{port}/slack/events"
    yield SlackScenario(url=url, fake=fake_slack, container=container, app=app), notes
    server.stop()
    shut_down_lazy(app)
    index.close()


def _swot(notes: list[int]) -> SwotOut:
    return SwotOut(points=[
        SwotPointOut(quadrant="strength", text="Their maintenance crew trusts our application engineers",
                     note_id=notes[0]),
        SwotPointOut(quadrant="weakness", text="Three late deliveries of sorter belts", note_id=notes[1]),
        SwotPointOut(quadrant="opportunity", text="A new cross-dock hub near Poznań in 2027", note_id=notes[2]),
        SwotPointOut(quadrant="threat", text="Kraftmann offered 12% below our price", note_id=notes[3])])


def _ask(scenario: SlackScenario, text: str, channel: str = "C_SALES", ts: str = THREAD) -> None:
    if channel.startswith("D"):
        event = {"type": "message", "channel_type": "im", "user": "U_ALICE", "text": text, "channel": channel,
                 "ts": ts}
    else:
        event = {"type": "app_mention", "user": "U_ALICE", "text": f"<@U_BOT> {text}", "channel": channel, "ts": ts}
    status, _, _ = scenario.event(event)
    assert status == 200
    scenario.settle(timeout=30)


def _admin_dms(fake) -> list[dict]:
    return [c.args for c in fake.calls("chat.postMessage", ok=True) if c.args.get("channel") == "U0ADMIN"]


def _replies_in_thread(fake, channel: str) -> list[dict]:
    return [c.args for c in fake.calls("chat.postMessage", ok=True)
            if c.args.get("channel") == channel and c.args.get("thread_ts") == THREAD]


def _streamed(fake, channel: str):
    [start] = fake.calls("chat.startStream", ok=True)
    return start, fake.stream(channel, start.response["ts"])


def _buttons(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b.get("type") == "actions" for e in b["elements"]]


def test_a_swot_asked_in_a_channel_streams_with_citations_buttons_and_feedback(drafting):
    scenario, notes = drafting
    _ask(scenario, "swot borealis")
    fake = scenario.fake
    start, stream = _streamed(fake, "C_SALES")
    assert (start.args["thread_ts"], start.args["recipient_user_id"], start.args["recipient_team_id"]) == \
        (THREAD, "U_ALICE", "T_ALPHA")
    appends = fake.calls("chat.appendStream")
    assert len(appends) >= 2 and all(a.ok for a in appends)
    assert "markdown_text" not in start.args and appends[0].args["markdown_text"].startswith("## SWOT draft")
    assert fake.methods().index("chat.appendStream") < fake.methods().index("chat.stopStream")
    markdown = "".join(stream.markdown)
    assert "SWOT draft: Borealis Logistics GmbH" in markdown.split("\n")[0]  # the heading went out first
    for note_id in notes[:4]:
        assert f"note #{note_id}, " in markdown
    assert "Kraftmann offered 12% below our price" in markdown and "Strengths" in markdown
    assert stream.stopped and not _replies_in_thread(fake, "C_SALES")  # one message, not two

    stop = fake.last("chat.stopStream")
    assert stop.ok
    blocks = stop.args["blocks"]
    labels = [b["text"]["text"] for b in _buttons(blocks)]
    assert labels == ["Accept 1", "Reject 1", "Accept 2", "Reject 2", "Accept 3", "Reject 3", "Accept 4", "Reject 4"]
    cited = {json.loads(b["value"])["n"] for b in _buttons(blocks)}
    assert cited == set(notes[:4])
    feedback = blocks[-1]
    assert feedback["type"] == "context_actions"
    assert feedback["elements"][0]["type"] == "feedback_buttons"
    assert feedback["elements"][0]["action_id"] == FEEDBACK_ACTION
    assert not _admin_dms(fake)
    fake.assert_no_refusals()

    reject_2 = _buttons(blocks)[3]  # a click on the streamed message's buttons decides that point in place
    message = {"type": "message", "ts": start.response["ts"], "text": "SWOT", "blocks": blocks}
    status, _, _ = scenario.interaction(signing.block_action_payload(
        reject_2["action_id"], reject_2["value"], user_id="U_ALICE", team_id="T_ALPHA", channel_id="C_SALES",
        message=message, response_url=fake.response_url("reject")))
    assert status == 200
    [updated] = scenario.replies()
    assert updated["replace_original"] is True and "Rejected by" in json.dumps(updated["blocks"])
    assert len(_buttons(updated["blocks"])) == 6 and updated["blocks"][-1]["type"] == "context_actions"


def test_a_swot_in_a_dm_streams_too(drafting):
    scenario, notes = drafting
    _ask(scenario, "swot borealis", channel="D_ALICE")
    start, stream = _streamed(scenario.fake, "D_ALICE")
    assert start.args["channel"] == "D_ALICE" and stream.stopped
    assert len(scenario.fake.calls("chat.appendStream", ok=True)) >= 2
    assert f"note #{notes[0]}, " in "".join(stream.markdown)
    scenario.fake.assert_no_refusals()


def test_streaming_denied_sends_the_ordinary_reply_and_tells_an_admin_once(drafting):
    scenario, notes = drafting
    fake = scenario.fake
    fake.deny_feature("chat.startStream", "not_allowed")
    _ask(scenario, "swot borealis")
    [reply] = _replies_in_thread(fake, "C_SALES")
    shown = json.dumps(reply["blocks"])
    assert "SWOT draft: Borealis Logistics GmbH" in shown and f"Source: note #{notes[0]}" in shown
    assert [b["text"]["text"] for b in _buttons(reply["blocks"])][:2] == ["Accept", "Reject"]
    [notice] = _admin_dms(fake)
    assert "not_allowed" in notice["text"] and "streamed" in notice["text"]
    assert not fake.calls("chat.appendStream") and not fake.calls("chat.stopStream")

    _ask(scenario, "swot borealis", ts="1700000200.000100")
    assert len(fake.calls("chat.startStream")) == 2
    assert len(_admin_dms(fake)) == 1  # said once, not per draft
    assert len([c for c in fake.calls("chat.postMessage", ok=True) if c.args.get("channel") == "C_SALES"]) == 2


def test_a_short_answer_is_not_streamed(drafting):
    scenario, _ = drafting
    _ask(scenario, "account borealis")
    [reply] = _replies_in_thread(scenario.fake, "C_SALES")
    assert "Borealis Logistics GmbH" in json.dumps(reply["blocks"])
    assert not scenario.fake.calls("chat.startStream")


def test_an_append_failing_midway_sends_the_rest_once_as_a_reply(drafting):
    scenario, notes = drafting
    fake = scenario.fake
    appended = []

    def second_append_fails(args):  # the first append goes through Slack's own handling; the second fails
        appended.append(args)
        if len(appended) == 2:
            return {"ok": False, "error": "internal_error"}
        return fake_surfaces.append_stream(fake, args, None)

    fake.set_response("chat.appendStream", second_append_fails)
    _ask(scenario, "swot borealis")
    _, stream = _streamed(fake, "C_SALES")
    assert len(fake.calls("chat.appendStream")) == 2  # nothing appended after the failure
    assert stream.stopped and "blocks" not in fake.last("chat.stopStream").args
    [rest] = _replies_in_thread(fake, "C_SALES")
    rest_markdown = "".join(b["text"] for b in rest["blocks"] if b["type"] == "markdown")
    streamed = "".join(stream.markdown)
    assert "SWOT draft: Borealis Logistics GmbH" in streamed and "SWOT draft" not in rest_markdown
    assert appended[1]["markdown_text"] == rest_markdown[:len(appended[1]["markdown_text"])]
    whole = streamed + rest_markdown
    for note_id in notes[:4]:
        assert whole.count(f"note #{note_id}, ") == 1  # every citation arrived, once
    assert [b["text"]["text"] for b in _buttons(rest["blocks"])][:2] == ["Accept 1", "Reject 1"]
    assert rest["blocks"][-1]["type"] == "context_actions"


def test_a_stop_failing_sends_the_buttons_as_a_reply_and_nothing_else(drafting):
    scenario, notes = drafting
    fake = scenario.fake
    fake.error_next("chat.stopStream", "internal_error")
    _ask(scenario, "swot borealis")
    _, stream = _streamed(fake, "C_SALES")
    assert f"note #{notes[3]}, " in "".join(stream.markdown)  # the whole text arrived in the stream
    [buttons] = _replies_in_thread(fake, "C_SALES")
    assert [b["type"] for b in buttons["blocks"]] == ["actions"] * 4 + ["context_actions"]
    assert not _admin_dms(fake)


def test_a_stream_that_cannot_start_for_another_reason_posts_the_draft_without_telling_an_admin(drafting):
    scenario, notes = drafting
    fake = scenario.fake
    fake.error_next("chat.startStream", "internal_error")
    _ask(scenario, "swot borealis")
    [reply] = _replies_in_thread(fake, "C_SALES")
    assert f"Source: note #{notes[0]}" in json.dumps(reply["blocks"])
    assert not fake.calls("chat.appendStream") and not _admin_dms(fake)


def test_feedback_is_acknowledged_and_logged(drafting, caplog):
    scenario, _ = drafting
    payload = signing.block_action_payload(FEEDBACK_ACTION, "good", user_id="U_ALICE", team_id="T_ALPHA",
                                           channel_id="C_SALES", action_type="feedback_buttons",
                                           message={"type": "message", "ts": "1700000300.000100", "text": "SWOT"})
    with caplog.at_level(logging.INFO, logger="bot.listeners.streaming"):
        status, _, _ = scenario.interaction(payload)
        scenario.settle()
    assert status == 200
    assert any("draft feedback good from U_ALICE in T_ALPHA" in r.getMessage() for r in caplog.records)


def test_the_fake_checks_feedback_buttons_as_slack_does():
    good = {"type": "context_actions", "elements": [{
        "type": "feedback_buttons", "action_id": "f",
        "positive_button": {"text": {"type": "plain_text", "text": "👍"}, "value": "good"},
        "negative_button": {"text": {"type": "plain_text", "text": "👎"}, "value": "bad"}}]}
    assert slack_rules.check_blocks([good], 50) is None
    no_negative = json.loads(json.dumps(good))
    del no_negative["elements"][0]["negative_button"]
    assert "negative_button is required" in slack_rules.check_blocks([no_negative], 50)
    long_label = json.loads(json.dumps(good))
    long_label["elements"][0]["positive_button"]["text"]["text"] = "x" * 76
    assert "at most 75" in slack_rules.check_blocks([long_label], 50)
    assert "1..5" in slack_rules.check_blocks([{"type": "context_actions", "elements": [good["elements"][0]] * 6}], 50)
