// Texts of one area, in every language. The German and Chinese tables must have every English key
// (the type says so), like the main tables in ../en.ts.
export const encryptionEn = {
};

type EncryptionKey = keyof typeof encryptionEn;

export const encryptionDe: Record<EncryptionKey, string> = {
};

export const encryptionZh: Record<EncryptionKey, string> = {
};
