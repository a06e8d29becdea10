"""Drafting SWOT points, next actions and method answers from retrieved text.

Two drafters share one interface (`types.Drafter`): the offline drafter (`offline.py`,
sentence embeddings plus rules, no network) and a LangChain chat model (`llm.py`) that
falls back to the offline drafter when it fails. Both get the same retrieved notes and
must cite them; the services validate every citation. Nothing loads at import time.
"""
