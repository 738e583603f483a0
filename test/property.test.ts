/**
 * Property tests: whatever the input, linting never throws, gives the same result every time, and
 * every finding has a position inside the file. Inputs are arbitrary JSON and strings, the sample
 * flows with random edits, and generated flows of the real shape (action types, parameters and
 * errors from the catalog; transitions to existing, missing and the same block) with random
 * mutations: deleted keys, wrong types, huge strings, deep nesting, duplicate keys, `__proto__` and
 * `constructor` as keys and Identifiers. Every rule is on, the project rules included.
 *
 * The seed is random on every run; fast-check prints it with any counterexample, and
 * `fc.assert(..., { seed, path })` replays it. CONNECT_LINT_PROPERTY_SCALE=N runs N times as many cases.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  DEFAULT_LIMITS,
  FLOW_TYPES,
  FLOW_TYPE_NAMES,
  ProjectIndex,
  lintLoaded,
  lintProject,
  loadFlow,
  projectFlow,
  resolveRules,
} from "@connect-lint/core";
import type { FlowTypeName, LintMessage, LintResult } from "@connect-lint/core";
import { rules } from "@connect-lint/rules";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** `CONNECT_LINT_PROPERTY_SCALE=20` runs every property 20 times as often (for a long local search). */
const SCALE = Number(process.env.CONNECT_LINT_PROPERTY_SCALE ?? "1") || 1;
const runs = (n: number): number => Math.ceil(n * SCALE);
const ALL = resolveRules(rules, Object.fromEntries(rules.map((r) => [r.name, "error" as const])));

// ---------------------------------------------------------------------------------------------
// Linting, and the properties every result must have

interface Input {
  readonly text: string;
  readonly explicit: boolean;
  readonly flowType: FlowTypeName | undefined;
}

interface Outcome {
  readonly result: LintResult | null;
  readonly project: [string, LintMessage[]][];
}

const FILE = "/project/flows/input.json";

function lint(input: Input, limits?: { maxNestingDepth?: number; maxFileSize?: number }): Outcome {
  const flowType = input.flowType ? { type: input.flowType, source: { kind: "cli" as const } } : undefined;
  const loaded = loadFlow(input.text, { filePath: FILE, flowType }, { limits });
  const result = lintLoaded(loaded, { filePath: FILE, rules: ALL, explicit: input.explicit, flowType, settings: {} });
  // The project pass, as the CLI runs it, over a project of this one flow.
  const project: [string, LintMessage[]][] = [];
  if (loaded.status === "flow") {
    project.push(...lintProject(new ProjectIndex([projectFlow(FILE, loaded.flow, loaded.document)]), { rules: ALL, include: () => true }).entries());
  }
  return { result, project };
}

