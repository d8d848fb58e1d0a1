"""Read models: plain dataclasses per view, never ORM objects, so the UI stays free of SQL."""
