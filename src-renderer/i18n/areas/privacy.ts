// Texts of one area, in every language. The German and Chinese tables must have every English key
// (the type says so), like the main tables in ../en.ts.
export const privacyEn = {
};

type PrivacyKey = keyof typeof privacyEn;

export const privacyDe: Record<PrivacyKey, string> = {
};

export const privacyZh: Record<PrivacyKey, string> = {
};
