// Realistic demo data for seeded simulators: what a call-centre manager would recognise.

export const DEMO_TASK_NAMES: { en: string; zh: string }[] = [
  { en: "Double 11 follow-up", zh: "双十一回访" },
  { en: "Credit card instalment reminder", zh: "信用卡分期提醒" },
  { en: "Renewal reminder Q4", zh: "第四季度续保提醒" },
  { en: "New member welcome call", zh: "新会员欢迎回访" },
  { en: "Loan repayment reminder", zh: "贷款还款提醒" },
  { en: "Delivery satisfaction survey", zh: "配送满意度调查" },
  { en: "Broadband contract renewal", zh: "宽带续约通知" },
  { en: "Spring Festival promotion", zh: "春节促销活动通知" },
  { en: "After-sales service survey", zh: "售后服务满意度回访" },
  { en: "Course trial invitation", zh: "体验课邀约" },
  { en: "Dormant customer reactivation", zh: "沉睡客户唤醒" },
  { en: "Appointment confirmation", zh: "预约到店确认" },
];

// Mobile number segments in wide use (China Mobile 134–139/150–152/157–159/182–184/187/188,
// China Unicom 130–132/155/156/185/186, China Telecom 133/153/180/181/189).
const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
  "150", "151", "152", "153", "155", "156", "157", "158", "159",
  "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
];

/** n distinct 11-digit CN mobile numbers (no +86), repeatable for a seeded `random`. */
export function demoPhones(n: number, random: () => number): string[] {
  const phones = new Set<string>();
  while (phones.size < n) {
    let phone = MOBILE_PREFIXES[Math.floor(random() * MOBILE_PREFIXES.length)];
    for (let i = 0; i < 8; i++) phone += String(Math.floor(random() * 10));
    phones.add(phone);
  }
  return [...phones];
}
