#!/usr/bin/env sh
# The pre-commit hook (.pre-commit-hooks.yaml): runs the connect-lint the project pins in its
# node_modules on the staged files. Without it, says what to install and exits 2 (a usage error,
# not the exit code 1 of findings), instead of ending in an npm registry error.
bin="node_modules/.bin/connect-lint"
if [ ! -x "$bin" ]; then
  echo "connect-lint: not installed in this project ($bin is missing)." >&2
  echo "Install it with 'npm install --save-dev @connect-lint/cli' (or pnpm add -D / yarn add -D), then commit again." >&2
  exit 2
fi
exec "$bin" --skip-non-flows "$@"
