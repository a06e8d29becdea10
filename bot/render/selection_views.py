"""Modals of the selection feature: the score form and the reason forms of tier decisions."""
from __future__ import annotations

import json

from bot.results import OpenModal
from bot.render.blocks import section
from bot.render.escape import slack_escape as esc

SCORE_FORM = "score_form"
REJECT_FORM = "tier_reject"
OVERRIDE_FORM = "tier_override"
SCORE_BLOCK = "score_"  # + criterion key
REASON_BLOCK = "reason"
VALUE = "value"
AXIS = {"attractiveness": "attractiveness", "strength": "our strength"}


def plain(text: str, limit: int) -> dict:
    return {"type": "plain_text", "text": text[:limit], "emoji": True}


def score_form(modal: OpenModal) -> dict:
    """One 1-10 input per criterion, filled with the current score; empty keeps a score as it is."""
    data = modal.data
    blocks = [section(f"Score *{esc(data['account_name'])}* from 1 (poor) to 10 (excellent). "
                      "Leave a box empty to keep that score as it is.")]
    for c in data["criteria"]:
        element = {"type": "number_input", "is_decimal_allowed": False, "action_id": VALUE,
                   "min_value": "1", "max_value": "10"}
        if c.get("value") is not None:
            element["initial_value"] = str(c["value"])
        block = {"type": "input", "block_id": SCORE_BLOCK + c["key"], "optional": True, "element": element,
                 "label": plain(f"{c['label']} ({AXIS.get(c['axis'], c['axis'])}, weight {c['weight']:g})", 2000)}
        if c.get("description"):
            block["hint"] = plain(c["description"], 2000)
        blocks.append(block)
    return {"type": "modal", "callback_id": SCORE_FORM, "title": plain("Score account", 24),
            "submit": plain("Save scores", 24), "close": plain("Cancel", 24), "blocks": blocks[:100],
            "private_metadata": json.dumps({"account_id": data["account_id"],
                                            "channel_id": data.get("channel_id")})}


def reject_form(modal: OpenModal) -> dict:
    return _reason_form(modal, REJECT_FORM, "Reject request", "Reject",
                        "Why do you reject the {kind} of *{name}*? The requester will read this.")


def override_form(modal: OpenModal) -> dict:
    return _reason_form(modal, OVERRIDE_FORM, "Override the cap", "Approve anyway",
                        "Approving the {kind} of *{name}* takes the key accounts over the cap. Say why it "
                        "should be key anyway; the reason is kept in the audit log and announced.")


def _reason_form(modal: OpenModal, callback_id: str, title: str, submit: str, prompt: str) -> dict:
    data = modal.data
    text = prompt.format(kind=esc(data.get("kind", "request")), name=esc(data.get("account_name", "")))
    blocks = [section(text), {
        "type": "input", "block_id": REASON_BLOCK, "label": plain("Reason", 2000),
        "element": {"type": "plain_text_input", "action_id": VALUE, "multiline": True, "min_length": 10,
                    "max_length": 2000},
    }]
    metadata = {k: data.get(k) for k in ("tier_change_id", "channel_id", "message_ts")}
    return {"type": "modal", "callback_id": callback_id, "title": plain(title, 24), "submit": plain(submit, 24),
            "close": plain("Cancel", 24), "blocks": blocks, "private_metadata": json.dumps(metadata)}


VIEWS = {
    SCORE_FORM: score_form,
    REJECT_FORM: reject_form,
    OVERRIDE_FORM: override_form,
}
