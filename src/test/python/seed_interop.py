"""Runs the seed's own push/drain against a real Redis, for SeedInteropTest.

    REDIS_URL=redis://127.0.0.1:PORT python3 seed_interop.py push SESSION < messages.json
    REDIS_URL=redis://127.0.0.1:PORT python3 seed_interop.py drain SESSION

push reads a JSON list of {content, file_ids, context} and pushes each with push_pending_message;
drain prints what drain_pending_messages returned: each message's fields and its model view.
Needs pydantic 2 and redis-py (Debian: apt-get install python3-redis).
"""

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from backend.copilot.pending_messages import (  # noqa: E402
    PendingMessage,
    PendingMessageContext,
    drain_pending_messages,
    format_pending_as_user_message,
    push_pending_message,
)


async def main(mode: str, session: str) -> None:
    if mode == "push":
        lengths = []
        for m in json.loads(sys.stdin.buffer.read().decode("utf-8")):
            ctx = PendingMessageContext(**m["context"]) if m.get("context") is not None else None
            msg = PendingMessage(content=m["content"], file_ids=m.get("file_ids", []), context=ctx)
            lengths.append(await push_pending_message(session, msg))
        print(json.dumps(lengths))
    else:
        drained = await drain_pending_messages(session)
        out = [{"message": m.model_dump(), "model_view": format_pending_as_user_message(m)["content"]}
               for m in drained]
        sys.stdout.buffer.write(json.dumps(out, ensure_ascii=True).encode("ascii"))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
