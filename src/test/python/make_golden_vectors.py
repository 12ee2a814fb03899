"""Writes src/test/resources/golden/*.json from the seed's own Python code (pydantic v2).

The Java codec is checked against these files, so they must come from the backend's behaviour,
never from the Java code under test. Re-run after changing a vector:

    cd src/test/python && python3 make_golden_vectors.py

Needs python3 with pydantic 2 (no Redis, no network).
"""

import base64
import json
import sys
from pathlib import Path
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

sys.path.insert(0, str(Path(__file__).parent))
from backend.copilot.pending_messages import (  # noqa: E402
    PendingMessage,
    PendingMessageContext,
    format_pending_as_user_message,
)

OUT = Path(__file__).resolve().parents[1] / "resources" / "golden"


class QueuePendingMessageRequest(BaseModel):
    """The seed endpoint's request model (routes.py), whose limits `inject` must apply."""

    model_config = ConfigDict(extra="forbid")
    message: str = Field(min_length=1, max_length=16_000)
    context: dict[str, str] | None = None
    file_ids: list[str] | None = Field(default=None, max_length=20)

    @field_validator("context")
    @classmethod
    def _validate_context_length(cls, v):
        if v is None:
            return v
        if len(v.get("url", "")) > 2_000:
            raise ValueError("context.url exceeds maximum length of 2000 characters")
        if len(v.get("content", "")) > 32_000:
            raise ValueError("context.content exceeds maximum length of 32000 characters")
        return v


class CurrentPendingMessageContext(BaseModel):
    """Today's context model (SPEC §1b): unknown keys are dropped (pydantic's default, extra='ignore')."""

    url: str | None = Field(default=None, max_length=2_000)
    content: str | None = Field(default=None, max_length=32_000)


class CurrentPendingMessage(BaseModel):
    """Today's payload model (SPEC §1b, upstream 070e9f8e), field order as it writes them."""

    id: str
    content: str = Field(min_length=1, max_length=32_000)
    file_ids: list[str] = Field(default_factory=list, max_length=20)
    context: CurrentPendingMessageContext | None = None
    enqueued_at: float
    metadata: dict[str, Any] | None = None


CURRENT_ENCODE_CASES = [
    # name, content, file_ids, context, enqueued_at, metadata
    ("today's example", "hi", [], None, 1764213000.123456, None),
    ("a whole second keeps its .0", "hi", [], None, 1764213000.0, None),
    ("one fraction digit", "hi", [], None, 1764213000.5, None),
    ("time.time() precision", "hi", [], None, 1764213000.1234567, None),
    ("microseconds ending in zero", "hi", [], None, 1764213000.12, None),
    ("non-ASCII unescaped", "déjà vu ✓ 你好 👋🏽", ["f1", "f2"], {"url": "https://example.com/ü", "content": None}, 1764213001.25, None),
    ("control characters escaped", "a\u0000b\u0001c\u001fd\u007fe\n\r\t\b\f\"\\", [], None, 1764213002.75, None),
    ("unknown context keys dropped", "with page", [], {"url": "https://x", "content": "page", "title": "T"}, 1764213003.0, None),
    ("metadata nested", "with metadata", [], None, 1764213004.5,
     {"source": "console", "n": 3, "ratio": 0.1, "whole": 2.0, "ok": True, "none": None, "list": [1, "é", {"k": []}]}),
    ("20,000 characters", "x" * 20_000, [], None, 1764213005.0, None),
]

CURRENT_REJECT_CASES = [
    ("content 32001 characters", "y" * 32_001, [], None, "content"),
    ("empty content", "", [], None, "content"),
    ("21 file ids", "x", [f"f{i}" for i in range(21)], None, "file_ids"),
    ("context url 2001 characters", "x", [], {"url": "u" * 2_001}, "context.url"),
]


def uuid(i: int) -> str:
    return f"00000000-0000-4000-8000-{i:012d}"


