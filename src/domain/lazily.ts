/**
 * A value made on its first use and kept. For the libraries no first reply needs: a process that
 * loads them at start-up answers its first message later (docs/performance.md#start-up).
 */
export function lazily<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
