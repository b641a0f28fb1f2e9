export * from './crypto';
export * from './answer';
export * from './endpoint';
