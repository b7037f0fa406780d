export { understand } from './understand';
export { CONFIDENCE } from './context';
export { EXPECTING, INTENTS } from './types';
export type { Entities, Expecting, Intent, PartOfDay, UnderstandContext, Understanding, WhenEntity } from './types';
