/**
 * Rate-limit rows of keys that stopped calling (an address seen once) would pile up forever:
 * every store deletes the expired ones once per this many hits. Cheap (an index range on
 * reset_at) and needs no timer that a test or a shutdown would have to stop.
 */
export const RATE_LIMIT_PRUNE_EVERY = 1000;
