/**
 * The V8 flags every Covenant process runs with (`npm start`, `start:projector`, `bin/covenant.js`,
 * deploy/Dockerfile): a 32 MB young generation. Requests and appends allocate many short-lived objects;
 * with V8's default 16 MB semi-space they were scavenged twice as often, about 8 % of bench:http's
 * throughput and 10 % of bench:store's append100. Child processes the benchmarks start get the same.
 */
export const ENGINE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
