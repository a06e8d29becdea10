"""The KAM knowledge documents (`knowledge/*.md`) chunked by heading. Pure."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable

MAX_CHUNK_WORDS = 450


@dataclass(frozen=True)
class KnowledgeChunk:
    id: str  # doc#heading-slug
    doc: str  # file stem, e.g. running-a-qbr
    title: str  # the document's title (its "# " heading)
    heading: str  # the section's "## " heading, or the title for the introduction
    text: str  # the section's text, without the heading line

    @property
    def embedding_text(self) -> str:
        """What is embedded: title and heading carry much of the meaning of a short section."""
        return f"{self.title}. {self.heading}. {self.text}"


def chunk_markdown(doc: str, markdown: str) -> list[KnowledgeChunk]:
    title = doc.replace("-", " ").capitalize()
    chunks: list[KnowledgeChunk] = []
    heading, lines = None, []

    def flush():
        body = "\n".join(lines).strip()
        if body:
            name = heading or title
            for i, part in enumerate(_split_long(body)):
                suffix = f"-{i + 1}" if i else ""
                chunks.append(KnowledgeChunk(f"{doc}#{_slug(name)}{suffix}", doc, title, name, part))

    for line in markdown.splitlines():
        if line.startswith("# ") and not chunks and heading is None and not "".join(lines).strip():
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            flush()
            heading, lines = line[3:].strip(), []
            continue
        lines.append(line)
    flush()
    return chunks


def chunk_documents(documents: Iterable[tuple[str, str]]) -> list[KnowledgeChunk]:
    """(file stem, markdown) pairs, e.g. kam_domain.assets.knowledge_documents(), as chunks."""
    chunks: list[KnowledgeChunk] = []
    for doc, markdown in documents:
        chunks += chunk_markdown(doc, markdown)
    return chunks


def fingerprint(chunks: list[KnowledgeChunk]) -> str:
    digest = hashlib.sha1()
    for chunk in chunks:
        digest.update(f"{chunk.id}\x00{chunk.heading}\x00{chunk.text}\x00".encode("utf-8"))
    return digest.hexdigest()[:16]


_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def _unwrap(paragraph: str) -> str:
    """Join hard-wrapped lines; list items stay one per line."""
    lines: list[str] = []
    for line in paragraph.splitlines():
        if lines and not _ITEM.match(line):
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line.strip())
    return "\n".join(lines)


def _split_long(body: str) -> list[str]:
    paragraphs = [_unwrap(p) for p in re.split(r"\n\s*\n", body) if p.strip()]
    parts, current = [], []
    for paragraph in paragraphs:
        if current and len(" ".join(current + [paragraph]).split()) > MAX_CHUNK_WORDS:
            parts.append("\n\n".join(current))
            current = []
        current.append(paragraph)
    if current:
        parts.append("\n\n".join(current))
    return parts


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "section"