/** The lines of the text as positions count them (after a byte-order mark; CRLF, CR and LF). */
function linesOf(text: string): string[] {
  return (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

function fail(message: string, m: LintMessage): never {
  throw new Error(`${message}: ${JSON.stringify(m)}`);
}

function checkPositions(text: string, messages: readonly LintMessage[]): void {
  const lines = linesOf(text);
  for (const m of messages) {
    for (const [line, column] of [
      [m.line, m.column],
      [m.endLine, m.endColumn],
    ] as const) {
      if (!Number.isInteger(line) || line < 1 || line > lines.length) fail(`line ${String(line)} outside 1..${String(lines.length)}`, m);
      const length = lines[line - 1]?.length ?? 0;
      if (!Number.isInteger(column) || column < 1 || column > length + 1) fail(`column ${String(column)} outside 1..${String(length + 1)} on line ${String(line)}`, m);
    }
    if (m.endLine < m.line || (m.endLine === m.line && m.endColumn < m.column)) fail("the end is before the start", m);
    if (m.ruleId === "internal-error") fail("a rule threw", m);
    if (m.message.trim() === "") fail("empty message", m);
  }
}

/** The properties: no exception (the call itself), deterministic, positions inside the file. */
function check(input: Input, limits?: { maxNestingDepth?: number }): Outcome {
  const first = lint(input, limits);
  const second = lint(input, limits);
  expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  checkPositions(input.text, [...(first.result?.messages ?? []), ...first.project.flatMap(([, m]) => m)]);
  if (first.result === null && input.explicit) throw new Error("a file named explicitly must give a result");
  return first;
}

const flowTypeArb: fc.Arbitrary<FlowTypeName | undefined> = fc.option(fc.constantFrom(...FLOW_TYPE_NAMES), { nil: undefined });

// ---------------------------------------------------------------------------------------------
// A JSON model that can hold what objects cannot: duplicate keys, `__proto__` as a plain key.

class Obj {
  constructor(readonly entries: readonly (readonly [string, J])[]) {}
}
type J = null | boolean | number | string | readonly J[] | Obj;

interface Style {
  readonly indent: string;
  readonly newline: string;
  readonly bom: boolean;
}

function serialize(value: J, style: Style, depth = 0): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const pad = style.indent === "" ? "" : style.newline + style.indent.repeat(depth + 1);
  const close = style.indent === "" ? "" : style.newline + style.indent.repeat(depth);
  const colon = style.indent === "" ? ":" : ": ";
  if (value instanceof Obj) {
    if (value.entries.length === 0) return "{}";
    return `{${value.entries.map(([k, v]) => pad + JSON.stringify(k) + colon + serialize(v, style, depth + 1)).join(",")}${close}}`;
  }
  if (value.length === 0) return "[]";
  return `[${value.map((v) => pad + serialize(v, style, depth + 1)).join(",")}${close}]`;
}

function render(value: J, style: Style): string {
  return (style.bom ? "\uFEFF" : "") + serialize(value, style) + (style.indent === "" ? "" : style.newline);
}

const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom("", "  ", "\t", "    "),
  newline: fc.constantFrom("\n", "\r\n", "\r"),
  bom: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Real-shaped flows

/** Identifiers, and the targets of transitions: shared, so that targets hit blocks, miss them and loop. */
const ID_POOL = ["a", "b", "c", "start", "__proto__", "constructor", "toString", "hasOwnProperty", "", " ", "é", "😀", "x/y~0", "11111111-2222-3333-4444-555555555555"];
const idArb: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ID_POOL) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });

const STRINGS = [
  "",
  "Hello.",
  "$.Attributes.card",
  "$.External.result",
  "$.Lex.IntentName",
  "$.StoredCustomerInput",
  "$.Customer.PhoneNumber",
  "$.Queue.ARN",
  "<speak>Your card $.Attributes.cardNumber</speak>",
  "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/queue/66666666-7777-8888-9999-000000000000",
  "arn:aws:connect:eu-west-2:210987654321:instance/aaaaaaaa-2222-3333-4444-555555555555/contact-flow/bbbbbbbb-7777-8888-9999-000000000000",
  "arn:aws:lambda:us-east-1:123456789012:function:lookup",
  "arn:aws:lex:us-east-1:123456789012:bot-alias/ABC/DEF",
  "Default Queue",
  "true",
  "10",
  "__proto__",
];

const scalarArb: fc.Arbitrary<J> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)) },
);

const valueArb: fc.Arbitrary<J> = fc.letrec<{ value: J }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: scalarArb },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom("Key", "Value", "Text", "__proto__"), idArb), tie("value")), { maxLength: 3 }).map((e) => new Obj(e)) },
  ),
})).value;

const targetArb: fc.Arbitrary<J> = fc.oneof({ weight: 8, arbitrary: idArb }, { weight: 1, arbitrary: scalarArb });

const conditionArb = (operators: readonly string[]): fc.Arbitrary<J> =>
  fc
    .record({
      next: targetArb,
      operator: fc.oneof(fc.constantFrom(...(operators.length > 0 ? operators : ["Equals"])), fc.constantFrom("Equals", "NumberGreaterThan", "TextContains", "Bogus")),
      operands: fc.array(scalarArb, { maxLength: 2 }),
    })
    .map(({ next, operator, operands }) => new Obj([["NextAction", next], ["Condition", new Obj([["Operator", operator], ["Operands", operands]])]]));

const errorArb = (errors: readonly string[]): fc.Arbitrary<J> =>
  fc
    .record({ next: targetArb, type: fc.oneof(fc.constantFrom(...(errors.length > 0 ? errors : ["NoMatchingError"])), fc.constantFrom("NoMatchingError", "Bogus")) })
    .map(({ next, type }) => new Obj([["NextAction", next], ["ErrorType", type]]));

