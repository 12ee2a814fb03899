"""Stand-in for the backend's redis_client: the interop check points it at a test server."""
import os

_client = None


async def get_redis_async():
    global _client
    if _client is None:
        import redis.asyncio as redis_asyncio

        _client = redis_asyncio.from_url(os.environ["REDIS_URL"], decode_responses=True)
    return _client
