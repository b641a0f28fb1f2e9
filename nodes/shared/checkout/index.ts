export * from './crypto';
export * from './answer';
