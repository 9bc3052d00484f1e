/** Local fakes of the OpenAI, Anthropic and Ollama chat APIs for tests through the real SDKs. */
export {
  closedPort,
  type FakeLlmOptions,
  type FakeLlmServer,
  type FakeRateLimit,
  type FakeStats,
  type RecordedRequest,
  type Scripted,
  startFakeLlm,
} from "./fake-server.js";
export {
  type AnswerOptions,
  CHAT_PATHS,
  errorBody,
  type FakeProtocol,
  jsonBody,
  textBody,
} from "./protocols.js";
