// The WShoto simulator's state and its demo seed: follow-up and super mass-send tasks as a WeCom
// SCRM team would have them (docs/providers/wshoto.md §3, seed 003). Ids are 19-digit strings (int64 > 2^53).
import { mulberry32 } from "../core/faults";
import { bigId } from "../core/ids";

export interface SimMaterial {
  id: string;
  type: number;
  send_type: number;
  is_poster: boolean;
  combination_id: string;
  package_config_id: string;
}

/** One employee's share of a task. followed = min(plan, baseFollowed + ⌊ratePerHour × running hours⌋). */
export interface SimExecution {
  id: string;
  user_id: string;
  plan: number;
  baseFollowed: number;
  ratePerHour: number;
}

export interface SimTask {
  template_id: string;
  template_name: string;
  /** 1 follow up customers, 2 follow up customer groups, 3 super mass-send. */
  template_type: number;
  priority: number;
  create_user_id: string;
  delay_type: number;
  /** Unix seconds, as on the wire. */
  create_time: number;
  update_time: number;
  send_time: number;
  end_time: number;
  /** 0 not started, 1 creating, 2 in progress, 3 ended, 4 expired, −1 create failed. */
  status: number;
  task_mode: number;
  source: number;
  error_info: string;
  filter_type: number;
  explain: { content: string; materials: SimMaterial[] };
  verbal_wrap: { verbal_title: string; materials: SimMaterial[] };
  filter_range_info: string;
  executions: SimExecution[];
  /** Simulated epoch ms since which the task is in progress (status 2), else null. */
  runningSinceMs: number | null;
}

export interface SimToken {
  appid: string;
  token: string;
  /** Unix seconds. */
  createAt: number;
  expiresAt: number;
}

export interface WshotoSimState {
  tasks: SimTask[];
  tokens: SimToken[];
  /** Calls of the token endpoint, so tests can prove the client caches its token. */
  tokenRequests: number;
  /** Request bodies as received (latest last, bounded), so tests can check ids were sent as bare digits. */
  receivedBodies: { path: string; body: string }[];
}

// The ids in WShoto's own examples (docs/providers/wshoto.md §4 "int64 ids"): the detail request and the list.
export const DOC_TEMPLATE_ID = "1254676189925432389";
export const DOC_LIST_TEMPLATE_ID = "1561935932083487170";

const EMPLOYEES = ["zhangwei", "lina", "wangfang", "liuyang", "chenjing", "yangtao", "zhaolei", "huangmin"];
const HOUR = 3600;
const DAY = 24 * HOUR;

interface DemoTask {
  id?: string;
  name: string;
  type: number;
  status: number;
  priority: number;
  createdDaysAgo: number;
  /** Days from creation to send (scheduled tasks), 0 = immediately. */
  sendAfterDays: number;
  runsDays: number;
  /** Share of the plan already followed at seed time, 0..1. */
  done: number;
  employees: number;
  content: string;
  verbalTitle: string;
  filter: { type: number; range: Record<string, unknown> };
  errorInfo?: string;
}

