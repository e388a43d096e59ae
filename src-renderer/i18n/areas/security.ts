// Texts of one area, in every language. The German and Chinese tables must have every English key
// (the type says so), like the main tables in ../en.ts.
export const securityEn = {
};

type SecurityKey = keyof typeof securityEn;

export const securityDe: Record<SecurityKey, string> = {
};

export const securityZh: Record<SecurityKey, string> = {
};
