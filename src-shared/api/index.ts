export * from './envelope';
export * from './events';
export * from './bridge';
export * from './methods';
