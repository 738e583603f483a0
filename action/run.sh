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
# diff takes only the configuration options of the extra arguments.
extra_diff=()
for ((i = 0; i < ${#extra[@]}; i++)); do
  case "${extra[$i]}" in
    -c | --config) extra_diff+=("${extra[$i]}" "${extra[$((i + 1))]:-}"); i=$((i + 1)) ;;
    --no-config-lookup) extra_diff+=("${extra[$i]}") ;;
  esac
done
node "$cli" "${args[@]}" "${extra[@]}" "${paths[@]}"
code=$?
if [ -f "$summary" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$summary" >> "$GITHUB_STEP_SUMMARY"
fi
# The semantic diff of the pull request's flows, for review; it never changes the step's result (the
# lint above does).
if [ "${INPUT_DIFF_SUMMARY:-false}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ -z "${INPUT_DIFF_BASE:-}" ]; then
    echo "::warning title=connect-lint::diff-summary needs a base revision: run on pull_request events or set diff-base."
  else
    diff_out="${RUNNER_TEMP:-/tmp}/connect-lint-diff.md"
    if node "$cli" diff --base "$INPUT_DIFF_BASE" --format markdown --output-file "$diff_out" "${extra_diff[@]}" "${paths[@]}"; [ -f "$diff_out" ]; then
      cat "$diff_out" >> "$GITHUB_STEP_SUMMARY"
    else
      echo "::warning title=connect-lint::connect-lint diff could not compare with $INPUT_DIFF_BASE (is it in the checkout? use actions/checkout with fetch-depth: 0)."
    fi
  fi
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