const actionArb: fc.Arbitrary<{ id: string; value: J }> = fc.constantFrom(...ACTIONS).chain((spec) => {
  const names = Object.keys(spec.parameters);
  const parameterValue = (name: string): fc.Arbitrary<J> => {
    const p = spec.parameters[name];
    const typed: fc.Arbitrary<J> =
      p?.enum && p.enum.length > 0
        ? fc.constantFrom(...p.enum)
        : p?.valueType === "boolean"
          ? fc.boolean()
          : p?.valueType === "number"
            ? fc.integer({ min: -1, max: 100 })
            : p?.valueType === "object" || p?.valueType === "array"
              ? valueArb
              : scalarArb;
    return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: valueArb });
  };
  const parametersArb = fc
    .tuple(fc.subarray(names), fc.array(fc.tuple(fc.string({ maxLength: 6 }), scalarArb), { maxLength: 1 }))
    .chain(([keys, extra]) => fc.tuple(...keys.map(parameterValue)).map((values) => new Obj([...keys.map((k, i) => [k, values[i] ?? null] as const), ...extra])));
  return fc
    .record({
      id: idArb,
      type: fc.oneof({ weight: 9, arbitrary: fc.constant(spec.type) }, { weight: 1, arbitrary: fc.constantFrom("PlayPrompt", "Loop", "InvokeLambdaFunction", "", "Compare") }),
      parameters: parametersArb,
      next: fc.option(targetArb, { nil: undefined }),
      conditions: fc.array(conditionArb(spec.conditions.operators), { maxLength: spec.conditions.supported ? 3 : 1 }),
      errors: fc.array(errorArb(spec.errors), { maxLength: 3 }),
    })
    .map(({ id, type, parameters, next, conditions, errors }) => {
      const transitions: (readonly [string, J])[] = [];
      if (next !== undefined) transitions.push(["NextAction", next]);
      if (conditions.length > 0) transitions.push(["Conditions", conditions]);
      if (errors.length > 0) transitions.push(["Errors", errors]);
      return {
        id,
        value: new Obj([
          ["Identifier", id],
          ["Type", type],
          ["Parameters", parameters],
          ["Transitions", new Obj(transitions)],
        ]),
      };
    });
});

const EXPORT_TYPES = FLOW_TYPES.map((f) => f.exportType).filter((t): t is string => t !== undefined);

const flowArb: fc.Arbitrary<J> = fc
  .record({
    actions: fc.array(actionArb, { maxLength: 12 }),
    start: targetArb,
    name: fc.oneof(fc.constantFrom("Inbound_Main", "CQ_Default", "", "__proto__", "flow with spaces"), scalarArb),
    type: fc.option(fc.oneof(fc.constantFrom(...EXPORT_TYPES), fc.constantFrom(...FLOW_TYPE_NAMES), fc.string({ maxLength: 6 })), { nil: undefined }),
    module: fc.boolean(),
    positions: fc.boolean(),
  })
  .map(({ actions, start, name, type, module, positions }) => {
    const metadata: (readonly [string, J])[] = [["name", name]];
    if (type !== undefined) metadata.push(["type", type]);
    if (positions) {
      metadata.push(["entryPointPosition", new Obj([["x", 40], ["y", 40]])]);
      metadata.push(["ActionMetadata", new Obj(actions.map((a, i) => [a.id, new Obj([["position", new Obj([["x", i * 10], ["y", 0]])]])] as const))]);
    }
    const entries: (readonly [string, J])[] = [
      ["Version", "2019-10-30"],
      ["StartAction", start],
      ["Metadata", new Obj(metadata)],
      ["Actions", actions.map((a) => a.value)],
    ];
    if (module) entries.push(["Settings", new Obj([["InputParameters", []], ["OutputParameters", []], ["Transitions", []]])]);
    return new Obj(entries);
  });

// ---------------------------------------------------------------------------------------------
// Mutations of the JSON model

