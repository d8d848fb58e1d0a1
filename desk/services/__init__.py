"""Use cases over a database session: take an actor, check permissions, audit, publish changes."""
