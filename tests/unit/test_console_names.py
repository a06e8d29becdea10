"""At the terminal there is no Slack to turn ids into names: the console does it for people it knows."""
from bot.console import CONSOLE_USER, with_names


def test_mentions_and_bare_ids_become_names():
    names = {"U0ANA": "Ana Ruiz"}
    assert with_names("Owner <@U0ANA>; team U0ANA, U0BOB", names) == "Owner @Ana Ruiz; team Ana Ruiz, U0BOB"
    assert with_names(f"logged by <@{CONSOLE_USER}>") == "logged by @you"


def test_unknown_mentions_lose_only_their_markup():
    assert with_names("ask <@U0NOBODY> or <@U0NOBODY|nobody>") == "ask @U0NOBODY or @U0NOBODY"


def test_words_that_look_like_ids_inside_other_words_are_left_alone():
    assert with_names("see XU0ANAX and UNKNOWN", {"U0ANA": "Ana"}) == "see XU0ANAX and UNKNOWN"