type Mutation =
  | { readonly op: "delete"; readonly at: number; readonly key: number }
  | { readonly op: "duplicate"; readonly at: number; readonly key: number }
  | { readonly op: "replace"; readonly at: number; readonly value: J }
  | { readonly op: "huge"; readonly at: number; readonly length: number; readonly char: string }
  | { readonly op: "nest"; readonly at: number; readonly depth: number; readonly object: boolean }
  | { readonly op: "rename"; readonly at: number; readonly key: number; readonly name: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), key: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat(), key: fc.nat() }),
  fc.record({ op: fc.constant("replace" as const), at: fc.nat(), value: fc.oneof(valueArb, fc.constantFrom<J>(null, 0, -1, true, "", [], new Obj([]))) }),
  fc.record({ op: fc.constant("huge" as const), at: fc.nat(), length: fc.integer({ min: 1000, max: 300_000 }), char: fc.constantFrom("x", "é", "😀", "\\", '"', "\n") }),
  fc.record({ op: fc.constant("nest" as const), at: fc.nat(), depth: fc.integer({ min: 1, max: DEFAULT_LIMITS.maxNestingDepth + 20 }), object: fc.boolean() }),
  fc.record({ op: fc.constant("rename" as const), at: fc.nat(), key: fc.nat(), name: fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "Identifier", "Actions", "NextAction", ""), fc.string({ maxLength: 6 })) }),
);

function countNodes(value: J): number {
  if (value instanceof Obj) return 1 + value.entries.reduce((n, [, v]) => n + countNodes(v), 0);
  if (Array.isArray(value)) return 1 + (value as readonly J[]).reduce((n: number, v) => n + countNodes(v), 0);
  return 1;
}

/** Applies `change` to the node at preorder index `at`, returning a new tree (the input is shared by fast-check). */
function edit(value: J, at: number, change: (node: J) => J): J {
  let index = at;
  const walk = (node: J): J => {
    if (index-- === 0) return change(node);
    if (index < 0) return node;
    if (node instanceof Obj) return new Obj(node.entries.map(([k, v]) => [k, walk(v)] as const));
    if (Array.isArray(node)) return (node as readonly J[]).map(walk);
    return node;
  };
  return walk(value);
}

function mutate(value: J, m: Mutation): J {
  const at = m.at % countNodes(value);
  return edit(value, at, (node) => {
    switch (m.op) {
      case "replace":
        return m.value;
      case "huge":
        return m.char.repeat(m.length);
      case "nest": {
        let wrapped = node;
        for (let i = 0; i < m.depth; i++) wrapped = m.object ? new Obj([["k", wrapped]]) : [wrapped];
        return wrapped;
      }
      default: {
        if (!(node instanceof Obj) || node.entries.length === 0) return node;
        const k = m.key % node.entries.length;
        const entry = node.entries[k];
        if (!entry) return node;
        if (m.op === "delete") return new Obj(node.entries.filter((_, i) => i !== k));
        if (m.op === "duplicate") return new Obj([...node.entries, entry]);
        const name = m.name;
        return new Obj(node.entries.map((e, i) => (i === k ? ([name, e[1]] as const) : e)));
      }
    }
  });
}

/** Edits of the text itself: truncation, deletion, insertion, duplication. */
interface TextEdit {
  readonly at: number;
  readonly length: number;
  readonly insert: string;
}
const textEditArb: fc.Arbitrary<TextEdit> = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom("", "{", "}", "[", "]", ",", ":", '"', "\\", "\u0000", "\uD800", "\r", "\n", "\uFEFF", '"__proto__":1,'), fc.string({ maxLength: 4, unit: "binary" })),
});

function editText(text: string, e: TextEdit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.length);
}

// ---------------------------------------------------------------------------------------------

const SAMPLES = fs
  .readdirSync(path.join(root, "fixtures/flows"))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => fs.readFileSync(path.join(root, "fixtures/flows", f), "utf8"));

