/**
 * Node flags the service is started with: package.json's `start`, the Dockerfile's CMD and the
 * benchmarks (test/unit/docker.test.ts holds them equal). NODE_OPTIONS cannot carry them: Node
 * refuses `--heap-growing-percent` there (it takes `--max-old-space-size`).
 *
 * `--heap-growing-percent=200`: a full collection is due when the old generation reaches 3 times
 * what the last one kept, not the 4 times V8 allows by default under a heap limit of 2 GB or more
 * (its default on any machine with 16 GB or more). Under saturating load at 100k events the
 * service's RSS fell from 307–308 MB to 249–256 MB with CPU per request within the run's drift;
 * 2 times held it near 200–220 MB at 4–7 % more CPU (docs/BENCHMARKS.md, "Memory under load").
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--heap-growing-percent=200'];
