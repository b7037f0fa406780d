import Module, { createRequire } from 'node:module';

export interface DeferredModule {
  /** The module's file, as Node's module cache knows it. */
  readonly file: string;
  /** Whether the real module has been loaded. */
  readonly loaded: boolean;
  /** Loads the real module now (once) and returns its exports. */
  load(): object;
}

/**
 * Puts a stand-in for a CommonJS module into Node's module cache, so that whoever requires it next
 * (another package, as resolved from `resolveFrom`) gets an object that loads the real module on
 * first use: the first read of any property not in `early`, or any enumeration, `in` or write.
 * Until then, reads of the properties in `early` return those values, which must equal the real
 * module's (a test checks each of ours). After the load, every operation goes to the real module,
 * and later requires get the real module itself.
 *
 * For a dependency whose code requires a heavy module at load time but uses it only later, and
 * only for a module whose exports are an object: the stand-in cannot be called or constructed.
 * Returns undefined, changing nothing, when the module is already loaded.
 */
export function deferModule(resolveFrom: string, id: string, early: Readonly<Record<string, unknown>> = {}): DeferredModule | undefined {
  const requireFrom = createRequire(resolveFrom);
  const file = requireFrom.resolve(id);
  if (require.cache[file]) return undefined;

  let real: object | undefined;
  const load = (): object => {
    if (real === undefined) {
      delete require.cache[file];
      real = requireFrom(file) as object;
    }
    return real;
  };
  const earlyOrLoaded = (key: string | symbol): unknown =>
    real === undefined && typeof key === 'string' && Object.hasOwn(early, key) ? early[key] : Reflect.get(load(), key);

  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = new Proxy(Object.create(null) as object, {
    get: (_target, key) => earlyOrLoaded(key),
    has: (_target, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      // The proxy's own target is empty: a proxy may only report a property it lacks as configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    set: (_target, key, value) => Reflect.set(load(), key, value),
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(load(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(load(), key),
  });
  require.cache[file] = standIn;

  return {
    file,
    get loaded() {
      return real !== undefined;
    },
    load,
  };
}
