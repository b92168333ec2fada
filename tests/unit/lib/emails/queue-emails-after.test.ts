// Emails caused inside a transaction are queued only after it returned: before, their outbox rows are not
// committed (and queueing would take a second connection while the transaction holds one).
import { describe, expect, it } from "vitest";
import { queueEmailsAfter, queueOutboxEmails } from "@/lib/emails/outbox";
import type { JobQueue } from "@/lib/queue/queues";

function recordingQueue(): JobQueue & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(_queue, data) {
      sent.push(data.outboxId!);
    },
  };
}

describe("queueEmailsAfter", () => {
  it("queues what the work asked for once the work has returned, not before", async () => {
    const queue = recordingQueue();
    const result = await queueEmailsAfter(async () => {
      await queueOutboxEmails(["a", "b"], queue);
      await queueOutboxEmails(["c"], queue);
      expect(queue.sent).toEqual([]);
      return 42;
    });
    expect(result).toBe(42);
    expect(queue.sent).toEqual(["a", "b", "c"]);
  });

  it("queues nothing when the work throws (its rows were rolled back)", async () => {
    const queue = recordingQueue();
    await expect(
      queueEmailsAfter(async () => {
        await queueOutboxEmails(["a"], queue);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(queue.sent).toEqual([]);
  });

  it("nested, leaves the queueing to the outermost work", async () => {
    const queue = recordingQueue();
    await queueEmailsAfter(async () => {
      await queueEmailsAfter(async () => queueOutboxEmails(["inner"], queue));
      expect(queue.sent).toEqual([]);
    });
    expect(queue.sent).toEqual(["inner"]);
  });

  it("does not hold back emails queued outside it", async () => {
    const queue = recordingQueue();
    await queueOutboxEmails(["now"], queue);
    expect(queue.sent).toEqual(["now"]);
  });
});
