// Texts of one area, in every language. The German and Chinese tables must have every English key
// (the type says so), like the main tables in ../en.ts.
export const auditEn = {
};

type AuditKey = keyof typeof auditEn;

export const auditDe: Record<AuditKey, string> = {
};

export const auditZh: Record<AuditKey, string> = {
};
