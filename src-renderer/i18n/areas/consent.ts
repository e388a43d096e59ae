// Texts of one area, in every language. The German and Chinese tables must have every English key
// (the type says so), like the main tables in ../en.ts.
export const consentEn = {
};

type ConsentKey = keyof typeof consentEn;

export const consentDe: Record<ConsentKey, string> = {
};

export const consentZh: Record<ConsentKey, string> = {
};
