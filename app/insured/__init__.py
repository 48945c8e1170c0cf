"""The people we insure: identity numbers validated, names and numbers encrypted and shown masked."""
