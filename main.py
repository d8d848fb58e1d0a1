"""Start the command desk: python main.py [--wall] [--screenshot FILE] … (see --help)."""
from desk.ui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
