// Every text this provider shows a manager, from its own catalog (messages/<locale>/provider-aliyun-vms.json).
import en from "../../../messages/en/provider-aliyun-vms.json";
import zh from "../../../messages/zh-CN/provider-aliyun-vms.json";
import { catalogText, type CatalogKey } from "../../domain/text";

export type AliyunTextKey = CatalogKey<typeof en>;

export const aliyunText = catalogText(en, zh);
