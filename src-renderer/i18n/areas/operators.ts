// Texts of one area, in every language. The German and Chinese tables must have every English key
// (the type says so), like the main tables in ../en.ts.
export const operatorsEn = {
};

type OperatorsKey = keyof typeof operatorsEn;

export const operatorsDe: Record<OperatorsKey, string> = {
};

export const operatorsZh: Record<OperatorsKey, string> = {
};
