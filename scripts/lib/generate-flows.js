// Deterministic generator of realistic Amazon Connect flows (the Flow language, as the console
// exports them) for benchmarks and tests. Same seed, same bytes, on every machine.
//
// A flow is a chain of segments, each a small piece of a real contact flow: set-up blocks, prompts,
// Lambda calls with their error branches, hours checks, DTMF menus, retry loops bounded by a Loop
// block, attribute checks, percentage splits, queue status checks, transfers to a queue, a phone
// number or another flow, and a disconnect at the end. Every connector is wired; error branches
// rejoin the main path. With `defects`, about one flow in eight gets one deliberate defect (an
// unconnected connector, a transition to a deleted block, an unreachable island, a misspelt
// parameter, metadata of a deleted block).
//
// Usage:
//   import { generateFlow, generateFlows, mulberry32 } from "./lib/generate-flows.js";
//   const { text } = generateFlow({ seed: 1, blocks: 1000 });
//   for (const f of generateFlows({ count: 100, seed: 7, minBlocks: 10, maxBlocks: 80 })) f.name, f.text

/** mulberry32: a small, fast, seeded 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const INSTANCE = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/11111111-2222-3333-4444-555555555555`;

const GREETINGS = [
  "Thank you for calling Northwind Outfitters. Calls may be recorded for quality and training.",
  "Welcome to Contoso Travel. Your call is important to us.",
  "Hello, and thank you for contacting Fabrikam support.",
  "Welcome to Tailspin Mobile. Please listen carefully as our menu options have changed.",
];
const TOPICS = ["Orders", "Billing", "Returns", "TechnicalSupport", "Sales", "Accounts", "Claims", "Appointments", "Shipping"];
const VOICES = ["Joanna", "Matthew", "Amy", "Brian", "Lupe"];
const METRICS = ["NumberOfAgentsAvailable", "NumberOfAgentsStaffed", "NumberOfAgentsOnline", "NumberOfContactsInQueue"];
const HOOKS = ["CustomerQueue", "CustomerHold", "AgentWhisper", "CustomerWhisper"];

class Builder {
  constructor(random) {
    this.random = random;
    this.actions = [];
    this.metadata = new Map();
    this.x = 40;
    this.y = 40;
    this.serial = 0;
  }

  int(min, max) {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick(list) {
    return list[Math.floor(this.random() * list.length)];
  }

  uuid() {
    const hex = (n) => {
      let s = "";
      for (let i = 0; i < n; i++) s += "0123456789abcdef"[Math.floor(this.random() * 16)];
      return s;
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(this.random() * 4)]}${hex(3)}-${hex(12)}`;
  }

  arn(kind) {
    return `${INSTANCE}/${kind}/${this.uuid()}`;
  }

  /** Adds an action with console-style metadata. `transitions` is written as the console writes it. */
  add(id, type, parameters, transitions, extraMetadata) {
    this.actions.push({ Parameters: parameters, Identifier: id, Type: type, Transitions: transitions });
    this.x += 240;
    if (this.x > 2400) {
      this.x = 160;
      this.y += 200;
    }
    this.metadata.set(id, { position: { x: this.x, y: this.y }, ...extraMetadata });
  }

  /** A Play prompt that goes on to `next` (success and error). */
  prompt(id, next, text) {
    this.add(id, "MessageParticipant", { Text: text }, { NextAction: next, Errors: [{ NextAction: next, ErrorType: "NoMatchingError" }], Conditions: [] });
  }

  disconnect(id) {
    this.add(id, "DisconnectParticipant", {}, {});
  }
}

