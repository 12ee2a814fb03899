"""Pending-message buffer for in-flight copilot turns.

Verbatim copy of the seed's ``backend/copilot/pending_messages.py`` (shared/seed/), re-indented
because the seed text lost its leading whitespace. Only the module docstring is shortened.
It is the reference the golden vectors and the interop check are derived from.
"""

import json
import logging
from typing import Any, cast

from pydantic import BaseModel, Field, ValidationError

from backend.data.redis_client import get_redis_async

logger = logging.getLogger(__name__)

MAX_PENDING_MESSAGES = 10

_PENDING_KEY_PREFIX = "copilot:pending:"
_PENDING_CHANNEL_PREFIX = "copilot:pending:notify:"
_PENDING_TTL_SECONDS = 3600  # 1 hour — matches stream_ttl default

_NOTIFY_PAYLOAD = "1"


class PendingMessageContext(BaseModel):
    """Structured page context attached to a pending message."""

    url: str | None = None
    content: str | None = None


class PendingMessage(BaseModel):
    """A user message queued for injection into an in-flight turn."""

    content: str = Field(min_length=1, max_length=16_000)
    file_ids: list[str] = Field(default_factory=list)
    context: PendingMessageContext | None = None


def _buffer_key(session_id: str) -> str:
    return f"{_PENDING_KEY_PREFIX}{session_id}"


def _notify_channel(session_id: str) -> str:
    return f"{_PENDING_CHANNEL_PREFIX}{session_id}"


_PUSH_LUA = """
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return redis.call('LLEN', KEYS[1])
"""


async def push_pending_message(
    session_id: str,
    message: PendingMessage,
) -> int:
    redis = await get_redis_async()
    key = _buffer_key(session_id)
    payload = message.model_dump_json()
    new_length = int(
        await cast(
            "Any",
            redis.eval(
                _PUSH_LUA,
                1,
                key,
                payload,
                str(MAX_PENDING_MESSAGES),
                str(_PENDING_TTL_SECONDS),
            ),
        )
    )
    try:
        await redis.publish(_notify_channel(session_id), _NOTIFY_PAYLOAD)
    except Exception as e:  # pragma: no cover
        logger.warning("pending_messages: publish failed for %s: %s", session_id, e)
    logger.info(
        "pending_messages: pushed message to session=%s (buffer_len=%d)",
        session_id,
        new_length,
    )
    return new_length


async def drain_pending_messages(session_id: str) -> list[PendingMessage]:
    redis = await get_redis_async()
    key = _buffer_key(session_id)
    lpop_result = await cast(
        "Any",
        redis.lpop(key, MAX_PENDING_MESSAGES),
    )
    if not lpop_result:
        return []
    raw_popped: list[Any] = list(lpop_result)
    decoded: list[str] = [
        item.decode("utf-8") if isinstance(item, bytes) else str(item)
        for item in raw_popped
    ]
    messages: list[PendingMessage] = []
    for payload in decoded:
        try:
            messages.append(PendingMessage(**json.loads(payload)))
        except (json.JSONDecodeError, ValidationError, TypeError, ValueError) as e:
            logger.warning(
                "pending_messages: dropping malformed entry for %s: %s",
                session_id,
                e,
            )
    if messages:
        logger.info(
            "pending_messages: drained %d messages for session=%s",
            len(messages),
            session_id,
        )
    return messages


async def peek_pending_count(session_id: str) -> int:
    redis = await get_redis_async()
    length = await cast("Any", redis.llen(_buffer_key(session_id)))
    return int(length)


async def clear_pending_messages(session_id: str) -> None:
    redis = await get_redis_async()
    await redis.delete(_buffer_key(session_id))


def format_pending_as_user_message(message: PendingMessage) -> dict[str, Any]:
    parts: list[str] = [message.content]
    if message.context:
        if message.context.url:
            parts.append(f"\n\n[Page URL: {message.context.url}]")
        if message.context.content:
            parts.append(f"\n\n[Page content]\n{message.context.content}")
    if message.file_ids:
        parts.append(
            "\n\n[Attached files]\n"
            + "\n".join(f"- file_id={fid}" for fid in message.file_ids)
            + "\nUse read_workspace_file with the file_id to access file contents."
        )
    return {"role": "user", "content": "".join(parts)}
