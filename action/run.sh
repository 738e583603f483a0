#!/usr/bin/env bash
# Runs connect-lint for the GitHub Action: annotations on standard output (GitHub reads workflow
# commands from it), a Markdown summary appended to $GITHUB_STEP_SUMMARY, SARIF when asked. Writes
# the exit code to $GITHUB_OUTPUT instead of failing, so the summary and SARIF upload still happen.
set -uo pipefail
cli="${GITHUB_ACTION_PATH:?}/packages/cli/bin/connect-lint.js"
summary="${RUNNER_TEMP:-/tmp}/connect-lint-summary.md"
args=(--format github --format markdown --output-file "markdown=$summary" --fail-on "${INPUT_FAIL_ON:-error}")
if [ -n "${INPUT_SARIF_FILE:-}" ]; then
  args+=(--format sarif --output-file "sarif=$INPUT_SARIF_FILE")
fi
# Word splitting of the two free-form inputs is intended: they hold several paths / options. Globs
# are left to connect-lint (set -f), which expands them the same way on every runner.
set -f
# shellcheck disable=SC2206
extra=(${INPUT_ARGS:-})
# shellcheck disable=SC2206
paths=(${INPUT_PATHS:-.})
node "$cli" "${args[@]}" "${extra[@]}" "${paths[@]}"
code=$?
if [ -f "$summary" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$summary" >> "$GITHUB_STEP_SUMMARY"
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
