"""Raw client-server API calls for what matrix-nio has no method for (full state events,
Synapse's admin API, event reports), over nio's own HTTP session."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from nio import AsyncClient


def room_path(room_id: str, *rest: str) -> str:
    return "/_matrix/client/v3/rooms/" + "/".join(quote(p, safe="") for p in (room_id, *rest))


async def api(client: AsyncClient, method: str, path: str,
              body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON object) of one call; a non-object answer becomes ``{}``."""
    headers = {"Authorization": f"Bearer {client.access_token}",
               "Content-Type": "application/json"}
    response = await client.send(method, path, json.dumps(body) if body is not None else None,
                                 headers)
    try:
        data = await response.json(content_type=None)
    except ValueError:
        data = {}
    finally:
        response.release()
    return int(response.status), data if isinstance(data, dict) else {}
