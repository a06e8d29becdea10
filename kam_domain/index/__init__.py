"""The retrieval index over account notes and KAM knowledge.

- `embeddings`: sentence embedders (bundled all-MiniLM-L6-v2, a local sentence-transformers
  path, or OpenAI through langchain-openai), loaded once, batched, normalised.
- `chroma_index`: the Chroma-backed index (local persistent or a Chroma server), one
  collection per workspace for notes and one per installation for knowledge.
- `lock`: one writer at a time for the local persistent index, across processes.
- `ranking`: exact dot products, recency and a lexical fallback ranking (pure, numpy).
- `knowledge_docs`: the knowledge documents chunked by heading (pure).

Nothing here connects or loads a model at import time.
"""
