import { actionsWithEffect, defineRule, hasEffect, isObject, maySetProblem, mustSetProblem, pointerOf, pointerToPath, sameNames, solveForward, unionNames } from "@connect-lint/core";
import type { Action, ActionEffect, ExamplePaths, FlowEdge, FlowGraph, ForwardProblem, NameSet, RuleContext } from "@connect-lint/core";
import { describeBlock, describeConnector } from "./utils/describe.js";
import { findReferences, parseReference } from "./utils/references.js";
import type { FlowDataReference } from "./utils/references.js";

export interface NoUseBeforeSetOptions {
  /**
   * Contact attributes that something outside this flow sets (an earlier flow, the chat widget, the
   * API that started the contact, a Lambda function calling UpdateContactAttributes): names, where
   * `*` stands for any run of characters (`vmx3_*`).
   */
  readonly knownAttributes: readonly string[];
}

/** The shared setting with the same meaning as the option; both lists apply. */
export const KNOWN_ATTRIBUTES_SETTING = "knownAttributes";

// ---------------------------------------------------------------------------------------------
// What sets flow data: the catalog's effects (sets-contact-attributes, returns-external-data, ...);
// no action type is named here. The parameters read (Attributes, TargetContact, InvocationType,
// StoreInput, ComparisonValue) are those of the blocks with the effect.
// ---------------------------------------------------------------------------------------------

/** The designer name of the (first) block with `effect`, for messages. */
function blockWith(effect: ActionEffect): string {
  return actionsWithEffect(effect)[0]?.block ?? effect;
}

/**
 * Namespaces filled by one kind of block and read as a whole. Their data is contact-wide: an earlier
 * flow's Lambda function, Lex bot or stored input is still there after Transfer to flow (AWS's
 * rules-engine sample flows read nothing else), so a path that never meets the producing block is
 * not an error. What is one: a read reached through the producer's failure with no success since.
 */
type WholeNamespace = "External" | "Lex" | "StoredCustomerInput";

const EXTERNAL: WholeNamespace = "External";
const LEX_DATA: WholeNamespace = "Lex";
const STORED: WholeNamespace = "StoredCustomerInput";
const WHOLE: readonly WholeNamespace[] = [EXTERNAL, LEX_DATA, STORED];

/** Fact names for attributes by name (`A` contact, `F` flow). */
const contactFact = (name: string): string => `A:${name}`;
const flowFact = (name: string): string => `F:${name}`;
/** A flow module ran: it may have set any contact attribute. */
const ANY_CONTACT_ATTRIBUTE = "A*";

function isTrue(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "true";
}

function objectKeys(value: unknown): string[] {
  return isObject(value) ? Object.keys(value) : [];
}

/** The fact a reference reads, or undefined for data this rule does not track. */
function factOf(ref: FlowDataReference): string | undefined {
  switch (ref.namespace) {
    case EXTERNAL:
    case LEX_DATA:
    case STORED:
      return ref.namespace;
    case "Attributes":
      return ref.segments.length > 1 ? contactFact(ref.segments[1] as string) : undefined;
    case "FlowAttributes":
      return ref.segments.length > 1 ? flowFact(ref.segments[1] as string) : undefined;
    default:
      return undefined;
  }
}

/** Contact attributes a Set contact attributes block sets on the current contact (none for a related contact). */
function contactAttributesSet(action: Action): string[] {
  if (!hasEffect(action.type, "sets-contact-attributes")) return [];
  const target = action.parameters.TargetContact;
  if (typeof target === "string" && target.toLowerCase() === "related") return [];
  return objectKeys(action.parameters.Attributes);
}

/** checkedFact's answers, per block (`null` for none): the analyses ask on every edge of every pass. */
const checkedFacts = new WeakMap<Action, string | null>();

