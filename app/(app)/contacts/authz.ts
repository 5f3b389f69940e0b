import type { FeatureAuthz } from "@/app/authz-matrix";

const UPLOAD = "00000000-0000-4000-8000-000000000000";
const MAPPING = { hasHeader: true, phone: 0, name: null, variables: [] };

export const authz: FeatureAuthz = {
  actions: {
    createContactListAction: { access: "manager", input: { name: "", defaultCountry: "CN" } },
    deleteContactListAction: { access: "manager", input: { listId: "nothing" } },
    previewUploadAction: { access: "manager", input: { uploadId: UPLOAD, listId: null } },
    startImportAction: { access: "manager", input: { uploadId: UPLOAD, fileName: "a.csv", listId: "nothing", mapping: MAPPING } },
    cancelJobAction: { access: "manager", input: { jobId: "nothing" } },
    setContactCapsAction: { access: "manager", input: { enabled: false, perDay: 0, perWeek: 0 } },
    addDncAction: { access: "manager", input: { phone: "x", scope: "global", reason: "", expiresOn: null } },
    removeDncAction: { access: "manager", input: { phone: "13800138000", scope: "global" } },
    startDncImportAction: { access: "manager", input: { uploadId: UPLOAD, fileName: "a.csv", scope: "global", reason: "", expiresOn: null, mapping: MAPPING } },
  },
};