ENCODE_CASES = [
    ("plain", "hi", [], None),
    ("single space is one character", " ", [], None),
    ("emoji with modifiers and ZWJ", "👋🏽 family 👨‍👩‍👧 done 🎉", [], None),
    ("CJK", "你好，世界。日本語のテキスト、한국어", [], None),
    ("combining marks", "e\u0301 n\u0303 a\u030a Z\u0351\u0352\u0353", [], None),
    ("RTL text with marks", "مرحبا بالعالم \u200fשלום עולם\u200e end", [], None),
    ("newlines tabs CR", "line1\nline2\r\nline3\ttabbed\r", [], None),
    ("NUL and control characters", "a\x00b\x01c\x07d\x08e\x0bf\x0cg\x1bh\x1fi\x7fj\x80k\x9f", [], None),
    ("quotes and backslashes", 'He said "hi" \\ and \\\\ and \\"', [], None),
    ("script tag and slashes", "</script><script>alert('x')</script> a/b", [], None),
    ("line and paragraph separators", "a\u2028b\u2029c\ufeffd\ufffe", [], None),
    ("exactly 16000 ascii characters", "x" * 16_000, [], None),
    ("exactly 16000 astral characters", "😀" * 16_000, [], None),
    ("one file id", "see file", [uuid(1)], None),
    ("twenty file ids", "many files", [uuid(i) for i in range(20)], None),
    ("context url only", "look", [], {"url": "https://example.com/a?b=c&d=<e>"}),
    ("context content only", "read", [], {"content": "Page\ntext with \"quotes\""}),
    ("context both", "both", [], {"url": "https://example.com", "content": "headline"}),
    ("context empty strings", "empty", [], {"url": "", "content": ""}),
    ("context explicit nulls", "nulls", [], {"url": None, "content": None}),
    ("context at limits", "limits", [], {"url": "u" * 2_000, "content": "c" * 32_000}),
    ("all fields", "summarise this 👀", [uuid(7), uuid(8)],
     {"url": "https://example.com/page", "content": "headline text\n\tindented"}),
]

REJECT_CASES = [
    ("empty content", "", None, None),
    ("content 16001 characters", "x" * 16_001, None, None),
    ("content 16001 astral characters", "😀" * 16_001, None, None),
    ("context url 2001 characters", "hi", {"url": "u" * 2_001}, None),
    ("context content 32001 characters", "hi", {"content": "c" * 32_001}, None),
    ("21 file ids", "hi", None, [uuid(i) for i in range(21)]),
]

DECODE_CASES = [
    ("seed shape", b'{"content":"hi","file_ids":[],"context":null}'),
    ("only content", b'{"content":"hi"}'),
    ("newer shape with extra fields",
     b'{"id":"6f1c2a8e-0d7b-4c39-9a51-2f3e4d5c6b7a","content":"hi","file_ids":["a"],'
     b'"context":{"url":"https://x","content":null},"enqueued_at":1764000000.123,"metadata":{"source":"web"}}'),
    ("newer shape with null metadata", b'{"content":"hi","file_ids":[],"context":null,"id":"x","enqueued_at":1.5,"metadata":null}'),
    ("content of 20000 characters", b'{"content":"' + b"y" * 20_000 + b'"}'),
    ("content of 16000 characters", b'{"content":"' + b"y" * 16_000 + b'"}'),
    ("spaced json", b' \n {"content" : "hi" , "file_ids" : [ "a" , "b" ] }\r\n'),
    ("escaped unicode", b'{"content":"\\u00e9\\ud83d\\ude00\\n"}'),
    ("lone surrogate escape", b'{"content":"a\\ud800b"}'),
    ("duplicate keys last wins", b'{"content":"","content":"second"}'),
    ("NaN in an extra field", b'{"content":"hi","score":NaN,"big":123456789012345678901234567890}'),
    ("context object with extra key", b'{"content":"hi","context":{"url":"u","content":"c","title":"t"}}'),
    ("context empty object", b'{"content":"hi","context":{}}'),
    ("empty object", b"{}"),
    ("empty content", b'{"content":""}'),
    ("content is a number", b'{"content":123}'),
    ("content is true", b'{"content":true}'),
    ("content is null", b'{"content":null}'),
    ("wrong case key", b'{"Content":"hi"}'),
    ("file_ids null", b'{"content":"hi","file_ids":null}'),
    ("file_ids holds a number", b'{"content":"hi","file_ids":[1]}'),
    ("file_ids is a string", b'{"content":"hi","file_ids":"abc"}'),
    ("context is a string", b'{"content":"hi","context":"page"}'),
    ("context is a list", b'{"content":"hi","context":[]}'),
    ("context url is a number", b'{"content":"hi","context":{"url":5}}'),
    ("json array", b'[{"content":"hi"}]'),
    ("json string", b'"hi"'),
    ("json null", b"null"),
    ("json number", b"42"),
    ("not json", b"{not valid json"),
    ("truncated", b'{"content":"hi"'),
    ("trailing data", b'{"content":"hi"} x'),
    ("two objects", b'{"content":"a"}{"content":"b"}'),
    ("empty string", b""),
    ("raw control character in string", b'{"content":"a\x01b"}'),
    ("raw newline in string", b'{"content":"a\nb"}'),
    ("utf8 bom", b'\xef\xbb\xbf{"content":"hi"}'),
    ("single quotes", b"{'content':'hi'}"),
    ("trailing comma", b'{"content":"hi",}'),
]


