"""Drafting with a LangChain chat model: same retrieved notes, same citation rules.

The model gets the prompt (`prompts/*.md`) and must return structured output (`schemas`).
It has no tools at all, so it can write nothing. Any error, a timeout or output that is
not usable falls back to the offline drafter, and the draft says why.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from kam_domain.assets import AssetMissing
from kam_domain.drafting.prompts import Prompt, bullet_block, defuse, excluded_block, guides_block, notes_block, render
from kam_domain.drafting.schemas import ActionsOut, MethodAnswerOut, SwotOut
from kam_domain.drafting.types import (
    ActionsDraft,
    ActionsRequest,
    DraftAction,
    DraftPoint,
    MethodDraft,
    MethodRequest,
    SwotDraft,
    SwotRequest,
    is_excluded,
)
from kam_domain.drafting.validate import clean_answer_text, valid_actions, valid_points

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 20.0
NOT_ANSWERED = "the model did not answer"
NOT_USABLE = "the model's answer was not usable"
NO_VALID_CITATION = "the model's draft cited none of this account's notes"
PROMPT_MISSING = "the prompt for the model is missing from this install"
PROMPT_BROKEN = "the prompt for the model is broken"

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="kam-llm")
        return _executor


class ModelFailed(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class LangChainDrafter:
    """Drafts with a chat model; falls back to `fallback` (the offline drafter) and says why."""

    def __init__(self, model_factory: Callable[[], Any], label: str, fallback, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS):
        self._model_factory = model_factory
        self._model = None
        self._model_lock = threading.Lock()
        self.label = label
        self.fallback = fallback
        self.timeout_seconds = float(timeout_seconds)

    # ------------------------------------------------------------------ the three drafts

    def draft_swot(self, request: SwotRequest) -> SwotDraft:
        if not request.notes:
            return self.fallback.draft_swot(request)
        try:
            prompt = _prompt("swot", account_name=defuse(request.account_name), today=request.today.isoformat(),
                             notes=notes_block(request.notes), excluded=excluded_block(request.excluded),
                             per_quadrant=request.per_quadrant)
            out = self._ask(prompt, SwotOut)
            points = [DraftPoint(p.quadrant, p.text, p.note_id) for p in out.points]
            points = valid_points(points, {n.id for n in request.notes})
            points = [p for p in points if not is_excluded(p.note_id, p.quadrant, p.text, request.excluded)]
            if not points:
                raise ModelFailed(NO_VALID_CITATION)
            return SwotDraft(_cap(points, request.per_quadrant), self.label)
        except ModelFailed as failure:
            return _offline(self.fallback.draft_swot(request), failure.reason)

    def draft_next_actions(self, request: ActionsRequest) -> ActionsDraft:
        if not request.notes:
            return self.fallback.draft_next_actions(request)
        try:
            prompt = _prompt("next_actions", account_name=defuse(request.account_name), today=request.today.isoformat(),
                             notes=notes_block(request.notes), known_actions=bullet_block(request.known_actions),
                             limit=request.limit)
            out = self._ask(prompt, ActionsOut)
            actions = [DraftAction(a.text, a.reason, a.note_id, a.kind, a.due) for a in out.actions]
            actions = valid_actions(actions, {n.id for n in request.notes})
            if out.actions and not actions:
                raise ModelFailed(NO_VALID_CITATION)
            return ActionsDraft(actions[:request.limit], self.label)
        except ModelFailed as failure:
            return _offline(self.fallback.draft_next_actions(request), failure.reason)

    def answer_method(self, request: MethodRequest) -> MethodDraft:
        if not request.chunks:
            return self.fallback.answer_method(request)
        try:
            prompt = _prompt("method_answer", guides=guides_block(request.chunks), question=defuse(request.question))
            out = self._ask(prompt, MethodAnswerOut)
            allowed = {c.id for c in request.chunks}
            sources = [s for s in out.sources if s in allowed]
            text = clean_answer_text(out.answer)
            if not text:
                raise ModelFailed(NOT_USABLE)
            return MethodDraft(text, sources, self.label)
        except ModelFailed as failure:
            return _offline(self.fallback.answer_method(request), failure.reason)

    # ------------------------------------------------------------------ calling the model

    def model(self):
        with self._model_lock:
            if self._model is None:
                try:
                    self._model = self._model_factory()
                except Exception as exc:  # noqa: BLE001 - missing package, missing key...
                    log.warning("the chat model %s could not be started: %s", self.label, exc)
                    raise ModelFailed("the model could not be started (see the log)") from exc
            return self._model

    def _ask(self, prompt: Prompt, schema: type[BaseModel]) -> BaseModel:
        from langchain_core.messages import HumanMessage, SystemMessage

        try:
            runnable = self.model().with_structured_output(schema)
        except ModelFailed:
            raise
        except Exception as exc:  # noqa: BLE001 - a model without structured output
            log.warning("the chat model %s cannot return structured output: %s", self.label, exc)
            raise ModelFailed(NOT_USABLE) from exc
        future = _pool().submit(runnable.invoke, [SystemMessage(prompt.system), HumanMessage(prompt.user)])
        try:
            result = future.result(timeout=self.timeout_seconds)
        except FutureTimeout:
            future.cancel()
            log.warning("the chat model %s did not answer within %.0f s", self.label, self.timeout_seconds)
            raise ModelFailed(f"{NOT_ANSWERED} within {self.timeout_seconds:.0f} s") from None
        except (ValidationError, ValueError, TypeError, KeyError) as exc:
            log.warning("the chat model %s returned unusable output: %s", self.label, exc.__class__.__name__)
            raise ModelFailed(NOT_USABLE) from exc
        except Exception as exc:  # noqa: BLE001 - network, quota, provider errors
            log.warning("the chat model %s failed: %s", self.label, exc.__class__.__name__, exc_info=exc)
            raise ModelFailed(NOT_ANSWERED) from exc
        return _as_schema(result, schema)


def _prompt(name: str, **values) -> Prompt:
    """The filled prompt; a missing or broken template is a model failure (the offline drafter
    answers and says why), not a crash."""
    try:
        return render(name, **values)
    except AssetMissing as exc:
        log.warning("%s", exc)
        raise ModelFailed(f"{PROMPT_MISSING} (prompts/{name}.md)") from exc
    except (KeyError, IndexError, ValueError) as exc:
        log.warning("the prompt prompts/%s.md does not fit its values: %r", name, exc)
        raise ModelFailed(f"{PROMPT_BROKEN} (prompts/{name}.md)") from exc


def _as_schema(result: Any, schema: type[BaseModel]) -> BaseModel:
    if isinstance(result, schema):
        return result
    try:
        if isinstance(result, BaseModel):
            return schema.model_validate(result.model_dump())
        if isinstance(result, dict):
            return schema.model_validate(result.get("parsed", result) if "parsed" in result else result)
    except ValidationError as exc:
        raise ModelFailed(NOT_USABLE) from exc
    raise ModelFailed(NOT_USABLE)


def _cap(points: list[DraftPoint], per_quadrant: int) -> list[DraftPoint]:
    counts: dict[str, int] = {}
    kept = []
    for point in points:
        counts[point.quadrant] = counts.get(point.quadrant, 0) + 1
        if counts[point.quadrant] <= per_quadrant:
            kept.append(point)
    return kept


def _offline(draft, reason: str):
    draft.fallback_reason = reason
    return draft


def build_chat_model(spec: str, timeout_seconds: float):
    """`provider:model` through LangChain's init_chat_model (OpenAI-compatible servers via OPENAI_BASE_URL)."""
    from langchain.chat_models import init_chat_model

    provider = spec.split(":", 1)[0].lower()
    options: dict[str, Any] = {"temperature": 0}
    if provider in ("openai", "azure_openai", "anthropic"):
        options.update(timeout=timeout_seconds, max_retries=1)
    try:
        return init_chat_model(spec, **options)
    except ImportError as exc:
        package = {"anthropic": "langchain-anthropic", "ollama": "langchain-ollama"}.get(provider, f"langchain-{provider}")
        raise RuntimeError(f"KAM_LLM={spec} needs the {package} package: `pip install {package}`.") from exc
