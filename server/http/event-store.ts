/** An in-memory EventStore for 2025-era sessions: SSE streams can be resumed with Last-Event-ID (SEP-1699). */
import type { EventStore, JSONRPCMessage } from "@modelcontextprotocol/server";

/** Events kept per store; older ones are dropped (a client that far behind re-initializes). */
const MAX_EVENTS = 1000;

export function createEventStore(): EventStore {
  const events: { id: string; stream: string; message: JSONRPCMessage }[] = [];
  let next = 0;
  return {
    async storeEvent(stream, message) {
      const id = `${stream}_${++next}`;
      events.push({ id, stream, message });
      if (events.length > MAX_EVENTS) events.shift();
      return id;
    },
    async getStreamIdForEventId(eventId) {
      return events.find((e) => e.id === eventId)?.stream;
    },
    async replayEventsAfter(lastEventId, { send }) {
      const at = events.findIndex((e) => e.id === lastEventId);
      const stream = at >= 0 ? (events[at]?.stream ?? "") : (lastEventId.split("_")[0] ?? "");
      for (const e of events.slice(at + 1)) if (e.stream === stream) await send(e.id, e.message);
      return stream;
    },
  };
}
