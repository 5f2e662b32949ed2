export * from './open';
export * from './migrate';
export * from './backup';
