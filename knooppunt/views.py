"""Pages of the app (thin: parse, call one selector or service, render)."""
