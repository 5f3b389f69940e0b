// Answers and callbacks in the documents' shapes (docs/providers/nxcloud.md §1.4, §1.6).
import type { NxSimCall, NxSimOrder, NxSimTask } from "./state";
import { taskStatOf } from "./state";

/** One call as listOrderDetail's callInfoDetailList and the callbacks' callInfoDetail show it. */
export function callInfoDetail(call: NxSimCall, order: NxSimOrder | undefined) {
  const answered = call.callAnswerTs > 0;
  return {
    callID: call.callID,
    callingNumber: "862160000000",
    lineAddress: "sim-line-01",
    callStatus: call.callStatus,
    callStartTs: call.callStartTs,
    callAnswerTs: call.callAnswerTs,
    callEndTs: call.callEndTs,
    callDuration: call.callDuration,
    callAudioUrl: answered ? `https://nxbot.example.invalid/audio/${call.callID}.wav` : "",
    hangupCause: call.hangupCause,
    termSipCode: answered ? "200" : "480",
    intents: [],
    sms: [],
    agent: {
      agentName: null,
      agentGroup: null,
      agentCallStatus: null,
      agentCallElapsed: null,
      agentLabel: null,
      manualCallStart: null,
      manualCallAnswer: null,
      manualCallEnd: null,
      manualHangupBy: 0,
    },
    params: order?.params ?? [],
    recordDetail: [],
  };
}

/** listTask's taskData item. */
export function taskData(task: NxSimTask) {
  const s = task.setting;
  return {
    userTaskID: task.userTaskID,
    taskID: task.taskID,
    sceneID: task.sceneID,
    taskStatus: task.taskStatus,
    createTs: task.createTs,
    taskStat: taskStatOf(task),
    taskSetting: {
      taskCreateSetting: {
        strategyName: s.strategyName ?? "",
        startupType: s.startupType,
        startupAt: s.startupAt ?? 0,
        zoneSecond: s.zoneSecond,
        dialAtWeekDay: s.dialAtWeekDay,
        dialAtUpHour: s.dialAtUpHour,
        dialAtDownHour: s.dialAtDownHour,
        maxCall: s.maxCall,
        taskName: s.taskName,
        taskCallbackUrl: s.taskCallbackUrl ?? "",
        ...(s.maxRingTime !== undefined ? { maxRingTime: s.maxRingTime } : {}),
        ...(s.routeID !== undefined ? { routeID: s.routeID } : {}),
        manualCallSetting: s.manualCallSetting ?? {},
      },
      funcFlag: task.funcFlag,
    },
  };
}

/** The order fields listOrderDetail and the callbacks share. */
export function orderFields(task: NxSimTask, order: NxSimOrder) {
  return {
    orderID: order.id,
    userPhone: order.userPhone,
    userName: order.userName,
    sceneID: task.sceneID,
    userTaskID: task.userTaskID,
    taskID: task.taskID,
    finish: order.finished,
    other: order.other,
  };
}

/** taskCallback: its createTs is "Task creation timestamp" (docs/providers/nxcloud.md §2.7). */
export function taskCallback(task: NxSimTask) {
  return {
    callbackType: 1,
    userTaskID: task.userTaskID,
    taskID: task.taskID,
    sceneID: task.sceneID,
    taskStatus: task.taskStatus,
    createTs: task.createTs,
    taskStat: taskStatOf(task),
  };
}

/** orderCallback: callbackType is a string in its example. */
export function orderCallback(task: NxSimTask, order: NxSimOrder, call: NxSimCall) {
  const { callingNumber: _c, lineAddress: _l, recordDetail: _r, ...detail } = callInfoDetail(call, order);
  return { callbackType: "1", ...orderFields(task, order), callInfoDetail: detail };
}

/** callCallback: callbackType an integer, and the call's callingNumber and lineAddress. */
export function callCallback(task: NxSimTask, order: NxSimOrder, call: NxSimCall) {
  const { recordDetail: _r, ...detail } = callInfoDetail(call, order);
  return { callbackType: 2, ...orderFields(task, order), callInfoDetail: detail };
}
