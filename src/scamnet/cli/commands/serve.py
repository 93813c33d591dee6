"""``scamnet serve``: the decision service over HTTP (FastAPI on uvicorn), on the embedded store."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, db_path

APP_FACTORY = "scamnet.api.app:app_from_environment"
#: uvicorn's httptools protocol, with POST /v1/events answered without the ASGI layers (docs/history/serve-speed.md).
HTTP_PROTOCOL = "scamnet.api.fast_http:EventsProtocol"
#: The environment variable ``app_from_environment`` reads (``scamnet.api.app.ENVIRONMENT_KEY``).
APP_SETTINGS = "SCAMNET_SERVE"


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        db: Path = DB,
        host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (0.0.0.0: every interface)"),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="port to listen on"),
        workers: int = typer.Option(1, "--workers", min=1, help="worker processes; more than one needs "
                                    "state_url (Redis), or each keeps its own live state"),
        config: Path = CONFIG,
        kafka: str | None = typer.Option(None, "--kafka", help="Kafka brokers (host:port,...): consume events from "
                                         "--topics instead of serving HTTP (docs/kafka.md)"),
        topics: str = typer.Option("calls,messages,transfers", "--topics", help="topics to consume, comma-separated"),
        kafka_group: str = typer.Option("scamnet", "--kafka-group", help="the consumer group"),
        decisions_topic: str = typer.Option("scamnet.decisions", "--decisions-topic", help="topic the decisions go to"),
        dead_letter_topic: str = typer.Option("scamnet.dead-letters", "--dead-letter-topic",
                                              help="topic of the messages that could not be decided, with the reason"),
        kafka_batch: int = typer.Option(2000, "--kafka-batch", min=1, help="messages decided per poll"),
        kafka_option: list[str] = typer.Option([], "--kafka-option", help="a librdkafka setting KEY=VALUE for the "
                                               "consumer and producer (security, timeouts); repeatable"),
    ) -> None:
        """Decide on live events: POST /v1/events answers allow, warn, hold or block with reasons (docs/serve.md)."""
        import json
        import os

        import uvicorn  # loaded only when the service starts: help stays light

        from scamnet.core.settings import load_settings

        settings, store = load_settings(config), db_path(db, config)
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        if kafka:
            from scamnet.service.decide import DecisionService
            from scamnet.service.kafka_intake import KafkaConfig, kafka_options, serve_kafka

            serve_kafka(DecisionService(settings, store), KafkaConfig(
                kafka, tuple(t.strip() for t in topics.split(",") if t.strip()), kafka_group, decisions_topic,
                dead_letter_topic, kafka_batch, client=kafka_options(kafka_option)))
            return
        if workers > 1 and not settings.state_url:
            logging.getLogger("scamnet.serve").warning(
                "%d workers without state_url: each keeps its own live state, so windows see only its share of "
                "the events; set state_url = \"redis://...\" to share one", workers)
        # the CLI and the API are sibling edges: uvicorn imports the app by name, in each worker process
        os.environ[APP_SETTINGS] = json.dumps({"settings": settings.as_dict(), "db": str(store)})
        uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=workers, log_level="info",
                    http=HTTP_PROTOCOL)
