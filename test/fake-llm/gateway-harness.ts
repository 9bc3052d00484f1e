/** Test setup shared by the gateway suites: a fake server, a real SQLite ledger in a temp dir, a gateway. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGateway, type Gateway, type LlmConfigInput } from "../../llm/index.js";
import { type Memory, openMemory } from "../../memory/index.js";
import { type FakeLlmOptions, type FakeLlmServer, type FakeProtocol, startFakeLlm } from "./index.js";

/** Looks like a real key, so the shape-based redaction is exercised as well as the exact one. */
export const TEST_KEY = "sk-test-Alch3mistSecretKey-0123456789";

export interface Harness {
  fake: FakeLlmServer;
  memory: Memory;
  gateway: Gateway;
  dir: string;
  /** Builds another gateway on the same fake and ledger. */
  gatewayWith(config: Partial<LlmConfigInput>): Gateway;
  close(): Promise<void>;
}

/** Fast retries (a few ms of backoff) so fault tests stay quick on a small machine. */
export const FAST: Partial<LlmConfigInput> = {
  timeoutMs: 3000,
  maxRetries: 2,
  backoffBaseMs: 5,
  backoffMaxMs: 20,
};

export async function harness(
  protocol: FakeProtocol,
  config: Partial<LlmConfigInput> = {},
  fakeOptions: FakeLlmOptions = {},
): Promise<Harness> {
  const fake = await startFakeLlm(protocol, fakeOptions);
  const dir = mkdtempSync(join(tmpdir(), "alchemist-llm-"));
  const memory = openMemory(join(dir, "memory.db"));
  const gatewayWith = (c: Partial<LlmConfigInput>) =>
    createGateway(
      { model: `${protocol}/fake-model`, baseUrl: fake.baseUrl, apiKey: TEST_KEY, ...FAST, ...c },
      { ledger: memory.ledger, env: {} },
    );
  return {
    fake,
    memory,
    gateway: gatewayWith(config),
    dir,
    gatewayWith,
    close: async () => {
      await fake.close();
      memory.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejection(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error("expected a rejection, got a value");
}
