"""App opens reported by the mini-program: the raw material of conversion and return-visit figures."""
