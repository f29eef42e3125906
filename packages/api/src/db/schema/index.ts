export * from './org.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './keys.ts';
export * from './care.ts';
export * from './queue.ts';
export * from './live.ts';
