/**
 * The help text, in a module that imports nothing, so that `connect-lint --help` (and `--version`,
 * see bin/connect-lint.js) answer without loading the linter.
 */

/** The `--format` names, as `reporters` in @connect-lint/reporters has them (a test keeps the two equal). */
export const FORMAT_NAMES: readonly string[] = ["stylish", "compact", "json", "sarif", "junit", "checkstyle", "github", "gitlab", "markdown", "html"];

export const HELP = `Usage: connect-lint [options] [file|dir|glob ...]
       connect-lint diff OLD NEW | diff --base REV [PATH ...]
       connect-lint pull --instance-id ID --region REGION --out DIR

Lints Amazon Connect flows exported as JSON (the Flow language). With no paths, lints
the current folder. Folders are searched for *.json (node_modules and .git are skipped,
JSON files that are not flows are skipped quietly); files named explicitly are read
whatever their extension.

Input:
  -                         Read one flow from standard input (same as --stdin)
  --stdin                   Read one flow from standard input
  --stdin-filename PATH     File name to report for standard input
  --flow-type TYPE          Treat every flow as this type, e.g. CUSTOMER_QUEUE
                            (API name, export name such as customerQueue, or console name)
  --skip-non-flows          Skip named files that are not flows or that "ignores" excludes,
                            quietly, as a folder search does (for pre-commit, lint-staged)
  --no-error-on-unmatched-pattern
                            A folder or glob with no flows is not an error (default: exit 2)

Configuration:
  -c, --config FILE         Use this configuration file
  --no-config-lookup        Use no configuration file (the recommended preset)
  --rule 'NAME: SEVERITY'   Set a rule, e.g. --rule 'no-unreachable-block: warn' or
                            --rule 'flow-naming-convention: [error, {pattern: "^[A-Z]"}]'
  --strict-references       Report flow references that resolve to nothing even without an
                            inventory (valid-flow-reference)
  --print-config FILE       Print the configuration that applies to FILE, and exit
  --list-rules              List the rules with their severity and documentation, and exit
  --init                    Write a starter .connect-lintrc.json (never overwrites), and exit

Suppressions:
  --suppressions-location FILE
                            The suppressions file (default: connect-lint-suppressions.json
                            beside the configuration file, or the "suppressions" setting)
  --suppress-all            Record every current finding in the suppressions file
  --suppress-rule NAME      Record every current finding of rule NAME (repeatable)
  --suppression-reason TEXT Reason written on recorded entries (default "baseline")
  --prune-suppressions      Remove entries that match no finding in the linted files
  --strict-suppressions     Entries that match nothing are errors, not warnings

Fixing:
  --fix                     Fix what can be fixed safely, in place (see "Fixing" in the README);
                            the findings left are reported as usual
  --fix-dry-run             Print the fixes as a unified diff on standard output; write nothing
  --fix-unreachable         With --fix or --fix-dry-run, also remove unreachable blocks with
                            their designer metadata (a plain --fix leaves them alone)

Output:
  -f, --format NAME         Output format (repeatable): ${FORMAT_NAMES.join(", ")}
                            (default stylish)
  -o, --output-file [NAME=]PATH
                            Write a format's report to a file (repeatable), e.g.
                            --format stylish --format sarif -o sarif=results.sarif;
                            a format without a file goes to standard output; never
                            a linted file, the configuration, suppressions or cache
  --quiet                   Report errors only, not warnings
  --max-warnings N          Exit 1 when there are more than N warnings (-1: no limit)
  --fail-on LEVEL           Exit 1 on: error (default), warn (any finding), never
  --color, --no-color       Force colour on or off (default: on for a terminal,
                            off when NO_COLOR is set)
  --print-graph             Print the control-flow graph of one flow as Graphviz DOT

Cache:
  --cache                   Reuse results for files that did not change since the last run
  --cache-location PATH     The cache file (default .connect-lint-cache); a folder (or a
                            path ending in /) means .connect-lint-cache inside it

Performance:
  --concurrency N|auto      Lint with N threads: this one and N - 1 workers (default 1),
                            at most one per CPU;
                            auto uses one per CPU (at most 4) when there are 200 files
                            or more. The output is the same whatever the number

Commands:
  connect-lint diff OLD NEW What a change to a flow means: blocks, connectors, findings
  connect-lint diff --base REV [PATH ...]
                            The same for every flow changed in git since REV
                            (see connect-lint diff --help)
  connect-lint pull --instance-id ID --region REGION --out DIR
                            Copy the flows of an Amazon Connect instance into DIR
                            (read-only; see connect-lint pull --help)

Other:
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes:
  0  no errors, and warnings within --max-warnings
  1  lint errors, or more warnings than --max-warnings
  2  usage error, configuration error, unreadable path, nothing to lint, or internal failure
`;
