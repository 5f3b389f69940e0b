// Demo credentials the embedded Aliyun VMS simulator accepts. Obviously fake; fine to commit.
export const DEMO_CREDENTIALS: Record<string, string> = {
  accessKeyId: "LTAIdemoDialboardNotReal",
  accessKeySecret: "demo-aliyun-vms-secret-not-real",
};

/** The call centre the demo tasks belong to (any numeric EnterpriseId works in the simulator). */
export const DEMO_SETTINGS: Record<string, string> = {
  enterpriseId: "7000002",
  regionId: "cn-hangzhou",
};
