export * from './envelope';
export * from './event-store.port';
export * from './errors';
export * from './validation';
export * from './record-clock';
export * from './uuid';
export * from './integrity/event-hash';
export * from './upcasting/upcasters';