/** The fact a Check contact attributes block tests, when its value is one tracked reference. */
function checkedFact(action: Action): string | undefined {
  let fact = checkedFacts.get(action);
  if (fact === undefined) {
    fact = null;
    if (hasEffect(action.type, "checks-value")) {
      const value = action.parameters.ComparisonValue;
      const ref = typeof value === "string" ? parseReference(value) : undefined;
      fact = (ref ? factOf(ref) : undefined) ?? null;
    }
    checkedFacts.set(action, fact);
  }
  return fact ?? undefined;
}

/** The contact attribute fact a Check contact attributes block tests, on every branch (see `checked` below). */
function checkedAttribute(action: Action): string[] {
  const fact = checkedFact(action);
  return fact?.startsWith("A:") === true ? [fact] : [];
}

/**
 * What leaving `action` along `edge` does to a whole namespace: fills it (`set`), or is the
 * producer's failure (`failed`). A Lambda function fills $.External on its Success connector; its
 * error connector is a failure (an asynchronous call's Success connector is neither: the result is
 * loaded later). A Lex block fills $.Lex whenever the bot returned (its intent conditions and No
 * match) and fails on its error and timeout connectors. A Store customer input block fills
 * $.StoredCustomerInput on Success and fails on its error connectors. A Check contact attributes
 * block whose condition matched proves the value it checked exists.
 */
function outcome(action: Action, edge: FlowEdge, ns: WholeNamespace): "set" | "failed" | undefined {
  const t = edge.transition;
  if (!t) return undefined;
  if (checkedFact(action) === ns) return t.kind === "condition" ? "set" : undefined;
  switch (ns) {
    case EXTERNAL:
      if (!hasEffect(action.type, "returns-external-data")) return undefined;
      if (t.kind === "error") return "failed";
      return t.kind === "next" && action.parameters.InvocationType !== "ASYNCHRONOUS" ? "set" : undefined;
    case LEX_DATA:
      if (!hasEffect(action.type, "returns-lex-data")) return undefined;
      if (t.kind === "error" && t.errorType !== "NoMatchingCondition") return "failed";
      return "set";
    case STORED:
      if (!hasEffect(action.type, "stores-customer-input") || !isTrue(action.parameters.StoreInput)) return undefined;
      return t.kind === "next" ? "set" : t.kind === "error" ? "failed" : undefined;
  }
  return undefined;
}

/** The producer of each whole namespace, and the message for a read after its failure. */
const PRODUCERS: ReadonlyMap<WholeNamespace, { readonly messageId: NoUseBeforeSetMessageId; readonly what: string }> = new Map([
  [EXTERNAL, { messageId: "externalAfterFailure", what: `${blockWith("returns-external-data")} block returning successfully` }],
  [LEX_DATA, { messageId: "lexAfterFailure", what: `${blockWith("returns-lex-data")} block returning a result` }],
  [STORED, { messageId: "storedInputAfterFailure", what: "Store customer input block (Get customer input with Store input) storing digits" }],
]);

/** A path state of a whole namespace, as a fact name: `External:none`, `External:failed`, `External:set`. */
type PathState = "none" | "failed" | "set";
/** The fact names of the path states, made once (the analysis asks for them on every edge). */
const STATE_NAMES: ReadonlyMap<WholeNamespace, Readonly<Record<PathState, string>>> = new Map(
  WHOLE.map((ns) => [ns, { none: `${ns}:none`, failed: `${ns}:failed`, set: `${ns}:set` }]),
);
const state = (ns: WholeNamespace, s: PathState): string => (STATE_NAMES.get(ns) as Readonly<Record<PathState, string>>)[s];

/**
 * The states the paths into each block can be in, per whole namespace (a may-analysis over three
 * states): `none`, nothing in this flow has produced the data yet; `failed`, the producer failed and
 * nothing has produced it since; `set`, produced. A failure after a success leaves `set`: the data
 * of the earlier success is still there.
 */
const pathStateProblem: ForwardProblem<NameSet> = {
  entry: new Set(WHOLE.map((ns) => state(ns, "none"))),
  join: unionNames,
  equals: sameNames,
  transfer(action, input, edge) {
    let out: Set<string> | undefined;
    for (const ns of WHOLE) {
      const o = outcome(action, edge, ns);
      if (o === undefined) continue;
      out ??= new Set(input);
      if (o === "set") {
        out.delete(state(ns, "none"));
        out.delete(state(ns, "failed"));
        out.add(state(ns, "set"));
      } else if (out.delete(state(ns, "none"))) {
        out.add(state(ns, "failed"));
      }
    }
    return out ?? input;
  },
};

