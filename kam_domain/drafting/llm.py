"""Drafting with a LangChain chat model: same retrieved notes, same citation rules.

The model gets the prompt (`prompts/*.md`) and must return structured output (`schemas`),
asked for as a JSON schema, else a JSON object, else a call of one answer "tool" whose
arguments are the output (that tool does nothing: the model can still write nothing). A
provider that refuses a way (HTTP 4xx/5xx saying the feature is unsupported) is asked the next
way, and what it accepts is remembered for the process. Any other error, a timeout or output
that is not usable falls back to the offline drafter, and the draft says why.
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

# How structured output is asked for, most exact first (LangChain's `method` names).
METHODS = ("json_schema", "json_mode", "function_calling")
_UNSUPPORTED = ("not supported", "unsupported", "not support", "does not support", "invalid response_format",
                "unknown parameter", "unrecognized", "not implemented", "not available", "not allowed")
_FEATURE_WORDS = ("response_format", "json_schema", "json_object", "json schema", "structured", "tool", "function")
_accepted: dict[str, str] = {}  # model label -> the method its provider accepted
_refused: dict[str, set[str]] = {}  # model label -> methods its provider refused
_methods_lock = threading.Lock()

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
            actions = [DraftAction(a.text, a.reason, a.note_id, a.kind, a.due, a.by, a.owner) for a in out.actions]
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
        """The model's structured answer: by the way its provider accepts, trying the next way
        when the provider refuses one as unsupported."""
        model = self.model()
        for method in self._methods():
            try:
                return self._ask_by(model, method, prompt, schema)
            except _Refused as refused:
                log.warning("the chat model %s refused structured output by %s (%s); trying the next way",
                            self.label, method, refused.status)
                with _methods_lock:
                    _refused.setdefault(self.label, set()).add(method)
                    if _accepted.get(self.label) == method:
                        del _accepted[self.label]
        raise ModelFailed(NOT_USABLE)

    def _methods(self) -> list[str]:
        with _methods_lock:
            known = _accepted.get(self.label)
            refused = _refused.get(self.label, set())
        return [known] if known else [m for m in METHODS if m not in refused] or list(METHODS)

    def _ask_by(self, model, method: str, prompt: Prompt, schema: type[BaseModel]) -> BaseModel:
        from langchain_core.messages import HumanMessage, SystemMessage

        try:
            runnable = model.with_structured_output(schema, method=method)
        except Exception as exc:  # noqa: BLE001 - a model without structured output (or without this way)
            log.warning("the chat model %s cannot return structured output: %s", self.label, exc)
            raise _Refused("not offered") if method != METHODS[-1] else ModelFailed(NOT_USABLE) from exc
        system = prompt.system if method != "json_mode" else prompt.system + _json_instruction(schema)
        future = _pool().submit(runnable.invoke, [SystemMessage(system), HumanMessage(prompt.user)])
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
            status = refusal_status(exc)
            if status is not None:
                raise _Refused(status) from exc
            log.warning("the chat model %s failed: %s", self.label, exc.__class__.__name__, exc_info=exc)
            raise ModelFailed(NOT_ANSWERED) from exc
        answer = _as_schema(result, schema)
        with _methods_lock:
            _accepted[self.label] = method
        return answer


class _Refused(Exception):
    """The provider refused this way of asking for structured output as unsupported."""

    def __init__(self, status):
        super().__init__(str(status))
        self.status = status


def refusal_status(exc: Exception) -> int | None:
    """The HTTP status when a provider error says a structured-output feature is unsupported
    ("response_format json_schema is not supported", "tools are not supported"), else None."""
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
    if not isinstance(status, int) or not 400 <= status < 600:
        return None
    message = str(getattr(exc, "message", "") or exc).lower()
    body = getattr(exc, "body", None)
    if body is not None:
        message += " " + str(body).lower()
    if any(w in message for w in _UNSUPPORTED) and any(w in message for w in _FEATURE_WORDS):
        return status
    return None


def _json_instruction(schema: type[BaseModel]) -> str:
    import json

    return ("\n\nAnswer with one JSON object, and nothing else, that matches this JSON schema:\n"
            + json.dumps(schema.model_json_schema()))


def forget_provider_methods() -> None:
    """Forget what providers accepted (tests; a provider that was reconfigured)."""
    with _methods_lock:
        _accepted.clear()
        _refused.clear()


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
