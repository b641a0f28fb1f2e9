export * from './limits';
export * from './fields';
export * from './paymentSettings';
export * from './order';
export * from './status';
export * from './checkoutTemplate';
export * from './validate';
export * from './build';
