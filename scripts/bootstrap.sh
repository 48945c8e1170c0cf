# Sourced by scripts/run and scripts/test: a .venv with the pinned requirements.
# Reinstalls only when a requirements file changed since the last install.

find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Redcover needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

bootstrap_venv() {
  local requirements="$1"
  if [ ! -x .venv/bin/python ]; then
    local python; python=$(find_python) || exit 1
    echo "Creating .venv with $python" >&2
    "$python" -m venv .venv
  fi
  local stamp=.venv/.installed-$(basename "$requirements")
  local want; want=$(cat requirements*.txt | sha256sum | cut -c1-16)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing $requirements into .venv" >&2
    .venv/bin/python -m pip install --disable-pip-version-check -q --upgrade pip >&2
    .venv/bin/python -m pip install --disable-pip-version-check -q -r "$requirements" >&2
    echo "$want" > "$stamp"
  fi
}
