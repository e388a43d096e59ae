/** The engine's idea of "now" (UTC ms). Tests pass a clock they move by hand to cross quiet hours. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
