"""Qt widgets and models, one module per view. No SQL, no rules: they call services and show results."""
