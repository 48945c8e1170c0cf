"""Partner webhooks (the insurer, scenario partners): signed requests, scopes, and replay-safe event ids."""
