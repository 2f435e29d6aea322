/**
 * Node flags of the server process, for every way the project starts it:
 * `npm start`, `npm run serve` and the benchmark.
 *
 * Semi-spaces of 16 MiB each, V8's own maximum on this kind of machine,
 * set here so that machines with other defaults behave alike. Every chat
 * call allocates short-lived objects, which a young generation half that
 * size has to collect about twice as often. Alternating quick runs (2
 * cores, Node 20.20.2) measured the server at 780 to 809 µs of CPU time
 * per message end to end against 863 to 912 with 8 MiB. Draining, it used
 * 136 to 150 µs per event against 154 to 156. The price is up to 16 MiB
 * more resident memory under load: a 150,000-event backlog peaked at 170
 * MiB against 153, and BENCHMARKS.md has the 1,000,000-event run. V8 reads
 * the flag only at start, so the server cannot set it itself.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16'];
