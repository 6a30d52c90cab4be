"""Optional LLM engine through any OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY), every
statement checked against the article. Needs the `llm` extra (the openai package) only when it is used."""

from .engine import improve

__all__ = ["improve"]