/**
 * What leaving `action` along `edge` sets among attributes, by name. Set contact attributes blocks
 * count on every connector: their Error branch is the rare failure of the block itself, and the rule
 * does not second-guess it. A flow module may set any contact attribute.
 */
const NO_FACTS: readonly string[] = [];

function attributesGen(action: Action, edge: FlowEdge): readonly string[] {
  if (hasEffect(action.type, "sets-contact-attributes")) return contactAttributesSet(action).map(contactFact);
  if (hasEffect(action.type, "sets-flow-attributes")) return objectKeys(action.parameters.FlowAttributes).map(flowFact);
  if (hasEffect(action.type, "runs-module")) return [ANY_CONTACT_ATTRIBUTE];
  const fact = checkedFact(action);
  return fact !== undefined && edge.transition?.kind === "condition" && (fact.startsWith("A:") || fact.startsWith("F:")) ? [fact] : NO_FACTS;
}

// ---------------------------------------------------------------------------------------------
// Reads.
// ---------------------------------------------------------------------------------------------

interface Read {
  readonly ref: FlowDataReference;
  readonly fact: string;
  readonly pointer: string;
  /** Point at the member's key (a dynamic attribute name) rather than its value. */
  readonly key: boolean;
  /** Where in the block, for messages: `Text`, `LambdaInvocationAttributes.accountId`. */
  readonly where: string;
}

const MAX_DEPTH = 32;

/**
 * Every tracked read in a block (string values and keys of `Parameters`, and condition operands),
 * found one block at a time by one collector per check: no closure or path array per block (a large
 * flow has a hundred thousand). Pointers and readable paths are built only for strings that hold a
 * reference, and most do not.
 */
class ReadCollector {
  #out: Read[] = [];
  #base = "";
  readonly #path: (string | number)[] = [];

  of(action: Action): readonly Read[] {
    this.#out = [];
    this.#base = `${action.pointer}/Parameters`;
    this.#visit(action.parameters, 0);
    for (const t of action.transitions) {
      if (t.kind !== "condition" || !Array.isArray(t.condition?.operands)) continue;
      const operands = t.condition.operands as unknown[];
      for (let i = 0; i < operands.length; i++) {
        const operand = operands[i];
        if (typeof operand === "string") this.#scan(operand, false, () => ({ pointer: `${t.entryPointer}/Condition/Operands/${String(i)}`, where: `condition ${String((t.index ?? 0) + 1)}` }));
      }
    }
    return this.#out;
  }

  #visit(value: unknown, depth: number): void {
    const path = this.#path;
    if (typeof value === "string") {
      this.#scan(value, false, undefined);
    } else if (depth >= MAX_DEPTH) {
      return;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        this.#visit((value as unknown[])[i], depth + 1);
        path.pop();
      }
    } else if (isObject(value)) {
      for (const k in value) {
        path.push(k);
        this.#scan(k, true, undefined);
        this.#visit(value[k], depth + 1);
        path.pop();
      }
    }
  }

  /** Records the reads in `text`: a value (`key` false) or a key at the current path, or at `locate()`. */
  #scan(text: string, key: boolean, locate: (() => { pointer: string; where: string }) | undefined): void {
    if (!text.includes("$")) return;
    let loc: { pointer: string; where: string } | undefined;
    for (const ref of findReferences(text)) {
      const fact = factOf(ref);
      if (fact === undefined) continue;
      loc ??= locate ? locate() : this.#here(key);
      this.#out.push({ ref, fact, pointer: loc.pointer, key, where: loc.where });
    }
  }

  #here(key: boolean): { pointer: string; where: string } {
    const at = pointerOf(...this.#path);
    return { pointer: this.#base + at, where: key ? `the name ${pointerToPath(at)}` : pointerToPath(at) };
  }
}


