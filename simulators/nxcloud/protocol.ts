// The NXCloud Callbot API v3 as this simulator reads it from the documents (docs/providers/nxcloud.md §1),
// written here rather than taken from the client so that a misreading in one shows up against the other.

export const PATHS = {
  ping: "/callcentre/api/v3/ping",
  createTask: "/callcentre/api/v3/createTask",
  updateTask: "/callcentre/api/v3/updateTask",
  mgrTaskStatus: "/callcentre/api/v3/mgrTaskStatus",
  listTask: "/callcentre/api/v3/listTask",
  addBatchCall: "/callcentre/api/v3/addBatchCall",
  listOrder: "/callcentre/api/v3/listOrder",
  listOrderDetail: "/callcentre/api/v3/listOrderDetail",
  stopOrder: "/callcentre/api/v3/stopOrder",
  listCall: "/callcentre/api/v3/listCall",
} as const;

/** "Response Code Enumeration" (listCall, exportBatchCall pages). */
export const RET = {
  ok: 0,
  general: 1,
  missingParameter: 2,
  badFormat: 3,
  badValue: 4,
  tooManyElements: 4001,
  internal: 5001,
  badSign: 6,
  missingSign: 6001,
  noAccount: 6002,
  noPermission: 6003,
} as const;

/** listTask's taskStatus table: 1 pending, 2 in progress, 3 completed, 4 completed (failed), 5 paused. */
export const TASK_STATUS = { pending: 1, running: 2, completed: 3, failed: 4, paused: 5 } as const;
/** mgrTaskStatus taskOperate: 1 start, 2 pause, 3 complete. */
export const TASK_OPERATE = { start: 1, pause: 2, complete: 3 } as const;
/** startupType: 1 manual, 2 scheduled (startupAt), 3 immediate. */
export const STARTUP_TYPE = { manual: 1, scheduled: 2, immediate: 3 } as const;

/**
 * callStatus values. INFERENCE (docs/providers/nxcloud.md §4.1): NXCloud does not publish the enumeration;
 * these are the values Dialboard assumes on both sides, and every answered call also carries callAnswerTs.
 */
export const CALL_STATUS = { answered: 1, noAnswer: 2, busy: 3, unreachable: 4, rejected: 5, failed: 6 } as const;

/** listOrderDetail: "List of order IDs, limited to a maximum of 500". */
export const ORDER_DETAIL_MAX = 500;
/** INFERENCE (docs/providers/nxcloud.md §4.5): addBatchCall's and stopOrder's limits are not published; 500 as listOrderDetail. */
export const BATCH_MAX = 500;
/** INFERENCE (docs/providers/nxcloud.md §4.5): the largest page is not published; the simulator refuses absurd pages. */
export const PAGE_SIZE_MAX = 1000;
/** INFERENCE (docs/providers/nxcloud.md §4.9): when roundRedial redials within the round is not published; simulated minutes. */
export const REDIAL_GAP_MINUTES = 10;
/** Text fields are not limited in the documents; the simulator bounds what it stores. */
export const TEXT_MAX = 1000;
