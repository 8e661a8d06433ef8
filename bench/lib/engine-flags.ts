/**
 * The V8 flags the serving processes run with (`npm start`, `start:projector`, deploy/Dockerfile): a
 * 32 MB young generation. Requests and appends allocate many short-lived objects; with V8's default
 * 16 MB semi-space they were scavenged twice as often, about 8 % of bench:http's throughput and 10 % of
 * bench:store's append100 in alternated runs. The command line (`covenant`, and so `covenant rebuild`)
 * keeps V8's default: with the larger young generation a rebuild's peak RSS rose from about 230 MB to
 * about 410 MB, above the 300 MB bar, for no gain in speed.
 */
export const ENGINE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
