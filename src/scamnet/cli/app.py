"""The ``scamnet`` command.

Each command lives in its own module under ``scamnet.cli.commands`` and defines
``register(app)``; they are discovered here, so adding a command is one new file.
Errors become one line on stderr and an exit code; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback

import click
import typer
from rich.console import Console

try:  # typer 0.2x carries its own copy of click, whose usage errors are not click's
    from typer._click.exceptions import ClickException as TyperClickException
except ImportError:  # older typer uses click itself
    TyperClickException = click.ClickException

import scamnet.cli.commands as commands
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
err = Console(stderr=True, highlight=False, soft_wrap=True)


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


def _report(exc: BaseException, code: int) -> int:
    if _state["debug"]:
        err.print(traceback.format_exc(), markup=False)
    message = exc.message if isinstance(exc, ScamnetError) else f"{type(exc).__name__}: {exc}"
    hint = getattr(exc, "hint", "")
    err.print(f"error: {message}" + (f"\nhint: {hint}" if hint else ""), markup=False)
    if not _state["debug"]:
        err.print("(run with --debug for the traceback)", style="dim", markup=False)
    return code
