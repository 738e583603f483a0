// UpdateContactEventHooks hook keys, target and host flow types; researched source: /work/shared/reference (flow-language.md §6).
import type { EventHookSpec, FlowTypeName } from "./types.js";

// FLOW_MODULE is a host wherever CONTACT_FLOW is (modules run inside inbound flows); real
// modules set CustomerQueue, hold and whisper hooks.
const ALL_FLOWS: readonly FlowTypeName[] = [
  "CONTACT_FLOW",
  "CUSTOMER_QUEUE",
  "CUSTOMER_HOLD",
  "CUSTOMER_WHISPER",
  "OUTBOUND_WHISPER",
  "AGENT_HOLD",
  "AGENT_WHISPER",
  "AGENT_TRANSFER",
  "QUEUE_TRANSFER",
  "CAMPAIGN",
  "FLOW_MODULE",
];
const HOLD_HOSTS: readonly FlowTypeName[] = [
  "CONTACT_FLOW",
  "CUSTOMER_QUEUE",
  "OUTBOUND_WHISPER",
  "AGENT_TRANSFER",
  "QUEUE_TRANSFER",
  "FLOW_MODULE",
];
const WHISPER_HOSTS: readonly FlowTypeName[] = [
  "CONTACT_FLOW",
  "CUSTOMER_QUEUE",
  "AGENT_TRANSFER",
  "QUEUE_TRANSFER",
  "FLOW_MODULE",
];

export const EVENT_HOOKS: readonly EventHookSpec[] = [
  {
    key: "CustomerQueue",
    block: "Set customer queue flow",
    targetFlowType: "CUSTOMER_QUEUE",
    hostFlowTypes: ["CONTACT_FLOW", "AGENT_TRANSFER", "QUEUE_TRANSFER", "FLOW_MODULE"],
  },
  { key: "CustomerHold", block: "Set hold flow", targetFlowType: "CUSTOMER_HOLD", hostFlowTypes: HOLD_HOSTS },
  { key: "AgentHold", block: "Set hold flow", targetFlowType: "AGENT_HOLD", hostFlowTypes: HOLD_HOSTS },
  { key: "CustomerWhisper", block: "Set whisper flow", targetFlowType: "CUSTOMER_WHISPER", hostFlowTypes: WHISPER_HOSTS },
  { key: "AgentWhisper", block: "Set whisper flow", targetFlowType: "AGENT_WHISPER", hostFlowTypes: WHISPER_HOSTS },
  // A "disconnect flow" is an inbound-type flow.
  { key: "CustomerRemaining", block: "Set disconnect flow", targetFlowType: "CONTACT_FLOW", hostFlowTypes: ALL_FLOWS },
  // The next four targets are inferred (inbound-type flows); the docs do not name a type.
  { key: "DefaultAgentUI", block: "Set event flow", targetFlowType: "CONTACT_FLOW", hostFlowTypes: ALL_FLOWS },
  { key: "DisconnectAgentUI", block: "Set event flow", targetFlowType: "CONTACT_FLOW", hostFlowTypes: ALL_FLOWS },
  { key: "PauseContact", block: "Set event flow", targetFlowType: "CONTACT_FLOW", hostFlowTypes: ALL_FLOWS },
  { key: "ResumeContact", block: "Set event flow", targetFlowType: "CONTACT_FLOW", hostFlowTypes: ALL_FLOWS },
];
