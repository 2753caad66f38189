/** Messages of the call-data area (imports, store, report sla), zh-CN. */
export const catalogue: Record<string, string> = {};
