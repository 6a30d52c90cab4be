"""What the model must return: every statement with the verbatim quotes it rests on.

Evidence ids are deliberately absent: they come from where the quotes are found, never from the model.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..brief import ActorType

# Strict structured output needs `additionalProperties: false` in the schema; parsing still ignores extra keys
# because JSON-mode servers do not enforce the schema and a stray key is no reason to lose an answer.
# Strict mode also rejects a `$ref` with sibling keys, so fields holding a Claim carry no description: the
# prompt explains them instead.
_STRICT = ConfigDict(json_schema_extra={"additionalProperties": False})
SCHEMA_NAME = "policy_brief"


class Claim(BaseModel):
    model_config = _STRICT
    text: str
    quotes: list[str] = Field(description="sentences or phrases copied verbatim from the article")


class NewActor(BaseModel):
    model_config = _STRICT
    name: str
    type: ActorType
    role: str
    quotes: list[str] = Field(description="verbatim phrases from the article that name this actor")


class LLMAnswer(BaseModel):
    model_config = _STRICT
    bluf: Claim
    key_judgments: list[Claim] = Field(description="at most 5")
    tension_assessment: Claim
    new_actors: list[NewActor] = Field(description="actors the article names that the known list lacks")


def json_schema_format() -> dict:
    return {"type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "schema": LLMAnswer.model_json_schema(), "strict": True}}


JSON_OBJECT_FORMAT = {"type": "json_object"}
