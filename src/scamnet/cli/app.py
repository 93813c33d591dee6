"""The ``scamnet`` command.

Each command lives in its own module under ``scamnet.cli.commands`` and defines
``register(app)``; they are discovered here, so adding a command is one new file.
Errors become one line on stderr and an exit code (the table is in docs/cli.md); ``--debug``
shows the traceback. An error scamnet did not foresee is exit 70: one line on stderr naming the
log file that holds its traceback, never the traceback itself.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import click
import typer

try:  # typer 0.2x carries its own copy of click, whose usage errors are not click's
    from typer._click.exceptions import ClickException as TyperClickException
except ImportError:  # older typer uses click itself
    TyperClickException = click.ClickException

import scamnet.cli.commands as commands
from scamnet.cli.output import make_console
from scamnet.core.errors import ScamnetError

app = typer.Typer(
    name="scamnet",
    help="Find fraud gateways, scam messages and links, mule accounts; trace victims' money; link gangs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
_state = {"debug": False}
err = make_console(stderr=True, soft_wrap=True)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="show the full traceback on errors")) -> None:
    _state["debug"] = debug


def _register_commands() -> None:
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(app)


_register_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``scamnet`` console script."""
    _state["debug"] = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        app(args=argv, standalone_mode=False)
    except ScamnetError as exc:
        sys.exit(_report(exc, exc.exit_code))
    except (click.exceptions.Exit, typer.Exit) as exc:
        sys.exit(exc.exit_code)
    except (click.ClickException, TyperClickException) as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, typer.Abort):
        err.print("aborted")
        sys.exit(130)
    except (OSError, MemoryError) as exc:
        sys.exit(_report(exc, 1))
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback reaches a user
        sys.exit(_unexpected(exc))


#: Exit code of an error scamnet did not foresee (sysexits' EX_SOFTWARE).
UNEXPECTED = 70


def _unexpected(exc: BaseException) -> int:
    if _state["debug"]:
        err.print(traceback.format_exc(), markup=False)
    log = _write_log(traceback.format_exc())
    where = f"; the traceback is in {log}" if log else ""
    err.print(f"error: unexpected {type(exc).__name__}: {str(exc)[:300]}{where}", markup=False)
    return UNEXPECTED


def log_dir() -> Path:
    """Where tracebacks of unexpected errors go: ``$SCAMNET_LOG_DIR``, else a ``scamnet`` folder in the temp dir."""
    return Path(os.environ.get("SCAMNET_LOG_DIR") or Path(tempfile.gettempdir()) / "scamnet")


def _write_log(text: str) -> Path | None:
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"error-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.log"
        path.write_text(" ".join(sys.argv) + "\n" + text, encoding="utf-8")
        return path
    except OSError:
        return None


def _report(exc: BaseException, code: int) -> int:
    if _state["debug"]:
        err.print(traceback.format_exc(), markup=False)
    message = exc.message if isinstance(exc, ScamnetError) else f"{type(exc).__name__}: {exc}"
    if getattr(exc, "log_traceback", False):
        log = _write_log(traceback.format_exc())  # an unforeseen failure behind a clear message
        message += f" (the traceback is in {log})" if log else ""
    hint = getattr(exc, "hint", "")
    err.print(f"error: {message}" + (f"\nhint: {hint}" if hint else ""), markup=False)
    if not _state["debug"]:
        err.print("(run with --debug for the traceback)", style="dim", markup=False)
    return code
