"""Orders: what a user pays for, from creation to fulfilment (or closing)."""
