"""Help for the people we insure: the FAQ, how to complain, the insurers' hotlines, and the privacy policy."""