def seed_drain_outcome(raw: bytes):
    """What drain_pending_messages does with one popped entry: ('accepted', msg) or ('dropped', why)."""
    try:
        payload = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        # The seed decodes outside its try block: the drain raises, after LPOP removed the batch.
        return "raises", f"UnicodeDecodeError: {e.reason}"
    try:
        return "accepted", PendingMessage(**json.loads(payload))
    except (json.JSONDecodeError, ValidationError, TypeError, ValueError) as e:
        return "dropped", type(e).__name__
    except RecursionError as e:
        return "raises", type(e).__name__


def make_message(content, file_ids, context):
    ctx = PendingMessageContext(**context) if context is not None else None
    return PendingMessage(content=content, file_ids=file_ids, context=ctx)


def main() -> None:
    assert pydantic.VERSION.startswith("2."), "pydantic 2 is needed: model_dump_json is v2's"
    encode = []
    for name, content, file_ids, context in ENCODE_CASES:
        msg = make_message(content, file_ids, context)
        QueuePendingMessageRequest(
            message=content,
            file_ids=file_ids or None,
            context={k: v for k, v in (context or {}).items() if v is not None} or None,
        )
        encode.append({
            "name": name,
            "input": {"content": content, "file_ids": file_ids, "context": context},
            "payload": msg.model_dump_json(),
            "model_view": format_pending_as_user_message(msg)["content"],
        })

    reject = []
    for name, content, context, file_ids in REJECT_CASES:
        try:
            QueuePendingMessageRequest(message=content, context=context, file_ids=file_ids)
        except ValidationError as e:
            err = e.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "context"
            reject.append({
                "name": name,
                "input": {"content": content, "file_ids": file_ids or [], "context": context},
                "field": {"message": "content"}.get(field, field),
            })
        else:
            raise AssertionError(f"{name} was accepted by the endpoint model")

    decode = []
    deep = b'{"content":"hi","x":' + b"[" * 5_000 + b"]" * 5_000 + b"}"
    cases = DECODE_CASES + [
        ("deeply nested extra field", deep),
        ("invalid utf-8 byte", b'{"content":"caf\xe9"}'),
        ("binary garbage", bytes(range(256))),
        ("overlong utf-8 encoding", b'{"content":"\xc0\xaf"}'),
        ("utf-8 encoded surrogate", b'{"content":"\xed\xa0\x80"}'),
    ]
    for name, raw in cases:
        outcome, detail = seed_drain_outcome(raw)
        row = {"name": name, "raw_base64": base64.b64encode(raw).decode("ascii"), "seed": outcome}
        try:
            row["raw_text"] = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if outcome == "accepted":
            row["content"] = detail.content
            row["model_view"] = format_pending_as_user_message(detail)["content"]
        else:
            row["reason"] = detail
        decode.append(row)

    current = []
    for i, (name, content, file_ids, context, enqueued_at, metadata) in enumerate(CURRENT_ENCODE_CASES):
        msg = CurrentPendingMessage(id=uuid(100 + i), content=content, file_ids=file_ids, context=context,
                                    enqueued_at=enqueued_at, metadata=metadata)
        current.append({
            "name": name,
            "input": {"id": uuid(100 + i), "content": content, "file_ids": file_ids, "context": context,
                      "enqueued_at": repr(enqueued_at), "metadata": metadata},
            "payload": msg.model_dump_json(),
        })
    current_reject = []
    for name, content, file_ids, context, field in CURRENT_REJECT_CASES:
        try:
            CurrentPendingMessage(id=uuid(0), content=content, file_ids=file_ids, context=context, enqueued_at=0.0)
        except ValidationError as e:
            got = ".".join(str(p) for p in e.errors()[0]["loc"])
            assert got == field, (name, got)
            current_reject.append({"name": name, "input": {"content": content, "file_ids": file_ids, "context": context},
                                   "field": field})
        else:
            raise AssertionError(f"{name} was accepted by today's model")

    OUT.mkdir(parents=True, exist_ok=True)
    for file_name, rows in (("encode.json", encode), ("reject.json", reject), ("decode.json", decode),
                            ("encode_current.json", current), ("reject_current.json", current_reject)):
        text = json.dumps(
            {"generated_by": "src/test/python/make_golden_vectors.py", "pydantic": pydantic.VERSION, "vectors": rows},
            ensure_ascii=False, indent=1,
        )
        (OUT / file_name).write_text(text + "\n", encoding="utf-8")
    print(f"{len(encode)} encode, {len(reject)} reject, {len(decode)} decode, {len(current)} current encode, "
          f"{len(current_reject)} current reject vectors -> {OUT}")


if __name__ == "__main__":
    main()
