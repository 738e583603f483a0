// Names that are not flow-language action types (legacy block names, invented types) with the type to use; researched source: /work/shared/reference (flow-language.md §8), checked against the corpus.
import type { InvalidTypeHint } from "./types.js";

const LEGACY = "Block name from the pre-2022 designer's export format, not a flow-language action type.";

export const INVALID_TYPE_HINTS: readonly InvalidTypeHint[] = [
  { name: "CheckAttribute", suggestion: "Compare", reason: `${LEGACY} "Check contact attributes" is written as Compare.` },
  { name: "CheckQueueStatus", suggestion: "CheckMetricData", reason: `${LEGACY} Queue checks are written as CheckMetricData.` },
  {
    name: "CheckStaffing",
    suggestion: "CheckMetricData",
    reason: "\"Check staffing\" is a designer block name; it is written as CheckMetricData with a NumberOfAgents* MetricType.",
  },
  {
    name: "CheckVoiceID",
    suggestion: "CheckVoiceId",
    reason: "Type names are case-sensitive: the action is spelled CheckVoiceId.",
  },
  {
    name: "CreateCallback",
    suggestion: "CreateCallbackContact",
    reason: `${LEGACY} Callbacks are created with CreateCallbackContact.`,
  },
  {
    name: "Disconnect",
    suggestion: "DisconnectParticipant",
    reason: `${LEGACY} Use DisconnectParticipant (or EndFlowExecution in whisper and hold flows).`,
  },
  {
    name: "GetUserInput",
    suggestion: "GetParticipantInput",
    reason: `${LEGACY} DTMF input is GetParticipantInput; Amazon Lex input is ConnectParticipantWithLexBot.`,
  },
  {
    name: "InvokeExternalResource",
    suggestion: "InvokeLambdaFunction",
    reason: `${LEGACY} Lambda calls are written as InvokeLambdaFunction.`,
  },
  {
    name: "LoopPrompts",
    suggestion: "MessageParticipantIteratively",
    reason: `${LEGACY} "Loop prompts" is written as MessageParticipantIteratively.`,
  },
  {
    name: "PlayPrompt",
    suggestion: "MessageParticipant",
    reason: `${LEGACY} "Play prompt" is written as MessageParticipant.`,
  },
  {
    name: "Resume",
    suggestion: "EndFlowExecution",
    reason: `${LEGACY} "End flow / Resume" is written as EndFlowExecution.`,
  },
  {
    name: "SetAttributes",
    suggestion: "UpdateContactAttributes",
    reason: `${LEGACY} "Set contact attributes" is written as UpdateContactAttributes.`,
  },
  {
    name: "SetCallBackNumber",
    suggestion: "UpdateContactCallbackNumber",
    reason: `${LEGACY} "Set callback number" is written as UpdateContactCallbackNumber.`,
  },
  {
    name: "SetCallbackNumber",
    suggestion: "UpdateContactCallbackNumber",
    reason: "\"Set callback number\" is a designer block name; it is written as UpdateContactCallbackNumber.",
  },
  {
    name: "SetContactData",
    suggestion: "UpdateContactData",
    reason: `${LEGACY} Contact fields and Voice ID settings are written as UpdateContactData.`,
  },
  {
    name: "SetContactFlow",
    suggestion: "UpdateContactEventHooks",
    reason: `${LEGACY} "Set customer queue / hold / whisper flow" is written as UpdateContactEventHooks.`,
  },
  {
    name: "SetEventHook",
    suggestion: "UpdateContactEventHooks",
    reason: `${LEGACY} Event hooks are set with UpdateContactEventHooks.`,
  },
  {
    name: "SetLoggingBehavior",
    suggestion: "UpdateFlowLoggingBehavior",
    reason: `${LEGACY} "Set logging behavior" is written as UpdateFlowLoggingBehavior.`,
  },
  {
    name: "SetQueue",
    suggestion: "UpdateContactTargetQueue",
    reason: `${LEGACY} "Set working queue" is written as UpdateContactTargetQueue.`,
  },
  {
    name: "SetRecordingBehavior",
    suggestion: "UpdateContactRecordingBehavior",
    reason: `${LEGACY} Recording settings are written as UpdateContactRecordingBehavior (or UpdateContactRecordingAndAnalyticsBehavior).`,
  },
  {
    name: "SetVoice",
    suggestion: "UpdateContactTextToSpeechVoice",
    reason: `${LEGACY} "Set voice" is written as UpdateContactTextToSpeechVoice.`,
  },
  {
    name: "SetVoiceId",
    suggestion: "StartVoiceIdStream",
    reason: `${LEGACY} "Set Voice ID" is written as StartVoiceIdStream plus UpdateContactData for its settings.`,
  },
  {
    // The entry point of a flow is not an action: the top-level StartAction key names the first action.
    name: "Start",
    suggestion: "StartAction",
    reason: "There is no Start action type; set the top-level StartAction key to the Identifier of the first action.",
  },
  {
    name: "StartMediaStreaming",
    suggestion: "UpdateContactMediaStreamingBehavior",
    reason: `${LEGACY} Write UpdateContactMediaStreamingBehavior with MediaStreamingState "Enabled".`,
  },
  {
    name: "StopMediaStreaming",
    suggestion: "UpdateContactMediaStreamingBehavior",
    reason: `${LEGACY} Write UpdateContactMediaStreamingBehavior with MediaStreamingState "Disabled".`,
  },
  {
    name: "StoreUserInput",
    suggestion: "GetParticipantInput",
    reason: `${LEGACY} "Store customer input" is GetParticipantInput with StoreInput "True".`,
  },
  {
    name: "Transfer",
    suggestion: "TransferContactToQueue",
    reason: `${LEGACY} Use TransferContactToQueue (queue), TransferToFlow (flow) or TransferParticipantToThirdParty (phone number).`,
  },
  {
    name: "TransferContactToFlow",
    suggestion: "TransferToFlow",
    reason: "Not an action type; transfers to another flow are written as TransferToFlow.",
  },
  {
    name: "TransferToQueue",
    suggestion: "TransferContactToQueue",
    reason: "Not an action type; the queue transfer is TransferContactToQueue (DequeueContactAndTransferToQueue in customer queue flows).",
  },
];
