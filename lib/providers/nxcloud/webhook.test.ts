import { describe, expect, it } from "vitest";
import { nxcloudParseWebhook } from "./webhook";

const taskCreatedAt = 1_780_000_000;

function statusCallback(taskStatus: number, headers: Record<string, string>) {
  const rawBody = JSON.stringify({
    callbackType: 1,
    userTaskID: "u-1",
    taskID: "7300000000000000001",
    sceneID: "s",
    taskStatus,
    // "Task creation timestamp": the same in every callback of the task.
    createTs: taskCreatedAt,
    taskStat: { answerOrderCount: 0, finishOrderCount: 0, totalOrderCount: 3, finishRate: 0, totalAnswerCall: 0, totalCall: 0, answerRate: 0 },
  });
  return { headers, query: {}, rawBody };
}

describe("nxcloudParseWebhook: task status", () => {
  it("dates the event by the header's createTs, not the body's (the task's creation)", () => {
    const sentAt = taskCreatedAt + 86_400;
    const [event] = nxcloudParseWebhook(statusCallback(5, { createts: String(sentAt), requestid: "r-1" }));
    expect(event).toMatchObject({ type: "task-status", status: "paused", remoteTaskId: "u-1" });
    expect(event.occurredAt).toEqual(new Date(sentAt * 1000));
  });

  it("two changes to the same status are two events; a re-delivery is the same one", () => {
    const first = nxcloudParseWebhook(statusCallback(2, { createts: String(taskCreatedAt + 60), requestid: "r-1" }))[0];
    const again = nxcloudParseWebhook(statusCallback(2, { createts: String(taskCreatedAt + 60), requestid: "r-1" }))[0];
    const later = nxcloudParseWebhook(statusCallback(2, { createts: String(taskCreatedAt + 600), requestid: "r-2" }))[0];
    expect(again.dedupeKey).toBe(first.dedupeKey);
    expect(later.dedupeKey).not.toBe(first.dedupeKey);
  });

  it("without a usable header createTs the event is dated by its receipt", () => {
    const receivedAt = new Date("2026-03-02T01:00:00Z");
    const [event] = nxcloudParseWebhook(statusCallback(3, { requestid: "r-1" }), receivedAt);
    expect(event.occurredAt).toEqual(receivedAt);
  });
});