/** Segments: (builder, entry id, continuation id) => number of blocks added. Each wires every connector. */
const SEGMENTS = {
  prompt(b, entry, next) {
    b.prompt(entry, next, `${b.pick(["Please hold while we", "One moment while we", "We will now"])} ${b.pick(["look up your account", "check your order", "find an agent", "review your request"])}.`);
    return 1;
  },
  setAttributes(b, entry, next) {
    const attributes = {};
    const n = b.int(1, 4);
    for (let i = 0; i < n; i++) attributes[`${b.pick(["call", "menu", "customer", "route"])}${b.pick(TOPICS)}`] = b.pick([b.pick(TOPICS), "$.Attributes.previous", `main>${String(b.int(1, 9))}`, "true"]);
    b.add(entry, "UpdateContactAttributes", { Attributes: attributes, TargetContact: "Current" }, { NextAction: next, Errors: [{ NextAction: next, ErrorType: "NoMatchingError" }], Conditions: [] });
    return 1;
  },
  logging(b, entry, next) {
    b.add(entry, "UpdateFlowLoggingBehavior", { FlowLoggingBehavior: "Enabled" }, { NextAction: next, Errors: [], Conditions: [] });
    return 1;
  },
  voice(b, entry, next) {
    b.add(entry, "UpdateContactTextToSpeechVoice", { TextToSpeechVoice: b.pick(VOICES), TextToSpeechEngine: "neural" }, { NextAction: next, Errors: [{ NextAction: next, ErrorType: "NoMatchingError" }], Conditions: [] }, { overrideConsoleVoice: true });
    return 1;
  },
  recording(b, entry, next) {
    b.add(entry, "UpdateContactRecordingBehavior", { RecordingBehavior: { RecordedParticipants: ["Agent", "Customer"] } }, { NextAction: next, Errors: [], Conditions: [] });
    return 1;
  },
  lambda(b, entry, next) {
    const ok = b.uuid();
    const failed = b.uuid();
    const fn = `${b.pick(["lookup", "verify", "route", "fetch"])}-${b.pick(TOPICS).toLowerCase()}`;
    b.add(
      entry,
      "InvokeLambdaFunction",
      { LambdaFunctionARN: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`, InvocationTimeLimitSeconds: String(b.int(2, 8)), ResponseValidation: { ResponseType: "STRING_MAP" } },
      { NextAction: ok, Errors: [{ NextAction: failed, ErrorType: "NoMatchingError" }], Conditions: [] },
      { dynamicMetadata: {}, useDynamic: false },
    );
    b.prompt(ok, next, "Thank you. We found your details.");
    b.prompt(failed, next, "Sorry, we could not find your details right now.");
    return 3;
  },
  hours(b, entry, next) {
    const closed = b.uuid();
    const bye = b.uuid();
    const hours = b.arn("operating-hours");
    b.add(
      entry,
      "CheckHoursOfOperation",
      { HoursOfOperationId: hours },
      {
        NextAction: closed,
        Errors: [{ NextAction: closed, ErrorType: "NoMatchingError" }],
        Conditions: [
          { NextAction: next, Condition: { Operator: "Equals", Operands: ["True"] } },
          { NextAction: closed, Condition: { Operator: "Equals", Operands: ["False"] } },
        ],
      },
      { Hours: { id: hours, text: "Customer Care Hours" } },
    );
    b.prompt(closed, bye, "We are closed right now. Our team is available Monday to Friday, 8 AM to 6 PM. Goodbye.");
    b.disconnect(bye);
    return 3;
  },
  menu(b, entry, next) {
    const k = b.int(2, 5);
    const options = [];
    for (let i = 1; i <= k; i++) options.push({ digit: String(i), id: b.uuid(), topic: b.pick(TOPICS) });
    const fallback = b.uuid();
    const text = options.map((o) => `For ${o.topic}, press ${o.digit}.`).join(" ");
    b.add(
      entry,
      "GetParticipantInput",
      { Text: text, StoreInput: "False", InputTimeLimitSeconds: "5" },
      {
        NextAction: fallback,
        Errors: [
          { NextAction: fallback, ErrorType: "InputTimeLimitExceeded" },
          { NextAction: fallback, ErrorType: "NoMatchingCondition" },
          { NextAction: fallback, ErrorType: "NoMatchingError" },
        ],
        Conditions: options.map((o) => ({ NextAction: o.id, Condition: { Operator: "Equals", Operands: [o.digit] } })),
      },
      { conditionMetadata: options.map((o) => ({ id: b.uuid(), value: o.digit })) },
    );
    for (const o of options) {
      b.add(o.id, "UpdateContactAttributes", { Attributes: { callReason: o.topic, menuPath: `main>${o.digit}` }, TargetContact: "Current" }, { NextAction: next, Errors: [{ NextAction: next, ErrorType: "NoMatchingError" }], Conditions: [] });
    }
    b.prompt(fallback, next, "Sorry, we did not get a valid selection.");
    return k + 2;
  },
  retryLoop(b, entry, next) {
    // Loop (3 tries) -> menu; a wrong or missing key goes back to the Loop block: a bounded cycle.
    const menu = b.uuid();
    const tooMany = b.uuid();
    b.add(
      entry,
      "Loop",
      { LoopCount: "3" },
      {
        NextAction: tooMany,
        Errors: [],
        Conditions: [
          { NextAction: menu, Condition: { Operator: "Equals", Operands: ["ContinueLooping"] } },
          { NextAction: tooMany, Condition: { Operator: "Equals", Operands: ["DoneLooping"] } },
        ],
      },
    );
    b.add(
      menu,
      "GetParticipantInput",
      { Text: "To confirm, press 1.", StoreInput: "False", InputTimeLimitSeconds: "8" },
      {
        NextAction: entry,
        Errors: [
          { NextAction: entry, ErrorType: "InputTimeLimitExceeded" },
          { NextAction: entry, ErrorType: "NoMatchingCondition" },
          { NextAction: entry, ErrorType: "NoMatchingError" },
        ],
        Conditions: [{ NextAction: next, Condition: { Operator: "Equals", Operands: ["1"] } }],
      },
    );
    b.prompt(tooMany, next, "We did not receive a confirmation. Let us continue.");
    return 3;
  },
  compare(b, entry, next) {
    const branches = [];
    const n = b.int(1, 3);
    for (let i = 0; i < n; i++) branches.push({ id: b.uuid(), value: b.pick(TOPICS) });
    b.add(
      entry,
      "Compare",
      { ComparisonValue: "$.Attributes.callReason" },
      {
        NextAction: next,
        Errors: [{ NextAction: next, ErrorType: "NoMatchingCondition" }],
        Conditions: branches.map((br) => ({ NextAction: br.id, Condition: { Operator: "Equals", Operands: [br.value] } })),
      },
    );
    for (const br of branches) b.prompt(br.id, next, `You called about ${br.value}.`);
    return n + 1;
  },
  distribute(b, entry, next) {
    const a = b.uuid();
    const c = b.uuid();
    b.add(
      entry,
      "DistributeByPercentage",
      {},
      {
        NextAction: c,
        Errors: [{ NextAction: c, ErrorType: "NoMatchingCondition" }],
        Conditions: [{ NextAction: a, Condition: { Operator: "NumberLessThan", Operands: [String(b.int(10, 90))] } }],
      },
    );
    b.prompt(a, next, "You may be asked to take a short survey after this call.");
    b.prompt(c, next, "Thank you for your patience.");
    return 3;
  },
  queueStatus(b, entry, next) {
    const busy = b.uuid();
    b.add(
      entry,
      "CheckMetricData",
      { MetricType: b.pick(METRICS) },
      {
        NextAction: next,
        Errors: [
          { NextAction: busy, ErrorType: "NoMatchingCondition" },
          { NextAction: next, ErrorType: "NoMatchingError" },
        ],
        Conditions: [{ NextAction: next, Condition: { Operator: "NumberGreaterThan", Operands: ["0"] } }],
      },
    );
    b.prompt(busy, next, "All of our agents are busy. Your call will be answered in the order it was received.");
    return 2;
  },
  queueTransfer(b, entry, next) {
    const hook = b.uuid();
    const transfer = b.uuid();
    const full = b.uuid();
    const queue = b.arn("queue");
    const flow = b.arn("contact-flow");
    b.add(entry, "UpdateContactTargetQueue", { QueueId: queue }, { NextAction: hook, Errors: [{ NextAction: full, ErrorType: "NoMatchingError" }], Conditions: [] }, { queue: { text: b.pick(TOPICS) } });
    b.add(hook, "UpdateContactEventHooks", { EventHooks: { [b.pick(HOOKS)]: flow } }, { NextAction: transfer, Errors: [{ NextAction: transfer, ErrorType: "NoMatchingError" }], Conditions: [] }, { contactFlow: { text: "CQ_Hold_Music", id: flow } });
    b.add(transfer, "TransferContactToQueue", {}, {
      NextAction: full,
      Errors: [
        { NextAction: full, ErrorType: "QueueAtCapacity" },
        { NextAction: full, ErrorType: "NoMatchingError" },
      ],
      Conditions: [],
    });
    b.prompt(full, next, "We are sorry, the queue is full right now.");
    return 4;
  },
  phoneTransfer(b, entry, next) {
    const failed = b.uuid();
    b.add(
      entry,
      "TransferParticipantToThirdParty",
      { ThirdPartyPhoneNumber: `+1206555${String(b.int(1000, 9999))}`, ThirdPartyConnectionTimeLimitSeconds: "30", ContinueFlowExecution: "True" },
      {
        NextAction: next,
        Errors: [
          { NextAction: failed, ErrorType: "ConnectionTimeLimitExceeded" },
          { NextAction: failed, ErrorType: "CallFailed" },
          { NextAction: failed, ErrorType: "NoMatchingError" },
        ],
        Conditions: [],
      },
    );
    b.prompt(failed, next, "We could not connect your call to our partner.");
    return 2;
  },
  flowTransfer(b, entry, next) {
    const failed = b.uuid();
    const target = b.arn("contact-flow");
    b.add(entry, "TransferToFlow", { ContactFlowId: target }, { NextAction: failed, Errors: [{ NextAction: failed, ErrorType: "NoMatchingError" }], Conditions: [] }, { ContactFlow: { id: target, text: `${b.pick(TOPICS)}_Flow` } });
    b.prompt(failed, next, "We could not transfer your call.");
    return 2;
  },
};

/** How often each segment appears, roughly as in real inbound flows. */
const WEIGHTED = [
  ["prompt", 6],
  ["setAttributes", 6],
  ["lambda", 4],
  ["menu", 4],
  ["hours", 2],
  ["retryLoop", 2],
  ["compare", 3],
  ["distribute", 1],
  ["queueStatus", 2],
  ["queueTransfer", 2],
  ["phoneTransfer", 1],
  ["flowTransfer", 1],
  ["recording", 1],
  ["voice", 1],
].flatMap(([name, weight]) => Array.from({ length: weight }, () => name));

const DEFECTS = ["dangling", "missingTarget", "island", "misspeltParameter", "orphanMetadata"];

/**
 * One flow of about `blocks` blocks (at least 4). Returns `{ name, flow, text, defect }`; `text` is
 * pretty-printed (2 spaces) or, when `minified`, on one line as some exports are.
 */
export function generateFlow({ seed = 1, blocks = 40, defect, minified = false, name } = {}) {
  const b = new Builder(mulberry32(seed));
  const flowName = name ?? `${b.pick(["Inbound", "Main", "Support", "Sales", "Billing"])}_${b.pick(TOPICS)}_${String(seed)}`;
  const start = b.uuid();
  let entry = start;
  let next = b.uuid();
  // Opening: logging, voice, greeting (so the caller hears something early).
  b.add(entry, "UpdateFlowLoggingBehavior", { FlowLoggingBehavior: "Enabled" }, { NextAction: next, Errors: [], Conditions: [] });
  entry = next;
  next = b.uuid();
  SEGMENTS.voice(b, entry, next);
  entry = next;
  next = b.uuid();
  b.prompt(entry, next, b.pick(GREETINGS));
  entry = next;
  let count = 3;
  const target = Math.max(blocks, 4) - 1; // the closing disconnect
  while (count < target) {
    const room = target - count;
    let segment = b.pick(WEIGHTED);
    // Sizes: menu up to 7, queueTransfer 4, others up to 4; near the end fall back to 1-block segments.
    if (room < 7) segment = b.pick(["prompt", "setAttributes", "recording", "voice"]);
    next = b.uuid();
    count += SEGMENTS[segment](b, entry, next);
    entry = next;
  }
  b.disconnect(entry);

  const applied = defect === true ? DEFECTS[Math.floor(b.random() * DEFECTS.length)] : defect;
  if (applied) applyDefect(b, applied);

  const actionMetadata = {};
  for (const [id, meta] of b.metadata) actionMetadata[id] = meta;
  const flow = {
    Version: "2019-10-30",
    StartAction: start,
    Metadata: {
      entryPointPosition: { x: 40, y: 40 },
      snapToGrid: false,
      ActionMetadata: actionMetadata,
      Annotations: [],
      name: flowName,
      description: `Generated benchmark flow (seed ${String(seed)}, ${String(b.actions.length)} blocks).`,
      type: "contactFlow",
      status: "published",
      hash: {},
    },
    Actions: b.actions,
  };
  const text = minified ? JSON.stringify(flow) : JSON.stringify(flow, null, 2) + "\n";
  return { name: flowName, flow, text, defect: applied ?? null, blocks: b.actions.length };
}

function applyDefect(b, kind) {
  // Pick an action with a NextAction somewhere in the middle.
  const candidates = b.actions.filter((a) => typeof a.Transitions.NextAction === "string" && a.Type !== "Loop");
  const victim = candidates[Math.floor(b.random() * candidates.length)];
  switch (kind) {
    case "dangling":
      victim.Transitions.NextAction = "";
      break;
    case "missingTarget": {
      const error = victim.Transitions.Errors?.[0];
      if (error) error.NextAction = b.uuid();
      else victim.Transitions.NextAction = b.uuid();
      break;
    }
    case "island": {
      const first = b.uuid();
      const bye = b.uuid();
      b.prompt(first, bye, "This prompt was disconnected from the flow in an edit.");
      b.disconnect(bye);
      break;
    }
    case "misspeltParameter": {
      const prompt = b.actions.find((a, i) => i > 2 && a.Type === "MessageParticipant") ?? b.actions[2];
      prompt.Parameters = { Txt: prompt.Parameters.Text };
      break;
    }
    case "orphanMetadata":
      b.metadata.set(b.uuid(), { position: { x: 9999, y: 9999 } });
      break;
  }
}

/**
 * `count` flows with block counts spread between `minBlocks` and `maxBlocks`; about one in eight
 * has a defect (when `defects`, the default) and one in four is minified. Yields
 * `{ fileName, name, text, blocks, defect }`; file names sort in generation order.
 */
export function* generateFlows({ count, seed = 1, minBlocks = 10, maxBlocks = 80, defects = true } = {}) {
  const random = mulberry32(seed ^ 0x9e3779b9);
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const blocks = minBlocks + Math.floor(random() * (maxBlocks - minBlocks + 1));
    const defect = defects && random() < 0.125;
    const minified = random() < 0.25;
    const flowSeed = (seed * 100003 + i) >>> 0;
    const generated = generateFlow({ seed: flowSeed, blocks, defect, minified });
    yield { fileName: `flow-${String(i).padStart(width, "0")}.json`, ...generated };
  }
}
