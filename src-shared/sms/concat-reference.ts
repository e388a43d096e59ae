export interface ConcatReferenceAllocatorOptions {
  /** 8-bit (IEI 00, the default) or 16-bit (IEI 08) references. */
  bits?: 8 | 16;
  /**
   * Where a destination's sequence starts. Default: random, so references handed out before a
   * restart are unlikely to be reused for the same phone while it may still hold a partial.
   */
  initial?: (destination: string) => number;
}

/**
 * Concatenation references per destination (TS 23.040 9.2.3.24.1): consecutive long messages
 * to the same phone get different references, so its reassembly never mixes their parts.
 */
export class ConcatReferenceAllocator {
  private readonly nextByDestination = new Map<string, number>();
  private readonly modulus: number;
  private readonly initial: (destination: string) => number;

  constructor(options: ConcatReferenceAllocatorOptions = {}) {
    this.modulus = options.bits === 16 ? 0x10000 : 0x100;
    this.initial = options.initial ?? (() => Math.floor(Math.random() * this.modulus));
  }

  next(destination: string): number {
    const current = this.nextByDestination.get(destination) ?? this.initial(destination);
    const reference = ((Math.floor(current) % this.modulus) + this.modulus) % this.modulus;
    this.nextByDestination.set(destination, (reference + 1) % this.modulus);
    return reference;
  }
}
