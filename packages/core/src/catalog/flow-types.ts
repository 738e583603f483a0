// Flow types with console names, export names and channels; researched source: /work/shared/reference (flow-language.md §4).
import type { FlowTypeInfo } from "./types.js";

export const FLOW_TYPES: readonly FlowTypeInfo[] = [
  {
    name: "CONTACT_FLOW",
    consoleName: "Inbound flow",
    exportType: "contactFlow",
    channels: ["voice", "chat", "task", "email"],
  },
  {
    name: "CUSTOMER_QUEUE",
    consoleName: "Customer queue flow",
    exportType: "customerQueue",
    // Email added to the 2023 list: AWS's email-channel sample ships a customer queue flow.
    channels: ["voice", "chat", "task", "email"],
  },
  {
    name: "CUSTOMER_HOLD",
    consoleName: "Customer hold flow",
    exportType: "customerHold",
    channels: ["voice"],
  },
  {
    name: "CUSTOMER_WHISPER",
    consoleName: "Customer whisper flow",
    exportType: "customerWhisper",
    channels: ["voice", "chat"],
  },
  {
    name: "OUTBOUND_WHISPER",
    consoleName: "Outbound whisper flow",
    exportType: "outboundWhisper",
    channels: ["voice", "chat"],
  },
  {
    name: "AGENT_HOLD",
    consoleName: "Agent hold flow",
    exportType: "agentHold",
    channels: ["voice"],
  },
  {
    name: "AGENT_WHISPER",
    consoleName: "Agent whisper flow",
    exportType: "agentWhisper",
    // Email added to the 2023 list: AWS's email-channel sample ships an agent whisper flow.
    channels: ["voice", "chat", "task", "email"],
  },
  {
    name: "AGENT_TRANSFER",
    consoleName: "Transfer to agent flow",
    exportType: "agentTransfer",
    // Email added to the 2023 list: email contacts can be transferred (inferred from queue transfer).
    channels: ["voice", "chat", "task", "email"],
  },
  {
    name: "QUEUE_TRANSFER",
    consoleName: "Transfer to queue flow",
    exportType: "queueTransfer",
    // Email added to the 2023 list: AWS's email-channel sample ships a queue transfer flow.
    channels: ["voice", "chat", "task", "email"],
  },
  {
    // Outbound campaign (journey) flows; no console export with a Metadata.type was found.
    name: "CAMPAIGN",
    consoleName: "Campaign flow",
    exportType: undefined,
    channels: ["voice", "chat", "email"],
  },
  {
    // Separate resource (ContactFlowModule); module exports carry no Metadata.type (checked on the corpus).
    name: "FLOW_MODULE",
    consoleName: "Flow module",
    exportType: undefined,
    channels: ["voice", "chat", "task", "email"],
  },
];
