import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  routes: {
    "api/contacts/uploads/route.ts": { methods: { POST: "manager" }, url: "http://localhost/api/contacts/uploads", body: "phone\n13800138000\n" },
    "api/contacts/lists/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/contacts/lists" },
    "api/contacts/lists/[id]/send-summary/route.ts": {
      methods: { GET: "manager" },
      url: "http://localhost/api/contacts/lists/nothing/send-summary?accountId=x",
      params: { id: "nothing" },
    },
    "api/jobs/[id]/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/jobs/nothing", params: { id: "nothing" } },
    "api/jobs/[id]/problems/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/jobs/nothing/problems", params: { id: "nothing" } },
    "api/tasks/[id]/numbers/export/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/tasks/nothing/numbers/export", params: { id: "nothing" } },
    "api/tasks/[id]/send-summary/route.ts": { methods: { GET: "manager" }, url: "http://localhost/api/tasks/nothing/send-summary?listId=x", params: { id: "nothing" } },
  },
};
