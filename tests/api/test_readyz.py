"""``/readyz`` says why the service cannot decide: still loading, or its shared state lost."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

from scamnet.api.app import readyz
from scamnet.service.readiness import Readiness


def _ready(status: Readiness) -> tuple[int, dict]:
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(service=SimpleNamespace(status=status))))
    answer = asyncio.run(readyz(request))  # type: ignore[arg-type]
    if isinstance(answer, dict):
        return 200, answer
    return answer.status_code, json.loads(answer.body)


def test_a_service_whose_redis_lost_the_shared_state_is_not_ready_and_says_to_restart_the_instances() -> None:
    status, problem = _ready(Readiness(ready=False, state="redis", shared_state_lost=True))
    assert status == 503 and problem["title"] == "Shared state lost" and "restart the instances" in problem["detail"]
    status, problem = _ready(Readiness(ready=False))
    assert status == 503 and problem["title"] == "Not ready"
    assert _ready(Readiness(ready=True))[0] == 200
