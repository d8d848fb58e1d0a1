"""Pure rules of the command room: no Qt, no SQL."""
