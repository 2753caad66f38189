/** Messages of the call-data area (imports, store, report sla), en. */
export const catalogue: Record<string, string> = {};
