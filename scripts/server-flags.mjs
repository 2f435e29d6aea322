/**
 * Node flags of the server process, for every way the project starts it:
 * `npm start`, `npm run serve` and the benchmark.
 *
 * On this kind of machine V8 lets its young generation grow to two
 * semi-spaces of 16 MiB each. With 8 MiB each, a 150,000-event backlog
 * run peaked at 153 MiB of resident memory against 170 MiB, and filled
 * and drained as fast; 4 MiB saved more but cost the drain about 10% more
 * CPU time per event. V8 reads the flag only at start, so the server
 * cannot set it itself the way it sets the heap's growth.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'];