describe("linting any input never throws, is deterministic and positions every finding inside the file", () => {
  it("arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.json({ depthSize: "large" })), fc.boolean(), flowTypeArb, (text, explicit, flowType) => {
        check({ text, explicit, flowType });
      }),
      { numRuns: runs(300) },
    );
  });

  it("arbitrary strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom("{", "}", "[", "]", '"', ",", ":", "1", " ", "\n", "\\") })), fc.boolean(), (text, explicit) => {
        check({ text, explicit, flowType: undefined });
      }),
      { numRuns: runs(300) },
    );
  });

  it("the sample flows with random edits to their text", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.array(textEditArb, { minLength: 1, maxLength: 4 }), fc.boolean(), flowTypeArb, (sample, edits, explicit, flowType) => {
        check({ text: edits.reduce(editText, sample), explicit, flowType });
      }),
      { numRuns: runs(150) },
    );
  });

  it("generated flows of the real shape", () => {
    fc.assert(
      fc.property(flowArb, styleArb, flowTypeArb, (flow, style, flowType) => {
        const outcome = check({ text: render(flow, style), explicit: true, flowType });
        expect(outcome.result?.kind).toMatch(/^(flow|module)$/);
      }),
      { numRuns: runs(250) },
    );
  });

  it("generated flows with random mutations", () => {
    fc.assert(
      fc.property(
        flowArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        styleArb,
        fc.option(textEditArb, { nil: undefined, freq: 5 }),
        fc.boolean(),
        flowTypeArb,
        (flow, mutations, style, textEdit, explicit, flowType) => {
          const text = render(mutations.reduce(mutate, flow), style);
          check({ text: textEdit ? editText(text, textEdit) : text, explicit, flowType });
        },
      ),
      { numRuns: runs(250) },
    );
  });
});

describe("edge cases", () => {
  const flowText = (actions: unknown[]): string => JSON.stringify({ Version: "2019-10-30", StartAction: "a0", Metadata: { name: "Big", type: "contactFlow" }, Actions: actions }, null, 2);

  it("a flow with no actions", () => {
    for (const text of [flowText([]), '{"Version":"2019-10-30","Actions":[]}', '{"Actions":{}}', '{"Actions":null,"Settings":1}']) {
      expect(check({ text, explicit: true, flowType: undefined }).result?.kind).toMatch(/^(flow|module)$/);
    }
  });

  it("a flow with 10,000 actions: long chains, random jumps, self loops and missing targets", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 10_000 }), { minLength: 10_000, maxLength: 10_000 }), (jumps) => {
        const actions = jumps.map((jump, i) => ({
          Identifier: `a${String(i)}`,
          Type: i % 7 === 0 ? "CheckAttribute" : i % 11 === 0 ? "InvokeLambdaFunction" : "MessageParticipant",
          Parameters: i % 7 === 0 ? { Attribute: "x", Namespace: "User Defined" } : { Text: `Step ${String(i)} $.Attributes.x` },
          Transitions: {
            NextAction: `a${String(jump === -1 ? i + 1 : i % 3 === 0 ? jump : i + 1)}`,
            Errors: [{ ErrorType: "NoMatchingError", NextAction: `a${String(i)}` }],
            ...(i % 7 === 0 ? { Conditions: [{ NextAction: `a${String(jump)}`, Condition: { Operator: "Equals", Operands: ["1"] } }] } : {}),
          },
        }));
        check({ text: flowText(actions), explicit: true, flowType: undefined });
      }),
      { numRuns: 2 },
    );
  }, 60_000);

  it("100,000 nested arrays: one too-deeply-nested message, no stack overflow", () => {
    const depth = 100_000;
    const text = `{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Parameters":${"[".repeat(depth)}${"]".repeat(depth)}}]}`;
    const { result } = check({ text, explicit: true, flowType: undefined });
    expect(result?.messages.map((m) => [m.ruleId, m.line, m.column, m.fatal])).toEqual([["too-deeply-nested", 1, 182, true]]);
    expect(result?.messages[0]?.message).toBe(
      "JSON nested too deeply: this '[' opens level 101, more than limits.maxNestingDepth (100); raise it in the configuration to lint this file",
    );
  });

  it("the rules do not exhaust the stack at the highest nesting depth the configuration allows", () => {
    for (const object of [false, true]) {
      const depth = 996; // + the document, Actions, the action, Parameters = 1,000 levels
      const open = object ? '{"k":'.repeat(depth) : "[".repeat(depth);
      const close = (object ? "}" : "]").repeat(depth);
      const value = `${open}"$.Attributes.card arn:aws:lambda:us-east-1:123456789012:function:f"${close}`;
      const text = `{"Version":"2019-10-30","StartAction":"a","Metadata":{"type":"agentTransfer"},"Actions":[{"Identifier":"a","Type":"MessageParticipant","Parameters":{"Text":${value}},"Transitions":{}}]}`;
      const { result } = check({ text, explicit: true, flowType: undefined }, { maxNestingDepth: 1000 });
      expect(result?.messages.some((m) => m.ruleId === "too-deeply-nested")).toBe(false);
    }
  });
});
