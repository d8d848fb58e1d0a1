"""The `desk` command: `desk init|demo|info|migrate|bench …` run headless, anything else opens the desk.

One name for both, so the commands in the README and in the first-run page work as written once the
wheel is installed."""
from __future__ import annotations

import sys

HEADLESS = ("init", "demo", "info", "migrate", "bench")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in HEADLESS:
        from desk.cli import main as cli_main

        return cli_main(args)
    from desk.ui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
