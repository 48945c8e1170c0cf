"""Insurance red envelopes: gift cover split into shares, grabbed once per person, activated into policies."""
