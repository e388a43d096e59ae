// Texts of one area, in every language. The German and Chinese tables must have every English key
// (the type says so), like the main tables in ../en.ts.
export const keywordsEn = {
};

type KeywordsKey = keyof typeof keywordsEn;

export const keywordsDe: Record<KeywordsKey, string> = {
};

export const keywordsZh: Record<KeywordsKey, string> = {
};
