import { defineRule, flowKey, isObject, pointerOf, referenceForm, stripQualifier } from "@connect-lint/core";
import type { ProjectFlow } from "@connect-lint/core";
import { describeBlock } from "./utils/describe.js";

/** The only version qualifier that is sure to name the module content in the project (the latest). */
const LATEST = "$LATEST";
/** The Invoke module parameter holding the inputs passed to the module (an object keyed by input name). */
const INPUT_PARAMETER = "Input";
/** The condition operator a module result branch is written with. */
const EQUALS = "Equals";
/** At most this many declared branches are named in a message. */
const MAX_LISTED = 8;

/** What a module's content declares in its top-level `Settings`, as far as it can be read. */
interface Contract {
  /** Names of the result branches (each `DisplayName` and `ReferenceName`); undefined when not readable. */
  readonly branches: ReadonlySet<string> | undefined;
  /** The branches as listed in messages. */
  readonly branchList: string;
  /** True when `InputParameters` is an empty list: the module takes no inputs. */
  readonly noInputs: boolean;
}

function contractOf(module: ProjectFlow): Contract | undefined {
  const settings = module.settings;
  if (!isObject(settings)) return undefined;
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(settings, key) ? settings[key] : undefined);
  let branches: Set<string> | undefined;
  const shown: string[] = [];
  const transitions = own("Transitions");
  if (Array.isArray(transitions)) {
    branches = new Set();
    for (const entry of transitions as unknown[]) {
      const names = isObject(entry) ? [entry.ReferenceName, entry.DisplayName].filter((n): n is string => typeof n === "string" && n !== "") : [];
      // An entry without a name leaves the contract unreadable: say nothing rather than guess.
      if (names.length === 0) {
        branches = undefined;
        break;
      }
      for (const n of names) branches.add(n);
      const [reference, display] = names;
      shown.push(display === undefined || display === reference ? JSON.stringify(reference) : `${JSON.stringify(reference)} (${display})`);
    }
  }
  const inputs = own("InputParameters");
  const listed = shown.slice(0, MAX_LISTED);
  if (shown.length > listed.length) listed.push(`${String(shown.length - listed.length)} more`);
  return {
    branches,
    branchList: listed.length === 0 ? "none" : listed.join(", "),
    noInputs: Array.isArray(inputs) && inputs.length === 0,
  };
}

/** The version qualifier of a reference (`…:$LATEST` -> `$LATEST`), or undefined. */
function qualifierOf(value: string): string | undefined {
  const plain = stripQualifier(value);
  return plain.length < value.length ? value.slice(plain.length + 1) : undefined;
}

export const validModuleInvocation = defineRule({
  name: "valid-module-invocation",
  meta: {
    type: "problem",
    description: "Require Invoke module blocks to match the contract the invoked module of the project declares.",
    recommended: "error",
    messages: {
      unknownBranch:
        "{{block}} has a branch for the result {{result}}, which module {{module}} does not declare; its declared result branches: {{declared}}.",
      undeclaredInput: "{{block}} passes the input {{input}}, but module {{module}} declares no inputs.",
    },
    schema: { type: "object", additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  checkProject(context) {
    const { project } = context;
    const contracts = new Map<ProjectFlow, Contract | undefined>();
    // Blocks checked already, by flow and position (one block may name its module twice).
    const seen = new Set<string>();
    for (const ref of project.references) {
      if (ref.kind !== "module" || ref.resolution.status !== "project") continue;
      // A version or alias other than $LATEST may hold another contract than the file in the project.
      const qualifier = qualifierOf(ref.value);
      if (qualifier !== undefined && qualifier !== LATEST) continue;
      // Names may collide: the module is the project file of that name that is a module.
      const target = ref.resolution.target;
      const module = target.kind === "module" ? target : project.byName(target.name).find((f) => f.kind === "module");
      const blockKey = `${flowKey(ref.from.filePath, ref.from.resource)}\u0000${String(ref.block.index)}`;
      if (!module || seen.has(blockKey)) continue;
      seen.add(blockKey);
      let contract = contracts.get(module);
      if (!contracts.has(module)) {
        contract = contractOf(module);
        contracts.set(module, contract);
      }
      if (!contract) continue;
      const action = ref.action;
      const block = describeBlock(action);
      const moduleName = JSON.stringify(module.name);

      if (contract.branches) {
        for (const t of action.transitions) {
          if (t.kind !== "condition" || t.condition?.operator !== EQUALS) continue;
          const operands = t.condition.operands;
          const result: unknown = Array.isArray(operands) ? operands[0] : undefined;
          if (typeof result !== "string" || result === "" || referenceForm(result) === "dynamic" || referenceForm(result) === "template") continue;
          if (contract.branches.has(result)) continue;
          context.report({
            flow: ref.from,
            messageId: "unknownBranch",
            at: { pointer: `${t.entryPointer}/Condition/Operands/0`, action },
            data: { block, result: JSON.stringify(result), module: moduleName, declared: contract.branchList },
          });
        }
      }

      const input = Object.prototype.hasOwnProperty.call(action.parameters, INPUT_PARAMETER) ? action.parameters[INPUT_PARAMETER] : undefined;
      if (contract.noInputs && isObject(input)) {
        for (const key of Object.keys(input)) {
          context.report({
            flow: ref.from,
            messageId: "undeclaredInput",
            at: { pointer: `${action.pointer}/Parameters${pointerOf(INPUT_PARAMETER, key)}`, key: true, action },
            data: { block, input: JSON.stringify(key), module: moduleName },
          });
        }
      }
    }
  },
});