// ---------------------------------------------------------------------------------------------
// Options.
// ---------------------------------------------------------------------------------------------

const knownCache = new WeakMap<object, readonly RegExp[]>();

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "u");
}

function compileKnown(list: readonly unknown[]): RegExp[] {
  return list.filter((x): x is string => typeof x === "string" && x !== "").map(globToRegExp);
}

/** The known-attribute patterns of the options and of the shared setting, compiled once per object. */
function knownAttributes(context: RuleContext<NoUseBeforeSetOptions>): readonly RegExp[] {
  const fromOptions = knownCache.get(context.options) ?? compileKnown(context.options.knownAttributes);
  knownCache.set(context.options, fromOptions);
  const setting: unknown = Object.prototype.hasOwnProperty.call(context.settings, KNOWN_ATTRIBUTES_SETTING)
    ? context.settings[KNOWN_ATTRIBUTES_SETTING]
    : undefined;
  if (!Array.isArray(setting)) return fromOptions;
  let fromSettings = knownCache.get(setting);
  if (!fromSettings) {
    fromSettings = compileKnown(setting as unknown[]);
    knownCache.set(setting, fromSettings);
  }
  return [...fromOptions, ...fromSettings];
}

// ---------------------------------------------------------------------------------------------
// The rule.
// ---------------------------------------------------------------------------------------------

/** The ids of the rule's messages (`meta.messages`). */
export type NoUseBeforeSetMessageId = "externalAfterFailure" | "lexAfterFailure" | "storedInputAfterFailure" | "notSetInModule" | "flowAttributeNotSet" | "attributeSetLater";

