export * from './limits';
export * from './describe';
export * from './create';
export * from './send';
export * from './validate';
export * from './paymentLink';
