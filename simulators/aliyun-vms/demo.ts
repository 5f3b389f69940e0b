// Demo credentials the embedded Aliyun VMS simulator accepts. Obviously fake; fine to commit.
export const DEMO_CREDENTIALS: Record<string, string> = {
  accessKeyId: "LTAIdemoDialboardNotReal",
  accessKeySecret: "demo-aliyun-vms-secret-not-real",
};

/** The call centre the demo tasks belong to (any numeric EnterpriseId works in the simulator). */
export const DEMO_SETTINGS: Record<string, string> = {
  enterpriseId: "7000002",
  regionId: "cn-hangzhou",
  // The demo call centre's agents and IVR (seed.ts gives its tasks agents 2001–2003 and IVR 330): offered as
  // choices in the task wizard.
  agentNumbers: "2001,2002,2003",
  ivrIds: "330",
};