export const noUseBeforeSet = defineRule<NoUseBeforeSetOptions, NoUseBeforeSetMessageId>({
  name: "no-use-before-set",
  meta: {
    type: "problem",
    description: "Disallow reading flow data ($.External, $.Lex, $.StoredCustomerInput, attributes) on a path where nothing has set it.",
    recommended: "error",
    messages: {
      externalAfterFailure:
        "{{block}} reads {{reference}} in {{where}}, but the {{connector}} of {{producer}} leads here with no successful Lambda call before it on that path: $.External then holds nothing this flow fetched. Lead that connector to error handling, or call the function again first.",
      lexAfterFailure:
        "{{block}} reads {{reference}} in {{where}}, but the {{connector}} of {{producer}} leads here with no bot result before it on that path: $.Lex then holds nothing from this conversation. Lead that connector elsewhere, or ask the bot again first.",
      storedInputAfterFailure:
        "{{block}} reads {{reference}} in {{where}}, but the {{connector}} of {{producer}} leads here with no input stored before it on that path: $.StoredCustomerInput then holds nothing the customer entered here. Lead that connector elsewhere, or ask for the input again first.",
      notSetInModule:
        "{{block}} reads {{reference}} in {{where}}, but {{paths}} {{producer}} before it: a flow module does not see its caller's {{namespace}}, so the read finds nothing there.",
      flowAttributeNotSet:
        "{{block}} reads {{reference}} in {{where}}, but {{paths}} Set contact attributes block setting this flow attribute before it: flow attributes exist only in the flow that sets them, so the read finds nothing there.",
      attributeSetLater:
        "{{block}} reads {{reference}} in {{where}} before any block sets it: no path from the start sets this contact attribute, and {{setter}} sets it only afterwards. Move the setting before this read, or, when an earlier flow or the contact's initiation provides the value, list the attribute in knownAttributes.",
    },
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        knownAttributes: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
      },
    },
    defaultOptions: { knownAttributes: [] },
  },
  check(context) {
    const { flow, graph } = context;
    if (!graph.entry) return;
    const reads = new Map<Action, readonly Read[]>();
    const collector = new ReadCollector();
    for (const action of flow.actions) {
      const found = collector.of(action);
      if (found.length > 0) reads.set(action, found);
    }
    if (reads.size === 0) return;

    // Solved once per flow; every read below looks its facts up. Only the facts some block reads
    // are tracked, and an analysis nobody needs is skipped.
    const readFacts = new Set<string>();
    for (const list of reads.values()) for (const read of list) readFacts.add(read.fact);
    const anyWhole = WHOLE.some((ns) => readFacts.has(ns));
    const anyContact = [...readFacts].some((f) => f.startsWith("A:"));
    if (anyContact) readFacts.add(ANY_CONTACT_ATTRIBUTE);
    const anyAttribute = anyContact || [...readFacts].some((f) => f.startsWith("F:"));
    const wanted = (facts: readonly string[]): readonly string[] => (facts.length === 0 ? NO_FACTS : facts.filter((f) => readFacts.has(f)));
    const none: ReadonlyMap<Action, NameSet> = new Map();
    const states = anyWhole ? solveForward(graph, pathStateProblem).before : none;
    const may = anyAttribute ? solveForward(graph, maySetProblem({ gen: (a, e) => wanted(attributesGen(a, e)) })).before : none;
    const must = anyAttribute
      ? solveForward(graph, mustSetProblem({ gen: (a, e) => wanted(attributesGen(a, e)).filter((f) => f.startsWith("F:")) })).before
      : none;
    const reachable = graph.reachableFrom();
    const empty: NameSet = new Set();
    const failures = new FailurePaths(graph);
    let laterSetters: LaterSetters | undefined;
    let checked: ReadonlyMap<Action, NameSet> | undefined;
    let known: readonly RegExp[] | undefined;

    for (const [action, list] of reads) {
      // Unreachable blocks have no fact: no-unreachable-block reports them.
      if (!reachable.has(action)) continue;
      const statesHere = states.get(action) ?? empty;
      const mustHere = must.get(action) ?? empty;
      const mayHere = may.get(action) ?? empty;
      const block = describeBlock(action);
      // A check of a value that may be missing is how flows test for it: the No match branch is the
      // designer's answer. Only a check that can never see the value is reported.
      const isCheck = hasEffect(action.type, "checks-value");
      const reported = new Set<string>();
      for (const read of list) {
        if (reported.has(read.fact)) continue;
        const at = { pointer: read.pointer, key: read.key, action };
        const common = { block, reference: read.ref.text, where: read.where };
        const ns = read.ref.namespace;
        if (ns === EXTERNAL || ns === LEX_DATA || ns === STORED) {
          const producer = PRODUCERS.get(ns);
          if (!producer) continue;
          const failedHere = statesHere.has(state(ns, "failed"));
          // A flow module sees none of its caller's data: there, a path that never meets the
          // producer is as bad as one through its failure.
          const unsetHere = flow.kind === "module" && statesHere.has(state(ns, "none"));
          if (!failedHere && !unsetHere) continue;
          // A check is reported only when no path brings it the data.
          if (isCheck && (statesHere.has(state(ns, "set")) || (!unsetHere && statesHere.has(state(ns, "none"))))) continue;
          reported.add(read.fact);
          const failed = failedHere ? failures.lastFailure(ns, action) : undefined;
          if (failed?.from && failed.transition) {
            const data = { ...common, connector: describeConnector(failed.transition), producer: describeBlock(failed.from) };
            context.report({ messageId: producer.messageId, at, data });
          } else {
            const paths = statesHere.has(state(ns, "set")) ? "some paths to it in this module pass no" : "no path to it in this module passes a";
            context.report({ messageId: "notSetInModule", at, data: { ...common, paths, producer: producer.what, namespace: `$.${ns}` } });
          }
          continue;
        }
        if (mustHere.has(read.fact)) continue;
        const setOnSomePath = mayHere.has(read.fact);
        if (ns === "FlowAttributes") {
          if (isCheck && setOnSomePath) continue;
          reported.add(read.fact);
          const paths = setOnSomePath ? "some paths to it have no" : "no path to it has a";
          context.report({ messageId: "flowAttributeNotSet", at, severity: "warn", data: { ...common, paths } });
          continue;
        }
        // Contact attributes outlive the flow: an earlier flow, the contact's initiation or a
        // module's caller may have set them. Only the clear ordering mistake is reported: the flow
        // sets the attribute itself, but only after this read.
        if (flow.kind === "module" || isCheck || setOnSomePath || mayHere.has(ANY_CONTACT_ATTRIBUTE)) continue;
        const name = read.ref.segments[1] as string;
        // Reading the old value while setting a new one (`Journey` = `$.Attributes.Journey > menu`).
        if (contactAttributesSet(action).includes(name)) continue;
        known ??= knownAttributes(context);
        if (known.some((re) => re.test(name))) continue;
        laterSetters ??= new LaterSetters(graph);
        const setter = laterSetters.setterAfter(action, name);
        if (!setter) continue;
        // A read after a check of the same attribute (on any of the check's branches) is the flow
        // asking "is it there from an earlier pass?": attributes persist on the contact across passes
        // through the flow (a "use the same card again?" branch), so the later setter is no mistake.
        checked ??= solveForward(graph, maySetProblem({ gen: (a) => checkedAttribute(a) })).before;
        if (checked.get(action)?.has(read.fact) === true) continue;
        reported.add(read.fact);
        context.report({ messageId: "attributeSetLater", at, severity: "warn", data: { ...common, setter: describeBlock(setter) } });
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Explaining findings: computed lazily, once per flow and namespace, only when something is reported.
// ---------------------------------------------------------------------------------------------

/**
 * For a whole namespace, one shortest path from the start to every block it reaches in state `none`
 * or `failed` (FlowGraph.examplePaths over the two states), walked once per namespace and only when
 * something is reported: the failing connector closest to a read is the one to name.
 */
class FailurePaths {
  readonly #graph: FlowGraph;
  readonly #paths = new Map<WholeNamespace, ExamplePaths<PathState>>();

  constructor(graph: FlowGraph) {
    this.#graph = graph;
  }

  /** On one path that reaches `action` after the producer failed, the failing connector. */
  lastFailure(ns: WholeNamespace, action: Action): FlowEdge | undefined {
    let paths = this.#paths.get(ns);
    if (!paths) {
      paths = this.#graph.examplePaths<PathState>("none", (edge, s) => {
        const o = edge.from ? outcome(edge.from, edge, ns) : undefined;
        if (o === "set") return undefined;
        return o === "failed" ? "failed" : s;
      });
      this.#paths.set(ns, paths);
    }
    return paths.lastOnPath(action, "failed", (edge) => edge.from !== undefined && outcome(edge.from, edge, ns) === "failed");
  }
}

/**
 * For a contact attribute, the blocks from which a Set contact attributes block setting it can be
 * reached, each with the nearest such setter (one backward breadth-first walk per attribute).
 */
class LaterSetters {
  readonly #graph: FlowGraph;
  readonly #nearest = new Map<string, Map<Action, Action>>();

  constructor(graph: FlowGraph) {
    this.#graph = graph;
  }

  setterAfter(action: Action, name: string): Action | undefined {
    let nearest = this.#nearest.get(name);
    if (!nearest) {
      nearest = this.#walk(name);
      this.#nearest.set(name, nearest);
    }
    return nearest.get(action);
  }

  #walk(name: string): Map<Action, Action> {
    const reachable = this.#graph.reachableFrom();
    const nearest = new Map<Action, Action>();
    const queue: Action[] = [];
    for (const action of this.#graph.flow.actions) {
      if (reachable.has(action) && contactAttributesSet(action).includes(name)) queue.push(action);
    }
    // A setter itself is only "before a later setter" when it reaches one: seed from predecessors.
    const origin = new Map<Action, Action>(queue.map((s) => [s, s]));
    for (const to of queue) {
      const setter = origin.get(to) as Action;
      for (const from of this.#graph.predecessors(to)) {
        if (nearest.has(from)) continue;
        nearest.set(from, setter);
        if (!origin.has(from)) origin.set(from, setter);
        queue.push(from);
      }
    }
    return nearest;
  }
}
