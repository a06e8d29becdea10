"""What the assistant listener sends Slack besides the answer: a title cut from the question, prompts
escaped like any data, and the asker of a thread event (who is inside `assistant_thread`)."""
from __future__ import annotations

from types import SimpleNamespace

from bot.listeners.assistant import MAX_TITLE, prompt_payload, thread_actor, title_of
from kam_domain.services.assistant_prompts import Prompt, ThreadPrompts
from kam_domain.services.authz import Actor


def test_the_title_is_the_question_on_one_line_cut_at_a_word():
    assert title_of("account   borealis\n") == "account borealis"
    question = "what do we know about borealis and their renewal plans for the next three years in the north?"
    title = title_of(question)
    assert title.endswith("…") and len(title) <= MAX_TITLE
    assert question.startswith(title[:-1]) and not title[:-1].endswith(" ")
    assert title_of("x" * 200) == "x" * (MAX_TITLE - 1) + "…"


def test_titles_and_prompts_are_escaped():
    assert title_of("plan <!channel> & co") == "plan &lt;!channel&gt; &amp; co"
    payload = prompt_payload(ThreadPrompts("Ask", (Prompt("SWOT for A&B <x>", "swot A&B <x>"),)))
    assert payload == [{"title": "SWOT for A&amp;B &lt;x&gt;", "message": "swot A&amp;B &lt;x&gt;"}]


class _Client:
    def __init__(self, restricted: bool):
        self.restricted = restricted
        self.asked: list[str] = []

    def users_info(self, user):
        self.asked.append(user)
        return {"user": {"id": user, "is_restricted": self.restricted}}


def _container():
    from kam_domain.clock import FixedClock
    from support.constants import NOW

    return SimpleNamespace(settings=SimpleNamespace(admin_ids={"U_ADMIN"}), clock=FixedClock(NOW))


def test_the_thread_event_user_becomes_the_actor_with_their_rights():
    body = {"type": "event_callback", "event": {"type": "assistant_thread_started"}}
    anonymous = Actor("T_ALPHA", "")
    admin = thread_actor(anonymous, "U_ADMIN", _container(), _Client(restricted=False), body)
    assert admin == Actor("T_ALPHA", "U_ADMIN", is_admin=True)
    client = _Client(restricted=True)
    guest = thread_actor(anonymous, "U_GUEST", _container(), client, body)
    assert guest.is_guest and not guest.is_admin and client.asked == ["U_GUEST"]
    same = Actor("T_ALPHA", "U_ALICE")
    assert thread_actor(same, "U_ALICE", _container(), client, body) is same
