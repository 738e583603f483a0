import { defineRule, hasOwn, isObject, pointerOf } from "@connect-lint/core";
import type { Action, Fixer } from "@connect-lint/core";
import { describeBlock } from "./utils/describe.js";

/** Islands per flow whose removal is offered (see below). */
const MAX_SUGGESTED = 20;

export const noUnreachableBlock = defineRule({
  name: "no-unreachable-block",
  meta: {
    type: "problem",
    description: "Disallow blocks that no path from the start of the flow reaches.",
    // A warning: the service imports and publishes flows with unreachable blocks, which never run
    // (see the doc page, "Severity").
    recommended: "warn",
    legacy: true,
    hasSuggestions: true,
    messages: {
      unreachable: "{{block}} is unreachable: no path from the start of the flow leads to it.",
      unreachableIsland:
        "{{block}} is unreachable, and so {{rest}} only reached through it: no path from the start of the flow leads to this group.",
      unreachableInIsland: "{{block}} is unreachable: it is only reached from {{entry}}, which is itself unreachable.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(context) {
    const { flow, graph } = context;
    // With no resolvable entry every block would be reported; no-dangling-connector reports the cause.
    if (!graph.entry) return;
    const reachable = graph.reachableFrom();
    const unreachable = flow.actions.filter((a) => !reachable.has(a) && a.id !== undefined && flow.actionsById.get(a.id) === a);
    if (unreachable.length === 0) return;
    const isUnreachable = new Set(unreachable);
    // Entries of islands: unreachable blocks that no other unreachable block leads to. Blocks on a
    // cycle with no such entry are taken in file order.
    const covered = new Set<Action>();
    const islands: { entry: Action; members: Action[] }[] = [];
    const entries = unreachable.filter((a) => !graph.predecessors(a).some((p) => p !== a && isUnreachable.has(p)));
    // Walk from the entry through unreachable blocks not yet covered. Islands taken earlier are
    // closed under their successors, so stopping at covered blocks loses nothing and keeps the
    // whole rule linear in the size of the flow.
    const take = (entry: Action): void => {
      covered.add(entry);
      const members: Action[] = [];
      const stack = [entry];
      for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
        for (const next of graph.successors(current)) {
          if (covered.has(next) || !isUnreachable.has(next)) continue;
          covered.add(next);
          members.push(next);
          stack.push(next);
        }
      }
      islands.push({ entry, members });
    };
    for (const entry of entries) take(entry);
    for (const action of unreachable) if (!covered.has(action)) take(action);
    // An unreachable block may be work in progress: its removal is offered (ESLint suggestion,
    // `--fix --fix-unreachable`), never made by a plain --fix. The whole island goes with its entry,
    // each block with its designer metadata; a member alone is not offered (its entry would dangle).
    const actionMetadata = flow.metadata && isObject(flow.metadata.ActionMetadata) && hasOwn(flow.metadata, "ActionMetadata") ? flow.metadata.ActionMetadata : undefined;
    const removal = (blocks: readonly Action[]) => (fixer: Fixer) =>
      fixer.remove(
        blocks.flatMap((a) => [a.pointer, ...(a.id !== undefined && actionMetadata && hasOwn(actionMetadata, a.id) ? [pointerOf("Metadata", "ActionMetadata", a.id)] : [])]),
      );
    // Each removal is one edit from the block to its metadata entry (text of the size of the file):
    // offered for the first islands only, so a flow with thousands of them stays linear. --fix
    // --fix-unreachable works in passes, and the next pass offers the next islands.
    let offered = 0;
    for (const { entry, members } of islands) {
      const block = describeBlock(entry);
      const what = members.length === 0 ? `Remove ${block}` : `Remove ${block} and the ${members.length === 1 ? "block" : `${String(members.length)} blocks`} only reached through it`;
      const suggest = offered++ < MAX_SUGGESTED ? [{ desc: `${what}, with ${members.length === 0 ? "its" : "their"} designer metadata.`, fix: removal([entry, ...members]) }] : [];
      if (members.length === 0) context.report({ messageId: "unreachable", at: { action: entry }, data: { block }, suggest });
      else {
        const rest = members.length === 1 ? "is the block" : `are the ${String(members.length)} blocks`;
        context.report({ messageId: "unreachableIsland", at: { action: entry }, data: { block, rest }, suggest });
      }
      for (const member of members) {
        context.report({ messageId: "unreachableInIsland", at: { action: member }, data: { block: describeBlock(member), entry: block } });
      }
    }
  },
});
