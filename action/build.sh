#!/usr/bin/env bash
# Builds connect-lint from the action's own checkout (the version pinned by the action's ref).
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?}"
command -v pnpm >/dev/null 2>&1 || npm i -g pnpm@10 >/dev/null
pnpm install --frozen-lockfile --prod=false >/dev/null
pnpm run build >/dev/null