const DEMO_TASKS: DemoTask[] = [
  {
    id: DOC_TEMPLATE_ID,
    name: "双十二老客户回访",
    type: 1,
    status: 2,
    priority: 3,
    createdDaysAgo: 3,
    sendAfterDays: 0,
    runsDays: 7,
    done: 0.35,
    employees: 5,
    content: "请在活动结束前回访双十二下单的老客户，确认收货体验，并邀请加入会员福利群。",
    verbalTitle: "老客户回访话术",
    filter: {
      type: 3,
      range: {
        include_tags: { operator: 1, tag_list: [{ tag_id: "et_d12_order", tag_name: "双十二下单", tag_type: 1 }] },
        sex: "ALL",
        is_all_customer: false,
        is_all_customer_group: false,
      },
    },
  },
  {
    id: DOC_LIST_TEMPLATE_ID,
    name: "会员日群发",
    type: 3,
    status: 3,
    priority: 2,
    createdDaysAgo: 20,
    sendAfterDays: 0,
    runsDays: 2,
    done: 1,
    employees: 4,
    content: "每月 8 日会员日：全场 8 折，积分双倍，请将海报发送到所负责的客户群。",
    verbalTitle: "会员日群发文案",
    filter: { type: 1, range: { group_name_list: ["会员"], is_all_customer_group: false } },
  },
  {
    name: "新品试用跟进",
    type: 1,
    status: 0,
    priority: 2,
    createdDaysAgo: 0,
    sendAfterDays: 2,
    runsDays: 5,
    done: 0,
    employees: 3,
    content: "新品上市后，请联系领取过试用装的客户，了解使用感受并登记反馈。",
    verbalTitle: "试用回访话术",
    filter: {
      type: 3,
      range: {
        include_tags: { operator: 1, tag_list: [{ tag_id: "et_trial", tag_name: "领取试用装", tag_type: 1 }] },
        age_range: "25~40",
        sex: "F",
      },
    },
  },
  {
    name: "年货节社群预热",
    type: 2,
    status: 2,
    priority: 6,
    createdDaysAgo: 1,
    sendAfterDays: 0,
    runsDays: 6,
    done: 0.2,
    employees: 4,
    content: "年货节开始前在客户群内预热，发布活动日历和限时秒杀预告。",
    verbalTitle: "社群预热话术",
    filter: { type: 1, range: { group_name_list: ["福利群", "粉丝群"], is_all_customer_group: false } },
  },
  {
    name: "春节祝福超级群发",
    type: 3,
    status: 4,
    priority: 1,
    createdDaysAgo: 60,
    sendAfterDays: 1,
    runsDays: 3,
    done: 0.6,
    employees: 6,
    content: "新春将至，向全部客户群发送春节祝福与到店礼券。",
    verbalTitle: "春节祝福",
    filter: { type: 1, range: { is_all_customer_group: true } },
  },
  {
    name: "高净值客户季度回访",
    type: 1,
    status: 3,
    priority: 3,
    createdDaysAgo: 40,
    sendAfterDays: 0,
    runsDays: 10,
    done: 0.92,
    employees: 3,
    content: "本季度请逐一回访资产等级 A 的客户，了解需求变化并预约面谈。",
    verbalTitle: "季度回访话术",
    filter: {
      type: 3,
      range: { include_tags: { operator: 2, tag_list: [{ tag_id: "et_level_a", tag_name: "A级客户", tag_type: 1 }] } },
    },
  },
  {
    name: "门店开业邀约群发",
    type: 3,
    status: 1,
    priority: 2,
    createdDaysAgo: 0,
    sendAfterDays: 0,
    runsDays: 3,
    done: 0,
    employees: 5,
    content: "新店开业，邀请附近客户到店体验，凭群发海报领取开业礼。",
    verbalTitle: "开业邀约",
    filter: { type: 1, range: { group_name_list: ["同城"], is_all_customer_group: false } },
  },
  {
    name: "流失客户召回",
    type: 1,
    status: -1,
    priority: 2,
    createdDaysAgo: 5,
    sendAfterDays: 0,
    runsDays: 3,
    done: 0,
    employees: 0,
    content: "召回 90 天未互动的客户，发送专属回归优惠。",
    verbalTitle: "召回话术",
    filter: { type: 4, range: {} },
    errorInfo: "分配员工 zhoujie 已离职，无法创建跟进任务",
  },
];

function material(random: () => number, type: number): SimMaterial {
  return {
    id: bigId(random),
    type,
    send_type: type === 1 ? 1 : 2,
    is_poster: type === 1,
    combination_id: `cmb_${Math.floor(random() * 1e8)}`,
    package_config_id: `pkg_${Math.floor(random() * 1e6)}`,
  };
}

/** The demo tasks as of simulated time `nowMs`, repeatable (seeded random). */
export function demoTasks(nowMs: number): SimTask[] {
  const random = mulberry32(20_241_212);
  const now = Math.floor(nowMs / 1000);
  return DEMO_TASKS.map((demo) => {
    const created = now - demo.createdDaysAgo * DAY - (demo.createdDaysAgo === 0 ? 30 : 2 * HOUR);
    const send = created + demo.sendAfterDays * DAY;
    const end = send + demo.runsDays * DAY;
    const employees = EMPLOYEES.slice(0, demo.employees);
    const executions = employees.map((user_id) => {
      const plan = 20 + Math.floor(random() * 60);
      return {
        id: bigId(random),
        user_id,
        plan,
        baseFollowed: Math.min(plan, Math.round(plan * demo.done * (0.7 + random() * 0.6))),
        // Tasks that are or will be in progress keep being followed up as simulated time passes.
        ratePerHour: [0, 1, 2].includes(demo.status) ? 1 + Math.floor(random() * 4) : 0,
      };
    });
    return {
      template_id: demo.id ?? bigId(random),
      template_name: demo.name,
      template_type: demo.type,
      priority: demo.priority,
      create_user_id: "admin_liqiang",
      delay_type: demo.sendAfterDays > 0 ? 2 : 1,
      create_time: created,
      update_time: created,
      send_time: send,
      end_time: end,
      status: demo.status,
      task_mode: 1,
      source: 2,
      error_info: demo.errorInfo ?? "",
      filter_type: demo.filter.type,
      explain: { content: demo.content, materials: [material(random, 1), material(random, 4)] },
      verbal_wrap: { verbal_title: demo.verbalTitle, materials: [material(random, 2)] },
      filter_range_info: JSON.stringify(demo.filter.range),
      executions,
      runningSinceMs: demo.status === 2 ? nowMs : null,
    };
  });
}
